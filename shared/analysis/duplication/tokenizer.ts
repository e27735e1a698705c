/**
 * Tokens for clone detection, the way jscpd 5.3.2 sees them in `--mode weak --ignore-identifiers
 * --ignore-literals`: comments and whitespace dropped, every identifier one symbol, every string
 * or number literal one symbol, keywords and punctuation kept as written.
 *
 * Two lexers, as in jscpd: one for the JavaScript family (multi-character operators, template
 * literals, regular expressions, comments across lines) and jscpd's generic line scanner for every
 * other language (strings end at the end of their line, punctuation is one character, only the
 * comment style and the keyword list depend on the language).
 */

import { JS_REGEX_AFTER_KEYWORDS } from '#shared/analysis/lexing';
import type { LanguageName } from '#shared/analysis/model';
import { type CommentStyle, profileOf, type TokenizerProfile } from './languages.ts';

/** The symbol every identifier becomes. */
export const IDENTIFIER = '\u0000id';
/** The symbol every string, number, template or regular-expression literal becomes. */
export const LITERAL = '\u0000lit';

/** A file's normalized tokens with the 1-based lines each starts and ends on. */
export interface TokenStream {
  symbols: string[];
  startLines: number[];
  endLines: number[];
}

/** Tokenizes a source file for clone detection (see the module comment for what is kept). */
export function tokenize(language: LanguageName, text: string): TokenStream {
  const profile = profileOf(language);
  return profile.lexer === 'js' ? lexJavaScript(text, profile) : lexGeneric(text, profile);
}

const IGNORE_START = 'jscpd:ignore-start';
const IGNORE_END = 'jscpd:ignore-end';

function isWordStart(char: string): boolean {
  return /[\p{L}_]/u.test(char);
}
function isWordPart(char: string): boolean {
  return /[\p{L}\p{N}_]/u.test(char);
}
function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function startsLineComment(style: CommentStyle, line: string, at: number): boolean {
  const char = line[at];
  switch (style) {
    case 'c':
      return char === '/' && line[at + 1] === '/';
    case 'hash':
      return char === '#';
    case 'double-dash':
    case 'lua':
      return char === '-' && line[at + 1] === '-';
    case 'semicolon':
      return char === ';';
    case 'basic':
      return char === "'";
  }
}

/**
 * jscpd's generic scanner, line by line: a C-style block comment is the only construct that
 * carries over to the next line; a string ends at its closing quote or at the end of the line.
 */
function lexGeneric(text: string, profile: TokenizerProfile): TokenStream {
  const stream: TokenStream = { symbols: [], startLines: [], endLines: [] };
  const push = (symbol: string, line: number): void => {
    stream.symbols.push(symbol);
    stream.startLines.push(line);
    stream.endLines.push(line);
  };
  let inBlockComment = false;
  let ignoring = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const lineNumber = index + 1;
    if (line.includes(IGNORE_START)) ignoring = true;
    if (line.includes(IGNORE_END)) {
      ignoring = false;
      continue;
    }
    let at = 0;
    while (at < line.length) {
      const char = line[at] as string;
      if (inBlockComment) {
        if (char === '*' && line[at + 1] === '/') {
          inBlockComment = false;
          at += 2;
        } else at++;
        continue;
      }
      if (profile.comments === 'lua' && line.startsWith('--[[', at)) break;
      if (profile.comments === 'c' && char === '/' && line[at + 1] === '*') {
        inBlockComment = true;
        at += 2;
        continue;
      }
      if (startsLineComment(profile.comments, line, at)) break;
      let end = at + 1;
      let symbol: string;
      if (char === '"' || char === "'") {
        while (end < line.length && line[end] !== char) end += line[end] === '\\' && end + 1 < line.length ? 2 : 1;
        end = Math.min(end + 1, line.length);
        symbol = LITERAL;
      } else if (/\s/.test(char)) {
        while (end < line.length && /\s/.test(line[end] as string)) end++;
        at = end;
        continue;
      } else if (isDigit(char)) {
        while (end < line.length && (isDigit(line[end]) || line[end] === '.')) end++;
        symbol = LITERAL;
      } else if (isWordStart(char)) {
        while (end < line.length && isWordPart(line[end] as string)) end++;
        const word = line.slice(at, end);
        symbol = profile.keywords.has(word) ? word : IDENTIFIER;
      } else {
        if (char >= '\uD800' && char <= '\uDBFF') end++;
        symbol = line.slice(at, end);
      }
      if (!ignoring) push(symbol, lineNumber);
      at = end;
    }
  }
  return stream;
}

/** Punctuators of ECMAScript and TypeScript, longest first so the longest match wins. */
const JS_PUNCTUATORS = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];
const JS_WORD_START = /[\p{L}\p{Nl}$_\\]/u;
const JS_WORD_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\\]/u;

/** The JavaScript/TypeScript lexer: whole-file, with template literals and regular expressions. */
function lexJavaScript(text: string, profile: TokenizerProfile): TokenStream {
  const stream: TokenStream = { symbols: [], startLines: [], endLines: [] };
  let line = 1;
  let at = 0;
  let ignoring = false;
  let previous: string | undefined;
  /** One entry per open `{`: true when it is a template literal's `${`. */
  const braces: boolean[] = [];

  const advanceTo = (end: number): void => {
    for (let index = at; index < end; index++) if (text.charCodeAt(index) === 10) line++;
    at = end;
  };
  const emit = (symbol: string, end: number, raw: string): void => {
    const startLine = line;
    advanceTo(end);
    previous = symbol === IDENTIFIER || symbol === LITERAL ? symbol : raw;
    if (ignoring) return;
    stream.symbols.push(symbol);
    stream.startLines.push(startLine);
    stream.endLines.push(line);
  };
  const skipComment = (end: number): void => {
    const comment = text.slice(at, end);
    if (comment.includes(IGNORE_START)) ignoring = true;
    if (comment.includes(IGNORE_END)) ignoring = false;
    advanceTo(end);
  };
  /** Reads a template chunk from `from` (just after `` ` `` or `}`) to its closing `` ` `` or `${`. */
  const templateChunk = (from: number): number => {
    let end = from;
    while (end < text.length) {
      const char = text[end];
      if (char === '\\') end += 2;
      else if (char === '`') return end + 1;
      else if (char === '$' && text[end + 1] === '{') {
        braces.push(true);
        return end + 2;
      } else end++;
    }
    return text.length;
  };
  const regexAllowed = (): boolean =>
    previous === undefined ||
    (previous !== IDENTIFIER &&
      previous !== LITERAL &&
      previous !== ')' &&
      previous !== ']' &&
      previous !== '}' &&
      (!/^[\p{L}_$]/u.test(previous) || JS_REGEX_AFTER_KEYWORDS.has(previous)));

  while (at < text.length) {
    const char = text[at] as string;
    if (/\s/.test(char)) {
      advanceTo(at + 1);
      continue;
    }
    if (char === '/' && text[at + 1] === '/') {
      const newline = text.indexOf('\n', at);
      skipComment(newline === -1 ? text.length : newline);
      continue;
    }
    if (char === '/' && text[at + 1] === '*') {
      const close = text.indexOf('*/', at + 2);
      skipComment(close === -1 ? text.length : close + 2);
      continue;
    }
    if (char === '"' || char === "'") {
      let end = at + 1;
      while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      emit(LITERAL, Math.min(end + 1, text.length), '');
      continue;
    }
    if (char === '`') {
      emit(LITERAL, templateChunk(at + 1), '');
      continue;
    }
    if (char === '}' && braces.length > 0) {
      if (braces.pop() === true) {
        emit(LITERAL, templateChunk(at + 1), '');
        continue;
      }
      emit('}', at + 1, '}');
      continue;
    }
    if (char === '{') {
      braces.push(false);
      emit('{', at + 1, '{');
      continue;
    }
    if (isDigit(char) || (char === '.' && isDigit(text[at + 1]))) {
      let end = at + 1;
      while (end < text.length) {
        const next = text[end] as string;
        if (/[\w.]/.test(next)) end++;
        else if (
          (next === '+' || next === '-') &&
          /[eE]/.test(text[end - 1] as string) &&
          !/^0[xX]/.test(text.slice(at, end))
        )
          end++;
        else break;
      }
      emit(LITERAL, end, '');
      continue;
    }
    if (JS_WORD_START.test(char) || (char === '#' && JS_WORD_START.test(text[at + 1] ?? ''))) {
      let end = at + 1;
      while (end < text.length && JS_WORD_PART.test(text[end] as string)) end++;
      const word = text.slice(at, end);
      emit(profile.keywords.has(word) ? word : IDENTIFIER, end, word);
      continue;
    }
    if (char === '/' && regexAllowed()) {
      let end = at + 1;
      let inClass = false;
      while (end < text.length && text[end] !== '\n') {
        const next = text[end];
        if (next === '\\') end++;
        else if (next === '[') inClass = true;
        else if (next === ']') inClass = false;
        else if (next === '/' && !inClass) break;
        end++;
      }
      end++;
      while (end < text.length && /\w/.test(text[end] as string)) end++;
      emit(LITERAL, Math.min(end, text.length), '');
      continue;
    }
    const punctuator = JS_PUNCTUATORS.find((candidate) => text.startsWith(candidate, at)) ?? char;
    emit(punctuator, at + punctuator.length, punctuator);
  }
  return stream;
}
