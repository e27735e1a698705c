// Syntax of the JSON paths a test case may hold. Evaluation is jsonpath-plus's (see
// assertions.ts); this module depends only on its messages, so the case schemas can check paths cheaply.
//
// The grammar is the subset jsonpath-plus evaluates faithfully with scripts disabled:
//   $  .name  .*  ..name  ..*  ..[…]  [n]  [*]  ['name']  ["name"]  [start:end:step]  [n,m]
// Filters (`[?(…)]`) and scripts (`[(…)]`) would run code and are refused; so are
// jsonpath-plus's own operators (`^`, `~`, `@type()`), negative single indexes (jsonpath-plus
// answers nothing for them; `[-1:]` is the last element) and quoted names with characters
// jsonpath-plus gives a meaning to even inside quotes.

import type { LocalizedText } from '#shared/i18n/catalogue';
import * as m from '#shared/testing/assertions/messages';

export const MAX_JSON_PATH_LENGTH = 512;

export type JsonPathCheck =
  /** `definite`: names and single indexes only, so the path selects at most one value. */
  { ok: true; definite: boolean } | { ok: false; reason: LocalizedText };

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
  if (path.length > MAX_JSON_PATH_LENGTH) return fail(m.jsonPathTooLong({ max: MAX_JSON_PATH_LENGTH }));
  if (!path.startsWith('$')) return fail(m.jsonPathStart());
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
      return fail(m.jsonPathUnexpected({ character: path[position] ?? '', position }));
    }
  }
  return { ok: true, definite };
}

type Step = { ok: true; definite: boolean; end: number } | { ok: false; reason: LocalizedText };

function member(path: string, position: number): Step {
  if (path[position] === '*') return { ok: true, definite: false, end: position + 1 };
  const name = NAME.exec(path.slice(position))?.[0];
  if (name === undefined) {
    return fail(m.jsonPathNeedsName({ position }));
  }
  return { ok: true, definite: true, end: position + name.length };
}

function bracket(path: string, position: number): Step {
  const close = path.indexOf(']', position);
  if (close === -1) return fail(m.jsonPathUnclosed({ position }));
  const inner = path.slice(position + 1, close).trim();
  const end = close + 1;
  if (inner === '*') return { ok: true, definite: false, end };
  if (INDEX.test(inner)) return { ok: true, definite: true, end };
  if (QUOTED_NAME.test(inner)) return { ok: true, definite: true, end };
  if (SLICE.test(inner) || INDEX_UNION.test(inner)) return { ok: true, definite: false, end };
  if (NEGATIVE_INDEX.test(inner)) return fail(m.jsonPathNegativeIndex({ index: inner }));
  if (inner.startsWith('?') || inner.startsWith('(')) {
    return fail(m.jsonPathFilter({ selector: inner }));
  }
  return fail(m.jsonPathUnsupported({ selector: inner, position }));
}

function fail(reason: LocalizedText): { ok: false; reason: LocalizedText } {
  return { ok: false, reason };
}
