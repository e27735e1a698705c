// Regular expressions written by users (`matches` assertions, JSON Schema `pattern`). They
// run on JavaScript's backtracking engine, so three limits bound a catastrophic pattern: a
// length cap, refusing nested repetition (`(a+)+`, the classic exponential shape) when the
// case is saved, and matching only the first MAX_MATCH_INPUT characters of any input.
// A linear-time engine (RE2) would remove the need; it is a native dependency we do not ship.

export const MAX_PATTERN_LENGTH = 512;
/** Inputs longer than this are matched on their first MAX_MATCH_INPUT characters only. */
export const MAX_MATCH_INPUT = 8_192;

/** Why a user's pattern is refused, or undefined when it may be used. Never throws. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `pattern is not a valid regular expression: ${(error as Error).message}`;
  }
  if (hasNestedRepetition(pattern)) {
    return 'pattern repeats a group that itself repeats (like (a+)+), which can take exponential time';
  }
  return undefined;
}

/** Compiles a user's pattern (Unicode mode, as JSON Schema's `pattern` is). */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, 'u');
}

/** `regex.test` on at most the first MAX_MATCH_INPUT characters of `input`. */
export function boundedTest(regex: RegExp, input: string): boolean {
  regex.lastIndex = 0;
  return regex.test(input.length > MAX_MATCH_INPUT ? input.slice(0, MAX_MATCH_INPUT) : input);
}

/**
 * True when a repeated group contains a repetition: star height above one. Works on a
 * pattern that already compiled in Unicode mode, so escapes and classes are well formed.
 */
function hasNestedRepetition(pattern: string): boolean {
  // One entry per open group: whether something inside it repeats.
  const groups: boolean[] = [false];
  let position = 0;
  const markRepeats = () => {
    groups[groups.length - 1] = true;
  };
  while (position < pattern.length) {
    const char = pattern[position];
    if (char === '\\') {
      position = afterEscape(pattern, position);
    } else if (char === '[') {
      position = afterClass(pattern, position);
    } else if (char === '(') {
      groups.push(false);
      position++;
      continue;
    } else if (char === ')') {
      const innerRepeats = groups.pop() ?? false;
      position++;
      const quantifier = quantifierAt(pattern, position);
      if (quantifier?.repeats && innerRepeats) return true;
      if (innerRepeats || quantifier?.repeats) markRepeats();
      position += quantifier?.length ?? 0;
      continue;
    } else {
      position++;
    }
    const quantifier = quantifierAt(pattern, position);
    if (quantifier) {
      if (quantifier.repeats) markRepeats();
      position += quantifier.length;
    }
  }
  return false;
}

function afterEscape(pattern: string, position: number): number {
  const kind = pattern[position + 1];
  const next = pattern[position + 2];
  // \p{…}, \u{…} and \k<…> carry a braced or angled argument.
  if ((kind === 'p' || kind === 'P' || kind === 'u') && next === '{') return pattern.indexOf('}', position) + 1;
  if (kind === 'k' && next === '<') return pattern.indexOf('>', position) + 1;
  return position + 2;
}

function afterClass(pattern: string, position: number): number {
  let cursor = position + 1;
  while (cursor < pattern.length && pattern[cursor] !== ']') {
    cursor = pattern[cursor] === '\\' ? afterEscape(pattern, cursor) : cursor + 1;
  }
  return cursor + 1;
}

const BRACED = /^\{(\d+)(,(\d*))?\}\??/;

function quantifierAt(pattern: string, position: number): { repeats: boolean; length: number } | undefined {
  const char = pattern[position];
  const lazy = pattern[position + 1] === '?' ? 1 : 0;
  if (char === '*' || char === '+') return { repeats: true, length: 1 + lazy };
  if (char === '?') return { repeats: false, length: 1 + lazy };
  if (char !== '{') return undefined;
  const braced = BRACED.exec(pattern.slice(position, position + 32));
  if (!braced) return undefined;
  const [text, min, comma, max] = braced;
  const upper =
    comma === undefined ? Number(min) : max === '' || max === undefined ? Number.POSITIVE_INFINITY : Number(max);
  return { repeats: upper > 1, length: text.length };
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
