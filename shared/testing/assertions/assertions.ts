import { isDeepStrictEqual } from 'node:util';
import { Ajv, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JSONPath } from 'jsonpath-plus';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import { storedText } from '#shared/i18n/stored';
import type { Assertion } from '#shared/schemas/test-cases';
import type { RecordedAssertion } from '#shared/schemas/test-results';
import { checkJsonPath } from '#shared/testing/assertions/json-path';
import * as m from '#shared/testing/assertions/messages';
import { compilePattern, patternProblem, schemaPatterns, type UserRegExp } from '#shared/testing/assertions/patterns';

/** Longest expected/actual kept in a result (characters of text or of JSON); the rest is cut. */
export const MAX_DISPLAY_CHARS = 1024;
/** Response JSON nested deeper than this is not inspected (deep recursion would overflow the stack). */
export const MAX_RESPONSE_JSON_DEPTH = 256;
const MAX_CACHED_SCHEMAS = 100;
const MAX_SCHEMA_ERRORS_SHOWN = 5;
/** Longest value quoted in a result's message (the list of a schema's errors). */
const MAX_MESSAGE_VALUE = 1500;

/** What assertions look at: one response as the outbound client returned it. */
export interface ObservedResponse {
  status: number;
  /** Lower-case names, as the outbound client gives them. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  durationMs: number;
}

type BodyJson = { ok: true; value: unknown } | { ok: false; reason: LocalizedText };

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
  const typed = contentType === undefined ? undefined : { contentType: preview(contentType, 80) };
  if (text.trim() === '') return { ok: false, reason: typed ? m.bodyEmptyTyped(typed) : m.bodyEmpty() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: typed ? m.bodyNotJsonTyped(typed) : m.bodyNotJson() };
  }
  if (depthExceeds(value, MAX_RESPONSE_JSON_DEPTH)) {
    return { ok: false, reason: m.bodyTooDeep({ max: MAX_RESPONSE_JSON_DEPTH }) };
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

/** A JSON path that cannot be evaluated: outside the supported grammar, or refused by the engine. */
export class JsonPathRefused extends Error {
  override name = 'JsonPathRefused';
  constructor(readonly reason: LocalizedText) {
    super(formatText(reason, 'en'));
  }
}

/** Evaluates a JSON path with jsonpath-plus, scripts disabled. Throws JsonPathRefused on a path it cannot evaluate. */
export function selectJsonPath(path: string, document: unknown): PathSelection {
  const check = checkJsonPath(path);
  if (!check.ok) throw new JsonPathRefused(check.reason);
  let matches: unknown[];
  try {
    matches = (JSONPath({ path, json: document as object, eval: false, wrap: true }) ?? []) as unknown[];
  } catch (error) {
    throw new JsonPathRefused(m.jsonPathEngine({ reason: (error as Error).message }));
  }
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

type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; reason: LocalizedText };
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
  const unsafePattern = [...schemaPatterns(schema)].map(patternProblem).find((problem) => problem !== undefined);
  if (unsafePattern !== undefined) {
    compiled = { ok: false, reason: m.schemaInvalid({ reason: unsafePattern }) };
  } else {
    try {
      const Dialect = ajvFor(schema);
      const ajv = new Dialect({ strict: false, validateFormats: false, logger: false, code: { regExp: linearRegExp } });
      compiled = { ok: true, validate: ajv.compile(schema as object) };
    } catch (error) {
      compiled = { ok: false, reason: m.schemaInvalid({ reason: (error as Error).message }) };
    }
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
export function evaluateAssertion(assertion: Assertion, response: ResponseView): RecordedAssertion {
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

function statusResult(expected: number, actual: number): RecordedAssertion {
  const passed = actual === expected;
  const message = passed ? m.statusIs({ expected }) : m.statusExpected({ expected, actual });
  return result('status', passed, expected, actual, message);
}

function latencyResult(maxMs: number, durationMs: number): RecordedAssertion {
  const passed = durationMs <= maxMs;
  const message = passed ? m.latencyWithin({ durationMs, maxMs }) : m.latencyExceeded({ durationMs, maxMs });
  return result('latency', passed, maxMs, durationMs, message);
}

function headerResult(assertion: Extract<Assertion, { type: 'header' }>, response: ResponseView): RecordedAssertion {
  const { name } = assertion;
  const actual = response.header(name);
  if (assertion.matches !== undefined) {
    const pattern = assertion.matches;
    if (actual === undefined) return result('header', false, pattern, null, m.headerMatchMissing({ name, pattern }));
    const regex = userPattern(pattern);
    if (isText(regex)) return result('header', false, pattern, actual, regex);
    const passed = regex.test(actual);
    const message = passed
      ? m.headerMatches({ name, pattern })
      : m.headerMatchFailed({ name, pattern, actual: preview(actual) });
    return result('header', passed, pattern, actual, message);
  }
  if (assertion.equals !== undefined) {
    const { equals } = assertion;
    const expected = preview(equals);
    if (actual === undefined) return result('header', false, equals, null, m.headerEqualMissing({ name, expected }));
    const passed = actual === equals;
    const message = passed
      ? m.headerEquals({ name, expected })
      : m.headerEqualFailed({ name, expected, actual: preview(actual) });
    return result('header', passed, equals, actual, message);
  }
  const passed = actual !== undefined;
  const message = passed ? m.headerPresent({ name }) : m.headerMissing({ name });
  return result('header', passed, 'present', actual ?? null, message);
}

function jsonPathResult(
  assertion: Extract<Assertion, { type: 'jsonPath' }>,
  response: ResponseView,
): RecordedAssertion {
  const { path } = assertion;
  const expected = expectationOf(assertion);
  const body = response.json();
  if (!body.ok) return result('jsonPath', false, expected, null, m.cannotEvaluate({ path, reason: body.reason }));
  let selection: PathSelection;
  try {
    selection = selectJsonPath(path, body.value);
  } catch (error) {
    if (error instanceof JsonPathRefused) return result('jsonPath', false, expected, null, error.reason);
    throw error;
  }
  const { found, value: actual } = selection;

  if (assertion.exists !== undefined) {
    const passed = found === assertion.exists;
    const message = passed
      ? found
        ? m.pathExists({ path })
        : m.pathAbsent({ path })
      : found
        ? m.pathUnexpected({ path, actual: preview(actual) })
        : m.pathMissing({ path });
    return result('jsonPath', passed, assertion.exists, actual, message);
  }
  if (!found) {
    return result('jsonPath', false, expected, null, m.pathNothingMatched({ path, expectation: describe(assertion) }));
  }

  if (assertion.equals !== undefined) {
    const passed = isDeepStrictEqual(actual, assertion.equals);
    const shown = preview(assertion.equals);
    const message = passed
      ? m.pathEquals({ path, expected: shown })
      : m.pathEqualFailed({ path, expected: shown, actual: preview(actual) });
    return result('jsonPath', passed, assertion.equals, actual, message);
  }
  if (assertion.matches !== undefined) {
    const pattern = assertion.matches;
    if (typeof actual !== 'string') {
      const message = m.pathNotAString({ path, pattern, kind: kindOf(actual), actual: preview(actual) });
      return result('jsonPath', false, pattern, actual, message);
    }
    const regex = userPattern(pattern);
    if (isText(regex)) return result('jsonPath', false, pattern, actual, regex);
    const passed = regex.test(actual);
    const message = passed
      ? m.pathMatches({ path, pattern })
      : m.pathMatchFailed({ path, pattern, actual: preview(actual) });
    return result('jsonPath', passed, pattern, actual, message);
  }
  const contains = assertion.contains;
  const shown = preview(contains);
  if (typeof actual === 'string') {
    if (typeof contains !== 'string') {
      return result('jsonPath', false, contains, actual, m.containsNeedsString({ path, kind: kindOf(contains) }));
    }
    const passed = actual.includes(contains);
    const message = passed
      ? m.pathContains({ path, expected: shown })
      : m.pathContainFailed({ path, expected: shown, actual: preview(actual) });
    return result('jsonPath', passed, contains, actual, message);
  }
  if (Array.isArray(actual)) {
    const passed = actual.some((element) => isDeepStrictEqual(element, contains));
    const message = passed
      ? m.pathContainsElement({ path, expected: shown })
      : m.pathContainElementFailed({ path, expected: shown, actual: preview(actual) });
    return result('jsonPath', passed, contains, actual, message);
  }
  const message = m.pathNotAContainer({ path, expected: shown, kind: kindOf(actual), actual: preview(actual) });
  return result('jsonPath', false, contains, actual, message);
}

function expectationOf(assertion: Extract<Assertion, { type: 'jsonPath' }>): unknown {
  return assertion.equals ?? assertion.exists ?? assertion.matches ?? assertion.contains ?? null;
}

function describe(assertion: Extract<Assertion, { type: 'jsonPath' }>): LocalizedText {
  if (assertion.equals !== undefined) return m.toEqual({ expected: preview(assertion.equals) });
  if (assertion.matches !== undefined) return m.toMatch({ pattern: assertion.matches });
  return m.toContain({ expected: preview(assertion.contains) });
}

function jsonSchemaResult(schema: unknown, response: ResponseView): RecordedAssertion {
  const body = response.json();
  if (!body.ok) return result('jsonSchema', false, schema, null, m.schemaCannotValidate({ reason: body.reason }));
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return result('jsonSchema', false, schema, null, compiled.reason);
  if (compiled.validate(body.value)) return result('jsonSchema', true, schema, null, m.schemaMatches());
  const errors = (compiled.validate.errors ?? []).slice(0, MAX_SCHEMA_ERRORS_SHOWN).map((error) => ({
    path: error.instancePath === '' ? '/' : error.instancePath,
    message: error.message ?? error.keyword,
  }));
  const listed = errors.map((error) => `${error.path} ${error.message}`).join('; ');
  return result('jsonSchema', false, schema, errors, m.schemaMismatch({ errors: cut(listed, MAX_MESSAGE_VALUE) }));
}

function userPattern(pattern: string): UserRegExp | LocalizedText {
  return patternProblem(pattern) ?? compilePattern(pattern);
}

function isText(value: UserRegExp | LocalizedText): value is LocalizedText {
  return 'texts' in value;
}

// ---------------------------------------------------------------------------------------------
// Display

/** A result as a run stores it: the message as id and values, worded when the result is read. */
function result(
  type: string,
  passed: boolean,
  expected: unknown,
  actual: unknown,
  message: LocalizedText,
): RecordedAssertion {
  return { type, passed, expected: forDisplay(expected), actual: forDisplay(actual), message: storedText(message) };
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

const KINDS: Record<string, () => LocalizedText> = {
  object: m.kindObject,
  string: m.kindString,
  number: m.kindNumber,
  boolean: m.kindBoolean,
};

/** What kind of JSON value this is, in words (values from JSON are one of these). */
function kindOf(value: unknown): LocalizedText {
  if (value === null) return m.kindNull();
  if (Array.isArray(value)) return m.kindArray();
  return (KINDS[typeof value] ?? m.kindObject)();
}
