// Syntax of the JSON paths a test case may hold. Evaluation is jsonpath-plus's (see
// assertions.ts); this module has no dependency so the case schemas can check paths cheaply.
//
// The grammar is the subset jsonpath-plus evaluates faithfully with scripts disabled:
//   $  .name  .*  ..name  ..*  ..[…]  [n]  [*]  ['name']  ["name"]  [start:end:step]  [n,m]
// Filters (`[?(…)]`) and scripts (`[(…)]`) would run code and are refused; so are
// jsonpath-plus's own operators (`^`, `~`, `@type()`), negative single indexes (jsonpath-plus
// answers nothing for them; `[-1:]` is the last element) and quoted names with characters
// jsonpath-plus gives a meaning to even inside quotes.

export const MAX_JSON_PATH_LENGTH = 512;

export type JsonPathCheck =
  /** `definite`: names and single indexes only, so the path selects at most one value. */
  { ok: true; definite: boolean } | { ok: false; reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;
const INDEX = /^(?:0|[1-9][0-9]*)$/;
const NEGATIVE_INDEX = /^-[0-9]+$/;
const SLICE = /^(-?[0-9]+)?:(-?[0-9]+)?(?::([1-9][0-9]*))?$/;
const INDEX_UNION = /^(?:0|[1-9][0-9]*)(?:\s*,\s*(?:0|[1-9][0-9]*))+$/;
// Quote and bracket characters end the name; the others are operators to jsonpath-plus.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const QUOTED_NAME = /^(['"])([^'"[\]\\`^@()?$,~*;:\u0000-\u001f\u007f]+)\1$/;

/** Checks a JSON path against the supported grammar; never throws. */
export function checkJsonPath(path: string): JsonPathCheck {
  if (path.length > MAX_JSON_PATH_LENGTH) return fail(`is longer than ${MAX_JSON_PATH_LENGTH} characters`);
  if (!path.startsWith('$')) return fail('must start with $');
  let definite = true;
  let position = 1;
  while (position < path.length) {
    if (path.startsWith('..', position)) {
      definite = false;
      position += 2;
      const step = path[position] === '[' ? bracket(path, position) : member(path, position);
      if (!step.ok) return step;
      position = step.end;
    } else if (path[position] === '.') {
      const step = member(path, position + 1);
      if (!step.ok) return step;
      definite &&= step.definite;
      position = step.end;
    } else if (path[position] === '[') {
      const step = bracket(path, position);
      if (!step.ok) return step;
      definite &&= step.definite;
      position = step.end;
    } else {
      return fail(`has an unexpected "${path[position]}" at position ${position}`);
    }
  }
  return { ok: true, definite };
}

type Step = { ok: true; definite: boolean; end: number } | { ok: false; reason: string };

function member(path: string, position: number): Step {
  if (path[position] === '*') return { ok: true, definite: false, end: position + 1 };
  const name = NAME.exec(path.slice(position))?.[0];
  if (name === undefined) {
    return fail(`needs a name or * at position ${position}; quote other names as ['name']`);
  }
  return { ok: true, definite: true, end: position + name.length };
}

function bracket(path: string, position: number): Step {
  const close = path.indexOf(']', position);
  if (close === -1) return fail(`has an unclosed [ at position ${position}`);
  const inner = path.slice(position + 1, close).trim();
  const end = close + 1;
  if (inner === '*') return { ok: true, definite: false, end };
  if (INDEX.test(inner)) return { ok: true, definite: true, end };
  if (QUOTED_NAME.test(inner)) return { ok: true, definite: true, end };
  if (SLICE.test(inner) || INDEX_UNION.test(inner)) return { ok: true, definite: false, end };
  if (NEGATIVE_INDEX.test(inner)) return fail(`does not support negative index [${inner}]; use [${inner}:]`);
  if (inner.startsWith('?') || inner.startsWith('(')) {
    return fail(`uses a filter or script expression [${inner}], which is not supported`);
  }
  return fail(`has an unsupported selector [${inner}] at position ${position}`);
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason: `JSON path ${reason}` };
}
