import { createRequire } from 'node:module';
import type { RE2 } from 're2-wasm';
import type { LocalizedText } from '#shared/i18n/catalogue';
import * as m from '#shared/testing/assertions/messages';

// Regular expressions written by users (`matches` assertions, header matches, JSON Schema
// `pattern`/`patternProperties`) run on RE2 compiled to WebAssembly: matching takes time
// linear in the input, whatever the pattern (`^(a|a)*$` stalled JavaScript's backtracking
// engine for 21 s on 33 characters). RE2 has no lookaround and no backreferences; a pattern
// using them is refused when the case is saved, naming the field, rather than accepted and
// run on a backtracking engine.

export const MAX_PATTERN_LENGTH = 512;
const MAX_CACHED_PATTERNS = 256;

/** A compiled user pattern: all the assertions and Ajv need of a regular expression. */
export interface UserRegExp {
  test(input: string): boolean;
  /** `/source/flags`: Ajv tells compiled patterns apart by it. */
  toString(): string;
}

const compiled = new Map<string, RE2>();

let re2Class: typeof RE2 | undefined;

/**
 * RE2's class, loaded on the first pattern compiled: re2-wasm compiles its WebAssembly when
 * loaded (~45 ms of CPU), which every function whose bundle holds the case schemas paid at
 * init, although only saving a case with a pattern or running a `matches` assertion uses it.
 * In a Lambda bundle esbuild turns this `require` into its lazy wrapper of the bundled package;
 * unbundled (tests, local mode) an ES module has no `require`, so Node resolves the package.
 */
function re2(): typeof RE2 {
  re2Class ??= (
    (typeof require === 'function' ? require('re2-wasm') : createRequire(import.meta.url)('re2-wasm')) as {
      RE2: typeof RE2;
    }
  ).RE2;
  return re2Class;
}

/** Why a user's pattern is refused, or undefined when it may be used. Never throws. */
export function patternProblem(pattern: string): LocalizedText | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return m.patternTooLong({ max: MAX_PATTERN_LENGTH });
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return m.patternInvalid({ reason: (error as Error).message });
  }
  try {
    compilePattern(pattern);
  } catch (error) {
    return m.patternUnsupported({ reason: reasonOf(error) });
  }
  return undefined;
}

/**
 * Compiles a user's pattern on RE2 in Unicode mode (as JSON Schema's `pattern` is), once
 * per warm process. Throws on a pattern RE2 cannot run; `patternProblem` says why first.
 * Callers pass no `g` or `y` flag, so `test` keeps no state between inputs.
 */
export function compilePattern(pattern: string, flags = 'u'): UserRegExp {
  const unicodeFlags = flags.includes('u') ? flags : `${flags}u`;
  const key = `${unicodeFlags}/${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = new (re2())(pattern, unicodeFlags);
    if (compiled.size >= MAX_CACHED_PATTERNS) {
      const oldest = compiled.keys().next().value;
      if (oldest !== undefined) compiled.delete(oldest);
    }
    compiled.set(key, regex);
  }
  return regex;
}

/** RE2's message without the pattern it repeats (the field already names the pattern). */
function reasonOf(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return /^Invalid regular expression: \/.*\/[a-z]*: (.*)$/s.exec(message)?.[1] ?? message;
}

/** Every regex a JSON schema carries (`pattern` values and `patternProperties` keys), walked without recursion. */
export function* schemaPatterns(schema: unknown): Generator<string> {
  const pending: unknown[] = [schema];
  for (let item = pending.pop(); item !== undefined || pending.length > 0; item = pending.pop()) {
    if (Array.isArray(item)) pending.push(...item);
    else if (item !== null && typeof item === 'object') {
      const node = item as Record<string, unknown>;
      if (typeof node.pattern === 'string') yield node.pattern;
      if (node.patternProperties !== null && typeof node.patternProperties === 'object') {
        yield* Object.keys(node.patternProperties);
      }
      pending.push(...Object.values(node));
    }
  }
}
