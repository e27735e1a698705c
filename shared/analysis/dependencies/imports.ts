// The import specifiers of one source file, read from the tokens of scanner.ts (comments and
// strings never fool it). Runs per file inside a batch; the graph is resolved later, across the
// whole snapshot, by graph.ts. Specifiers are written as the file spells them, except Python's,
// which are dotted module names with their leading dots (see pythonImports).

import { type ScannerSyntax, scanTokens, type Token } from '#shared/analysis/dependencies/scanner';
import type { ImportSpecifier, LanguageName } from '#shared/analysis/model';

const C_LIKE = { lineComment: '//', blockComment: ['/*', '*/'] } as const;
const JS_SYNTAX: ScannerSyntax = { ...C_LIKE, quotes: `'"`, backtick: 'template', regex: true };
const PYTHON_SYNTAX: ScannerSyntax = { lineComment: '#', quotes: `'"`, tripleQuotes: true, stringPrefixes: true };
const GO_SYNTAX: ScannerSyntax = { ...C_LIKE, quotes: `'"`, backtick: 'raw' };
const JAVA_SYNTAX: ScannerSyntax = { ...C_LIKE, quotes: `'"`, tripleQuotes: true };

/** Linguist language names whose imports are read, and the reader for each. */
const READERS: Record<string, (tokens: Token[]) => ImportSpecifier[]> = {
  JavaScript: javascriptImports,
  TypeScript: javascriptImports,
  TSX: javascriptImports,
  Python: pythonImports,
  Go: goImports,
  Java: javaImports,
};
const SYNTAX: Record<string, ScannerSyntax> = {
  JavaScript: JS_SYNTAX,
  TypeScript: JS_SYNTAX,
  TSX: JS_SYNTAX,
  Python: PYTHON_SYNTAX,
  Go: GO_SYNTAX,
  Java: JAVA_SYNTAX,
};

/** Languages whose imports extractImports reads. */
export const IMPORT_LANGUAGES: readonly LanguageName[] = Object.keys(READERS);

/**
 * The import specifiers of one file with the 1-based line of the statement that imports them,
 * in source order. A language without a reader yields none. `path` is not read today; it is
 * part of the signature so a reader may depend on the file name (e.g. `.d.ts`).
 */
export function extractImports(language: LanguageName, _path: string, text: string): ImportSpecifier[] {
  const read = READERS[language];
  const syntax = SYNTAX[language];
  if (!read || !syntax) return [];
  return read(scanTokens(text, syntax));
}

const isPunct = (token: Token | undefined, text: string): boolean => token?.kind === 'punct' && token.text === text;
const isWord = (token: Token | undefined, text: string): boolean => token?.kind === 'word' && token.text === text;

/**
 * ES modules and CommonJS: `import … from 's'`, `import 's'`, `export … from 's'`,
 * `import('s')` and `require('s')` with a literal, and TypeScript's `import x = require('s')`.
 * `import.meta`, `obj.require(…)` and non-literal dynamic imports are not imports.
 */
function javascriptImports(tokens: Token[]): ImportSpecifier[] {
  const found: ImportSpecifier[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || isPunct(tokens[i - 1], '.')) continue;
    if (token.text === 'require' || token.text === 'import') {
      const literal = callWithLiteral(tokens, i + 1);
      if (literal) {
        found.push({ specifier: literal, line: token.line });
        continue;
      }
    }
    if (token.text === 'import') {
      const next = tokens[i + 1];
      if (next?.kind === 'string') found.push({ specifier: next.text, line: token.line });
      else if (next && !isPunct(next, '.') && !isPunct(next, '(')) pushFromClause(tokens, i + 1, token.line, found);
    } else if (token.text === 'export') {
      const next = tokens[i + 1];
      const reexports =
        isPunct(next, '*') ||
        isPunct(next, '{') ||
        (isWord(next, 'type') && (isPunct(tokens[i + 2], '{') || isPunct(tokens[i + 2], '*')));
      if (reexports) pushFromClause(tokens, i + 1, token.line, found);
    }
  }
  return found;
}

/** `( 'literal' )` or `( 'literal', options )` starting at `start`: the literal, else undefined. */
function callWithLiteral(tokens: Token[], start: number): string | undefined {
  const literal = tokens[start + 1];
  const after = tokens[start + 2];
  if (isPunct(tokens[start], '(') && literal?.kind === 'string' && (isPunct(after, ')') || isPunct(after, ','))) {
    return literal.text;
  }
  return undefined;
}

/**
 * Reads an import/export clause (`x, { a as b }`, `* as ns`, `type { T }`) up to `from 's'`.
 * Anything that cannot be part of a clause ends the search: `export { a }` without `from` is a
 * local export, and `import x = require('s')` is found by the require rule.
 */
function pushFromClause(tokens: Token[], start: number, line: number, found: ImportSpecifier[]): void {
  let braces = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (braces === 0 && isWord(token, 'from') && tokens[i + 1]?.kind === 'string') {
      found.push({ specifier: tokens[i + 1]!.text, line });
      return;
    }
    if (isPunct(token, '{')) braces++;
    else if (isPunct(token, '}')) braces--;
    else if (token.kind === 'word' || isPunct(token, ',') || isPunct(token, '*')) continue;
    else if (token.kind === 'string' && braces > 0)
      continue; // import { "a-b" as c }
    else return;
    if (braces < 0) return;
  }
}

/**
 * Python: `import a.b, c as d` yields `a.b` and `c`; `from X import n1, n2` yields `X.n1` and
 * `X.n2`, because a name may be a submodule or an attribute of X (graph.ts tries the submodule
 * first, then X); `from X import *` yields `X`. Relative imports keep their dots: `from . import m`
 * yields `.m`, `from ..pkg import m` yields `..pkg.m`.
 */
function pythonImports(tokens: Token[]): ImportSpecifier[] {
  const found: ImportSpecifier[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || !statementStart(tokens, i)) continue;
    if (token.text === 'import') {
      for (const name of dottedNames(tokens, i + 1, token.line)) found.push({ specifier: name, line: token.line });
    } else if (token.text === 'from') {
      let j = i + 1;
      let module = '';
      while (isPunct(tokens[j], '.')) {
        module += '.';
        j++;
      }
      while (tokens[j]?.kind === 'word' && tokens[j]!.text !== 'import') {
        module += tokens[j]!.text;
        j++;
        if (!isPunct(tokens[j], '.')) break;
        module += '.';
        j++;
      }
      if (!isWord(tokens[j], 'import') || module === '') continue;
      const names = dottedNames(tokens, j + 1, token.line);
      if (isPunct(tokens[j + 1], '*') || names.length === 0) {
        found.push({ specifier: module, line: token.line });
        continue;
      }
      const separator = module.endsWith('.') ? '' : '.';
      for (const name of names) found.push({ specifier: `${module}${separator}${name}`, line: token.line });
    }
  }
  return found;
}

/** A Python keyword starts a statement when it is first on its line or follows `;` (or `:` of a one-line block). */
function statementStart(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return !previous || previous.line < tokens[i]!.line || isPunct(previous, ';') || isPunct(previous, ':');
}

/**
 * `a.b as c, d` or `(a, b as c)` after `import`: the dotted names, without aliases. Without
 * parentheses the list ends with its line (a backslash continuation is followed).
 */
function dottedNames(tokens: Token[], start: number, line: number): string[] {
  const names: string[] = [];
  const parenthesized = isPunct(tokens[start], '(');
  let currentLine = line;
  let name = '';
  let afterAs = false;
  for (let i = parenthesized ? start + 1 : start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!parenthesized && token.line > currentLine) {
      if (!isPunct(tokens[i - 1], '\\')) break;
      currentLine = token.line;
    }
    if (isPunct(token, ')') || isPunct(token, ';')) break;
    if (isPunct(token, ',')) {
      if (name) names.push(name);
      name = '';
      afterAs = false;
    } else if (isWord(token, 'as')) afterAs = true;
    else if (token.kind === 'word' && !afterAs) name += token.text;
    else if (isPunct(token, '.') && !afterAs) name += '.';
    else if (!isPunct(token, '\\') && token.kind !== 'word') break;
  }
  if (name) names.push(name);
  return names;
}

/** Go: `import "p"`, `import alias "p"`, and `import ( … )` blocks. */
function goImports(tokens: Token[]): ImportSpecifier[] {
  const found: ImportSpecifier[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isWord(token, 'import')) continue;
    if (isPunct(tokens[i + 1], '(')) {
      for (let j = i + 2; j < tokens.length && !isPunct(tokens[j], ')'); j++) {
        const entry = tokens[j]!;
        if (entry.kind === 'string') found.push({ specifier: entry.text, line: entry.line });
      }
      continue;
    }
    const path = tokens[i + 1]?.kind === 'string' ? tokens[i + 1] : tokens[i + 2];
    if (path?.kind === 'string') found.push({ specifier: path.text, line: token.line });
  }
  return found;
}

/** Java: `import a.b.C;`, `import static a.b.C.m;`, `import a.b.*;` as written, without `static`. */
function javaImports(tokens: Token[]): ImportSpecifier[] {
  const found: ImportSpecifier[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isWord(token, 'import') || !(i === 0 || isPunct(tokens[i - 1], ';') || isPunct(tokens[i - 1], '}'))) continue;
    let j = isWord(tokens[i + 1], 'static') ? i + 2 : i + 1;
    let name = '';
    for (; j < tokens.length && !isPunct(tokens[j], ';'); j++) {
      const part = tokens[j]!;
      if (part.kind === 'word' || isPunct(part, '.') || isPunct(part, '*')) name += part.text;
      else break;
    }
    if (name && isPunct(tokens[j], ';')) found.push({ specifier: name, line: token.line });
  }
  return found;
}
