import { JS_REGEX_AFTER_KEYWORDS } from '#shared/analysis/lexing';

// A small lexical scanner for finding import statements: it yields words, string literals and
// punctuation with their line, and skips comments, so an `import` inside a comment or a string
// never counts. It is not a parser: the per-language rules in imports.ts read its tokens.
// Synchronous and dependency-free, so it runs in any Lambda without loading a grammar.

/** One token: an identifier or keyword, a string literal (its value, unescaped), or a punctuation character. */
export interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  line: number;
}

/** How one language writes comments and strings. */
export interface ScannerSyntax {
  lineComment: string;
  blockComment?: readonly [open: string, close: string];
  /** Quote characters that open a one-line string. */
  quotes: string;
  /** Python's `'''`/`"""` and Java's `"""` text blocks. */
  tripleQuotes?: boolean;
  /** Backtick strings: JS template literals (with `${…}`) or Go raw strings. */
  backtick?: 'template' | 'raw';
  /** JS regular-expression literals, told from division by the token before them. */
  regex?: boolean;
  /** Python string prefixes (r, b, f, u and their combinations). */
  stringPrefixes?: boolean;
}

/** Letters, `_`, `$` and anything beyond Latin-1 punctuation (identifiers of every script). */
function isWordStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36 || code >= 0xc0;
}
function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57);
}
const PYTHON_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Splits source text into tokens, skipping comments and whitespace. */
export function scanTokens(text: string, syntax: ScannerSyntax): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  // Each entry is the `{` depth at which a template literal's `${` expression was opened.
  const templateDepths: number[] = [];
  let braceDepth = 0;

  const countLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) line++;
  };

  /** Reads a quoted string from `start` (the opening quote); returns the index after it. */
  const readQuoted = (start: number, quote: string, multiline: boolean): number => {
    const open = start + quote.length;
    const quoteCode = quote.charCodeAt(0);
    let i = open;
    let escaped = false;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 92 && quote !== '`') {
        escaped = true;
        i += 2;
        continue;
      }
      if (code === quoteCode && text.startsWith(quote, i)) break;
      if (code === 10 && !multiline) break; // an unterminated string ends at the line's end
      i++;
    }
    const raw = text.slice(open, Math.min(i, text.length));
    tokens.push({ kind: 'string', text: escaped ? raw.replace(/\\([\s\S])/g, '$1') : raw, line });
    const end = i < text.length && text.startsWith(quote, i) ? i + quote.length : Math.min(i, text.length);
    countLines(start, end);
    return end;
  };

  /** Reads template-literal text up to its closing backtick or a `${`; returns the index after it. */
  const readTemplate = (start: number): number => {
    let i = start;
    let value = '';
    while (i < text.length) {
      const character = text[i]!;
      if (character === '\\') {
        value += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (character === '`') {
        i++;
        break;
      }
      if (character === '$' && text[i + 1] === '{') {
        templateDepths.push(braceDepth);
        braceDepth++;
        i += 2;
        break;
      }
      value += character;
      i++;
    }
    tokens.push({ kind: 'string', text: value, line });
    countLines(start, i);
    return i;
  };

  const regexAllowed = (): boolean => {
    const previous = tokens.at(-1);
    if (!previous) return true;
    if (previous.kind === 'string') return false;
    if (previous.kind === 'word') return JS_REGEX_AFTER_KEYWORDS.has(previous.text);
    return !')]}'.includes(previous.text);
  };

  const skipRegex = (start: number): number => {
    let i = start + 1;
    let inClass = false;
    while (i < text.length) {
      const character = text[i]!;
      if (character === '\n') return i;
      if (character === '\\') i++;
      else if (character === '[') inClass = true;
      else if (character === ']') inClass = false;
      else if (character === '/' && !inClass) {
        i++;
        while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
        return i;
      }
      i++;
    }
    return i;
  };

  while (index < text.length) {
    const character = text[index]!;
    if (character === '\n') {
      line++;
      index++;
      continue;
    }
    if (character === ' ' || character === '\t' || character === '\r' || character === '\f') {
      index++;
      continue;
    }
    if (text.startsWith(syntax.lineComment, index)) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
      continue;
    }
    if (syntax.blockComment && text.startsWith(syntax.blockComment[0], index)) {
      const close = text.indexOf(syntax.blockComment[1], index + syntax.blockComment[0].length);
      const end = close === -1 ? text.length : close + syntax.blockComment[1].length;
      countLines(index, end);
      index = end;
      continue;
    }
    if (syntax.tripleQuotes && (text.startsWith('"""', index) || text.startsWith("'''", index))) {
      index = readQuoted(index, text.slice(index, index + 3), true);
      continue;
    }
    if (syntax.quotes.includes(character)) {
      index = readQuoted(index, character, false);
      continue;
    }
    if (character === '`' && syntax.backtick === 'template') {
      index = readTemplate(index + 1);
      continue;
    }
    if (character === '`' && syntax.backtick === 'raw') {
      index = readQuoted(index, '`', true);
      continue;
    }
    if (isWordStart(character.charCodeAt(0))) {
      let end = index + 1;
      while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
      const word = text.slice(index, end);
      const next = text[end];
      if (syntax.stringPrefixes && next && (next === '"' || next === "'") && PYTHON_PREFIX.test(word)) {
        index = end; // the prefix is dropped; the string is read next
        continue;
      }
      tokens.push({ kind: 'word', text: word, line });
      index = end;
      continue;
    }
    if (character === '/' && syntax.regex && regexAllowed()) {
      index = skipRegex(index);
      tokens.push({ kind: 'punct', text: '/', line });
      continue;
    }
    if (character === '{') braceDepth++;
    if (character === '}' && templateDepths.length > 0 && templateDepths.at(-1) === braceDepth - 1) {
      templateDepths.pop();
      braceDepth--;
      index = readTemplate(index + 1);
      continue;
    }
    if (character === '}') braceDepth--;
    tokens.push({ kind: 'punct', text: character, line });
    index++;
  }
  return tokens;
}
