import { isDeepStrictEqual } from 'node:util';
import { Ajv, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JSONPath } from 'jsonpath-plus';
import { localize } from '#shared/i18n/catalogue';
import type { Assertion } from '#shared/schemas/test-cases';
import type { AssertionResult } from '#shared/schemas/test-results';
import { checkJsonPath } from '#shared/testing/assertions/json-path';
import { compilePattern, patternProblem, schemaPatterns, type UserRegExp } from '#shared/testing/assertions/patterns';

/** Longest expected/actual kept in a result (characters of text or of JSON); the rest is cut. */
export const MAX_DISPLAY_CHARS = 1024;
/** Response JSON nested deeper than this is not inspected (deep recursion would overflow the stack). */
export const MAX_RESPONSE_JSON_DEPTH = 256;
const MAX_CACHED_SCHEMAS = 100;
const MAX_SCHEMA_ERRORS_SHOWN = 5;

/** What assertions look at: one response as the outbound client returned it. */
export interface ObservedResponse {
  status: number;
  /** Lower-case names, as the outbound client gives them. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  durationMs: number;
}

type BodyJson = { ok: true; value: unknown } | { ok: false; reason: string };

/** A response plus its body parsed as JSON once, however many assertions read it. */
export class ResponseView {
  #json: BodyJson | undefined;

  constructor(readonly response: ObservedResponse) {}

  /** A header's value by case-insensitive name. */
  header(name: string): string | undefined {
    return this.response.headers[name.toLowerCase()];
  }

  json(): BodyJson {
    this.#json ??= parseBody(this.response);
    return this.#json;
  }
}

function parseBody(response: ObservedResponse): BodyJson {
  const text = response.body.toString('utf8');
  const contentType = response.headers['content-type'];
  const described = contentType === undefined ? '' : ` (content-type ${preview(contentType, 80)})`;
  if (text.trim() === '') return { ok: false, reason: `the response body is empty${described}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: `the response body is not JSON${described}` };
  }
  if (depthExceeds(value, MAX_RESPONSE_JSON_DEPTH)) {
    return { ok: false, reason: `the response JSON nests deeper than ${MAX_RESPONSE_JSON_DEPTH} levels` };
  }
  return { ok: true, value };
}

function depthExceeds(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const [item, depth] = entry;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// JSON paths

/**
 * What a JSON path selects in a document. A definite path (names and indexes only) selects
 * one value; any other path selects the list of its matches. `found`: at least one match.
 */
export interface PathSelection {
  found: boolean;
  value: unknown;
}

/** Evaluates a JSON path with jsonpath-plus, scripts disabled. Throws on a path outside the supported grammar. */
export function selectJsonPath(path: string, document: unknown): PathSelection {
  const check = checkJsonPath(path);
  if (!check.ok) throw new Error(localize(check.reason));
  const matches = (JSONPath({ path, json: document as object, eval: false, wrap: true }) ?? []) as unknown[];
  return { found: matches.length > 0, value: check.definite ? (matches[0] ?? null) : matches };
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

type RegExpEngine = NonNullable<NonNullable<AjvOptions['code']>['regExp']>;

/** Ajv's `pattern` and `patternProperties` run on the same linear-time engine as `matches`. */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => compilePattern(pattern, flags),
  { code: 'linearRegExp' },
);

type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; reason: string };
const compiledSchemas = new Map<string, CompiledSchema>();

/**
 * Compiles a user's JSON Schema once per warm process (an Ajv instance per schema, so two
 * users' `$id`s never collide), in the dialect its `$schema` names (draft-07 by default,
 * 2019-09, 2020-12). Formats are not validated (ajv-formats is not a dependency); patterns
 * obey the same rules and run on the same linear-time engine as `matches`. Never throws.
 */
export function compileJsonSchema(schema: unknown): CompiledSchema {
  const key = JSON.stringify(schema);
  const cached = compiledSchemas.get(key);
  if (cached !== undefined) return cached;
  let compiled: CompiledSchema;
  try {
    const unsafePattern = [...schemaPatterns(schema)].map(patternProblem).find((problem) => problem !== undefined);
    if (unsafePattern !== undefined) throw new Error(localize(unsafePattern));
    const Dialect = ajvFor(schema);
    const ajv = new Dialect({ strict: false, validateFormats: false, logger: false, code: { regExp: linearRegExp } });
    compiled = { ok: true, validate: ajv.compile(schema as object) };
  } catch (error) {
    compiled = { ok: false, reason: `the schema is not valid: ${(error as Error).message}` };
  }
  if (compiledSchemas.size >= MAX_CACHED_SCHEMAS) {
    const oldest = compiledSchemas.keys().next().value;
    if (oldest !== undefined) compiledSchemas.delete(oldest);
  }
  compiledSchemas.set(key, compiled);
  return compiled;
}

/** The Ajv class for the schema's `$schema` dialect; draft-07 when it declares none. */
function ajvFor(schema: unknown): typeof Ajv | typeof Ajv2019 | typeof Ajv2020 {
  const dialect = schema !== null && typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof dialect !== 'string') return Ajv;
  if (dialect.includes('/draft/2020-12/')) return Ajv2020;
  if (dialect.includes('/draft/2019-09/')) return Ajv2019;
  return Ajv;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Evaluates one assertion against a response; a failure is a result with `passed: false`, never a throw. */
export function evaluateAssertion(assertion: Assertion, response: ResponseView): AssertionResult {
  switch (assertion.type) {
    case 'status':
      return statusResult(assertion.equals, response.response.status);
    case 'header':
      return headerResult(assertion, response);
    case 'jsonPath':
      return jsonPathResult(assertion, response);
    case 'jsonSchema':
      return jsonSchemaResult(assertion.schema, response);
    case 'latency':
      return latencyResult(assertion.maxMs, response.response.durationMs);
  }
}

function statusResult(expected: number, actual: number): AssertionResult {
  const passed = actual === expected;
  return result(
    'status',
    passed,
    expected,
    actual,
    passed ? `status is ${expected}` : `expected status ${expected}, got ${actual}`,
  );
}

function latencyResult(maxMs: number, durationMs: number): AssertionResult {
  const passed = durationMs <= maxMs;
  const message = passed
    ? `responded in ${durationMs} ms (at most ${maxMs} ms)`
    : `expected a response within ${maxMs} ms, it took ${durationMs} ms`;
  return result('latency', passed, maxMs, durationMs, message);
}

function headerResult(assertion: Extract<Assertion, { type: 'header' }>, response: ResponseView): AssertionResult {
  const { name } = assertion;
  const actual = response.header(name);
  if (assertion.matches !== undefined) {
    const { matches } = assertion;
    if (actual === undefined)
      return result('header', false, matches, null, `expected header ${name} to match /${matches}/; it is missing`);
    const regex = userPattern(matches);
    if (typeof regex === 'string') return result('header', false, matches, actual, regex);
    const passed = regex.test(actual);
    const message = passed
      ? `header ${name} matches /${matches}/`
      : `expected header ${name} to match /${matches}/, got ${preview(actual)}`;
    return result('header', passed, matches, actual, message);
  }
  if (assertion.equals !== undefined) {
    const { equals } = assertion;
    if (actual === undefined)
      return result(
        'header',
        false,
        equals,
        null,
        `expected header ${name} to equal ${preview(equals)}; it is missing`,
      );
    const passed = actual === equals;
    const message = passed
      ? `header ${name} equals ${preview(equals)}`
      : `expected header ${name} to equal ${preview(equals)}, got ${preview(actual)}`;
    return result('header', passed, equals, actual, message);
  }
  const passed = actual !== undefined;
  return result(
    'header',
    passed,
    'present',
    actual ?? null,
    passed ? `header ${name} is present` : `expected header ${name}; it is missing`,
  );
}

function jsonPathResult(assertion: Extract<Assertion, { type: 'jsonPath' }>, response: ResponseView): AssertionResult {
  const { path } = assertion;
  const expected = expectationOf(assertion);
  const body = response.json();
  if (!body.ok) return result('jsonPath', false, expected, null, `cannot evaluate ${path}: ${body.reason}`);
  let selection: PathSelection;
  try {
    selection = selectJsonPath(path, body.value);
  } catch (error) {
    return result('jsonPath', false, expected, null, (error as Error).message);
  }
  const { found, value: actual } = selection;

  if (assertion.exists !== undefined) {
    const passed = found === assertion.exists;
    const message = passed
      ? `${path} ${found ? 'exists' : 'does not exist'}`
      : found
        ? `expected ${path} not to exist, found ${preview(actual)}`
        : `expected ${path} to exist; nothing matched`;
    return result('jsonPath', passed, assertion.exists, actual, message);
  }
  if (!found)
    return result('jsonPath', false, expected, null, `expected ${path} ${describe(assertion)}; nothing matched`);

  if (assertion.equals !== undefined) {
    const passed = isDeepStrictEqual(actual, assertion.equals);
    const message = passed
      ? `${path} equals ${preview(assertion.equals)}`
      : `expected ${path} to equal ${preview(assertion.equals)}, got ${preview(actual)}`;
    return result('jsonPath', passed, assertion.equals, actual, message);
  }
  if (assertion.matches !== undefined) {
    const { matches } = assertion;
    if (typeof actual !== 'string') {
      return result(
        'jsonPath',
        false,
        matches,
        actual,
        `expected ${path} to be a string matching /${matches}/, got ${kindOf(actual)} ${preview(actual)}`,
      );
    }
    const regex = userPattern(matches);
    if (typeof regex === 'string') return result('jsonPath', false, matches, actual, regex);
    const passed = regex.test(actual);
    const message = passed
      ? `${path} matches /${matches}/`
      : `expected ${path} to match /${matches}/, got ${preview(actual)}`;
    return result('jsonPath', passed, matches, actual, message);
  }
  const contains = assertion.contains;
  if (typeof actual === 'string') {
    if (typeof contains !== 'string') {
      return result(
        'jsonPath',
        false,
        contains,
        actual,
        `${path} is a string; contains needs a string to look for, got ${kindOf(contains)}`,
      );
    }
    const passed = actual.includes(contains);
    const message = passed
      ? `${path} contains ${preview(contains)}`
      : `expected ${path} to contain ${preview(contains)}, got ${preview(actual)}`;
    return result('jsonPath', passed, contains, actual, message);
  }
  if (Array.isArray(actual)) {
    const passed = actual.some((element) => isDeepStrictEqual(element, contains));
    const message = passed
      ? `${path} contains the element ${preview(contains)}`
      : `expected ${path} to contain the element ${preview(contains)}, got ${preview(actual)}`;
    return result('jsonPath', passed, contains, actual, message);
  }
  return result(
    'jsonPath',
    false,
    contains,
    actual,
    `expected ${path} to be a string or an array to contain ${preview(contains)}, got ${kindOf(actual)} ${preview(actual)}`,
  );
}

function expectationOf(assertion: Extract<Assertion, { type: 'jsonPath' }>): unknown {
  return assertion.equals ?? assertion.exists ?? assertion.matches ?? assertion.contains ?? null;
}

function describe(assertion: Extract<Assertion, { type: 'jsonPath' }>): string {
  if (assertion.equals !== undefined) return `to equal ${preview(assertion.equals)}`;
  if (assertion.matches !== undefined) return `to match /${assertion.matches}/`;
  return `to contain ${preview(assertion.contains)}`;
}

function jsonSchemaResult(schema: unknown, response: ResponseView): AssertionResult {
  const body = response.json();
  if (!body.ok) return result('jsonSchema', false, schema, null, `cannot validate against the schema: ${body.reason}`);
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return result('jsonSchema', false, schema, null, compiled.reason);
  if (compiled.validate(body.value)) return result('jsonSchema', true, schema, null, 'the body matches the schema');
  const errors = (compiled.validate.errors ?? []).slice(0, MAX_SCHEMA_ERRORS_SHOWN).map((error) => ({
    path: error.instancePath === '' ? '/' : error.instancePath,
    message: error.message ?? error.keyword,
  }));
  const listed = errors.map((error) => `${error.path} ${error.message}`).join('; ');
  return result('jsonSchema', false, schema, errors, `the body does not match the schema: ${listed}`);
}

function userPattern(pattern: string): UserRegExp | string {
  const problem = patternProblem(pattern);
  return problem === undefined ? compilePattern(pattern) : localize(problem);
}

// ---------------------------------------------------------------------------------------------
// Display

function result(type: string, passed: boolean, expected: unknown, actual: unknown, message: string): AssertionResult {
  return {
    type,
    passed,
    expected: forDisplay(expected),
    actual: forDisplay(actual),
    message: preview(message, 2000, false),
  };
}

/** A value as kept in a result: as is when small, else cut to MAX_DISPLAY_CHARS (of text or of its JSON). */
export function forDisplay(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return cut(value, MAX_DISPLAY_CHARS);
  const json = JSON.stringify(value);
  return json.length <= MAX_DISPLAY_CHARS ? value : cut(json, MAX_DISPLAY_CHARS);
}

/** A short rendering of a value for messages: JSON, cut to `max` characters. */
export function preview(value: unknown, max = 120, asJson = true): string {
  const text = asJson || typeof value !== 'string' ? (JSON.stringify(value) ?? String(value)) : value;
  return cut(text, max);
}

/** At most `max` characters, the cut ones counted. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const suffix = `… (${text.length} characters in all)`;
  let end = max - suffix.length;
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}${suffix}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
