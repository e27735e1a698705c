import {
  flattenAllOf,
  isNullable,
  isObject,
  type JsonObject,
  MAX_SCHEMA_DEPTH,
  objectAt,
  typesOf,
} from '#shared/documents/openapi/schemas';
import type { OpenApiDocument } from '#shared/documents/openapi/validate';
import type { Assertion, CreateTestCaseBody, HttpRequestSpec, JsonValue } from '#shared/schemas/test-cases';
import { TEST_CASE_LIMITS } from '#shared/schemas/test-results';
import { compilePattern, patternProblem } from '#shared/testing/assertions/patterns';

// API test cases from a validated, dereferenced OpenAPI document: one per documented success
// response of each selected operation. The request comes from the design's examples, else is
// generated from its schemas (required properties, first enum value, valid formats, limits
// respected); the assertions check the status and the body against the response schema turned
// into JSON Schema. Each case carries a marker of its source so regeneration can find it.

/** Where a generated case came from: regeneration matches on it. */
export interface GeneratedCaseSource {
  documentId: string;
  version: number;
  method: string;
  path: string;
  operationId?: string;
  status: number;
}

/** A create-test-case body for an api case, with the marker of its source. */
export interface GeneratedTestCase {
  input: Extract<CreateTestCaseBody, { type: 'api' }>;
  source: GeneratedCaseSource;
}

/** What to generate from: the document as `dereferenceOpenApi` returns it, and which operations. */
export interface TestGenerationOptions {
  documentId: string;
  version: number;
  openapiVersion: '3.0' | '3.1';
  /** operationIds or `METHOD /path` as written in the document; all operations when absent. */
  operations?: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
// Header parameters OpenAPI says to ignore (the request's media types and authorization come from elsewhere).
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** One api case per documented success response (an exact 2xx status) of each selected operation. */
export function generateTestCases(document: OpenApiDocument, options: TestGenerationOptions): GeneratedTestCase[] {
  const selected = options.operations === undefined ? undefined : new Set(options.operations);
  const basePath = serverBasePath(document);
  const cases: GeneratedTestCase[] = [];
  for (const [path, pathItem] of Object.entries(objectAt(document, 'paths'))) {
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
      if (selected && !selected.has(name) && (operationId === undefined || !selected.has(operationId))) continue;
      const request = buildRequest(document, basePath, path, method, pathItem, operation);
      for (const [status, response] of Object.entries(objectAt(operation, 'responses'))) {
        if (!/^2\d\d$/.test(status) || !isObject(response)) continue;
        const source: GeneratedCaseSource = {
          documentId: options.documentId,
          version: options.version,
          method: method.toUpperCase(),
          path,
          status: Number(status),
        };
        if (operationId !== undefined) source.operationId = operationId;
        cases.push({
          input: {
            name: `${operationId ?? name} → ${status}`.slice(0, TEST_CASE_LIMITS.nameLength),
            type: 'api',
            tags: ['openapi'],
            spec: { request, assertions: responseAssertions(Number(status), response, options.openapiVersion) },
          },
          source,
        });
      }
    }
  }
  return cases;
}

/** The path of the first server's URL (`/v1` of `https://api.example.com/v1`), variables at their defaults. */
function serverBasePath(document: OpenApiDocument): string {
  const server = Array.isArray(document.servers) ? document.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return '';
  const variables = objectAt(server, 'variables');
  const url = server.url.replace(/\{([^}]*)\}/g, (_, name: string) => String(objectAt(variables, name).default ?? ''));
  const pathname = URL.canParse(url) ? new URL(url).pathname : url.startsWith('/') ? url.split(/[?#]/)[0] : '';
  return (pathname ?? '').replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Requests

function buildRequest(
  document: OpenApiDocument,
  basePath: string,
  path: string,
  method: string,
  pathItem: JsonObject,
  operation: JsonObject,
): HttpRequestSpec {
  const parameters = new Map<string, JsonObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    for (const parameter of Array.isArray(list) ? list : []) {
      if (isObject(parameter)) parameters.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  let url = path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const parameter of parameters.values()) {
    const name = String(parameter.name);
    if (parameter.in !== 'path' && parameter.required !== true) continue;
    const value = parameterValue(parameter);
    if (parameter.in === 'path') url = url.replaceAll(`{${name}}`, encodeURIComponent(value));
    else if (parameter.in === 'query') query.append(name, value);
    else if (parameter.in === 'header' && !IGNORED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    else if (parameter.in === 'cookie') cookies.push(`${name}=${encodeURIComponent(value)}`);
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  Object.assign(headers, securityHeaders(document, operation));
  const search = query.size > 0 ? `?${query}` : '';
  const request: HttpRequestSpec = {
    method: method.toUpperCase() as HttpRequestSpec['method'],
    url: `{{environment.url}}${basePath}${url}${search}`,
  };
  const body = requestBody(operation.requestBody);
  if (body !== undefined) {
    request.body = body.value;
    if (!/json/i.test(body.mediaType)) headers['content-type'] = body.mediaType;
  }
  if (Object.keys(headers).length > 0) request.headers = headers;
  return request;
}

/** A parameter's value as sent: its example, else one generated from its schema; arrays and objects as `form` style writes them. */
function parameterValue(parameter: JsonObject): string {
  const value =
    exampleOf(parameter) ?? exampleOf(objectAt(parameter, 'schema')) ?? generateValue(objectAt(parameter, 'schema'));
  if (Array.isArray(value)) return value.map(String).join(',');
  if (isObject(value)) return Object.entries(value).flat().map(String).join(',');
  return String(value ?? '');
}

/** Headers that carry the operation's first security requirement, as placeholders the run fills from its variables. */
function securityHeaders(document: OpenApiDocument, operation: JsonObject): Record<string, string> {
  const requirements = Array.isArray(operation.security) ? operation.security : document.security;
  const first = Array.isArray(requirements) ? requirements.find(isObject) : undefined;
  const schemes = objectAt(objectAt(document, 'components'), 'securitySchemes');
  const headers: Record<string, string> = {};
  for (const name of Object.keys(first ?? {})) {
    const scheme = objectAt(schemes, name);
    if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
      headers[scheme.name] = '{{vars.apiKey}}';
    } else if (
      (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') ||
      scheme.type === 'oauth2' ||
      scheme.type === 'openIdConnect'
    ) {
      headers.authorization = 'Bearer {{vars.token}}';
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
      headers.authorization = 'Basic {{vars.basicCredentials}}';
    }
  }
  return headers;
}

function requestBody(body: unknown): { mediaType: string; value: JsonValue } | undefined {
  const content = objectAt(body, 'content');
  const mediaTypes = Object.keys(content);
  const mediaType = mediaTypes.find((type) => /^application\/(.+\+)?json\b/i.test(type)) ?? mediaTypes[0];
  if (mediaType === undefined) return undefined;
  const media = objectAt(content, mediaType);
  const schema = objectAt(media, 'schema');
  const value = exampleOf(media) ?? exampleOf(schema) ?? generateValue(schema);
  return value === undefined ? undefined : { mediaType, value };
}

/** `example`, else the first of `examples` (a map of Example objects on media and parameters, a list on 3.1 schemas). */
function exampleOf(holder: JsonObject): JsonValue | undefined {
  if (holder.example !== undefined) return holder.example as JsonValue;
  if (Array.isArray(holder.examples)) return holder.examples[0] as JsonValue | undefined;
  for (const example of Object.values(objectAt(holder, 'examples'))) {
    if (isObject(example) && example.value !== undefined) return example.value as JsonValue;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Values from schemas

const FORMAT_VALUES: Record<string, string> = {
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'date-time': '2024-01-15T09:30:00Z',
  date: '2024-01-15',
  time: '09:30:00Z',
  duration: 'P1D',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': '/example',
  iri: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'ZXhhbXBsZQ==',
  binary: 'example',
  password: 'Secret-123',
};

// Tried in turn against a `pattern` when no example is given.
const PATTERN_CANDIDATES = [
  'example',
  'abc',
  'ABC',
  'a',
  'A',
  '1',
  '123',
  'abc123',
  'ABC-123',
  'a-b',
  'a_b',
  'a.b',
  'example@example.com',
];

/**
 * A value valid for `schema` (its example, default, const or first enum value, else built from
 * its type and limits), or undefined where a recursive schema would never end.
 */
export function generateValue(
  schemaObject: JsonObject,
  depth = 0,
  ancestors: ReadonlySet<JsonObject> = new Set(),
): JsonValue | undefined {
  if (depth > MAX_SCHEMA_DEPTH || ancestors.has(schemaObject)) return undefined;
  const within = new Set(ancestors).add(schemaObject);
  const schema = flattenAllOf(schemaObject);
  const given =
    exampleOf(schema) ?? (schema.default as JsonValue | undefined) ?? (schema.const as JsonValue | undefined);
  if (given !== undefined) return given;
  if (Array.isArray(schema.enum)) return (schema.enum.find((value) => value !== null) ?? null) as JsonValue;
  const alternatives = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : undefined;
  const first = alternatives?.find(isObject);
  if (first) return generateValue(first, depth + 1, within);
  const types = typesOf(schema);
  const type = types[0] ?? (isObject(schema.properties) ? 'object' : isObject(schema.items) ? 'array' : undefined);
  switch (type) {
    case 'object':
      return objectValue(schema, depth, within);
    case 'array':
      return arrayValue(schema, depth, within);
    case 'integer':
    case 'number':
      return numberValue(schema, type === 'integer');
    case 'boolean':
      return true;
    case 'string':
      return stringValue(schema);
    default:
      return isNullable(schema) || types.length > 0 ? null : 'example';
  }
}

function objectValue(schema: JsonObject, depth: number, ancestors: ReadonlySet<JsonObject>): JsonValue {
  const properties = objectAt(schema, 'properties');
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  const value: Record<string, JsonValue> = {};
  // Required properties first, then optional ones while `minProperties` asks for more; read-only ones are not sent.
  const names = [
    ...Object.keys(properties).filter((name) => required.has(name)),
    ...Object.keys(properties).filter((name) => !required.has(name)),
  ];
  for (const name of names) {
    const property = objectAt(properties, name);
    if (!required.has(name) && Object.keys(value).length >= minProperties) break;
    if (property.readOnly === true && !required.has(name)) continue;
    const generated = generateValue(property, depth + 1, ancestors);
    if (generated !== undefined) value[name] = generated;
    else if (required.has(name)) value[name] = isNullable(property) ? null : {};
  }
  return value;
}

function arrayValue(schema: JsonObject, depth: number, ancestors: ReadonlySet<JsonObject>): JsonValue {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const count = Math.min(Math.max(minItems, 1), maxItems);
  const item = generateValue(objectAt(schema, 'items'), depth + 1, ancestors);
  if (item === undefined) return [];
  if (schema.uniqueItems === true && count > 1) {
    // Distinct items: numbers and strings made different, other items left as they are.
    return Array.from({ length: count }, (_, index) =>
      typeof item === 'number' ? item + index : typeof item === 'string' ? `${item}${index}` : item,
    );
  }
  return Array.from({ length: count }, () => item);
}

/** The smallest valid value from 1 up (or from the lower bound), stepping by `multipleOf`; 3.0 and 3.1 exclusive forms both read. */
function numberValue(schema: JsonObject, integer: boolean): number {
  const number = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const step = number('multipleOf') ?? (integer ? 1 : undefined);
  let lower = number('minimum');
  let lowerExclusive = schema.exclusiveMinimum === true;
  if (
    number('exclusiveMinimum') !== undefined &&
    (lower === undefined || (number('exclusiveMinimum') as number) >= lower)
  ) {
    lower = number('exclusiveMinimum');
    lowerExclusive = true;
  }
  let upper = number('maximum');
  let upperExclusive = schema.exclusiveMaximum === true;
  if (
    number('exclusiveMaximum') !== undefined &&
    (upper === undefined || (number('exclusiveMaximum') as number) <= upper)
  ) {
    upper = number('exclusiveMaximum');
    upperExclusive = true;
  }
  const fits = (value: number) =>
    (lower === undefined || value > lower || (!lowerExclusive && value === lower)) &&
    (upper === undefined || value < upper || (!upperExclusive && value === upper));
  const start = lower === undefined ? (upper === undefined || upper >= 1 ? 1 : upper) : lower;
  if (step !== undefined) {
    const first = Math.ceil(start / step) * step;
    for (const candidate of [first, first + step, first - step, Math.floor((upper ?? first) / step) * step]) {
      if (fits(candidate)) return candidate;
    }
    return first;
  }
  if (fits(start)) return start;
  if (upper !== undefined && lower !== undefined) return (lower + upper) / 2;
  return lower !== undefined ? lower + 1 : (upper as number) - 1;
}

function stringValue(schema: JsonObject): string {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const format = typeof schema.format === 'string' ? FORMAT_VALUES[schema.format] : undefined;
  let value = format ?? 'example';
  if (typeof schema.pattern === 'string' && patternProblem(schema.pattern) === undefined) {
    const pattern = compilePattern(schema.pattern);
    if (!pattern.test(value)) {
      const candidates = [sampleOfPattern(schema.pattern, minLength), ...PATTERN_CANDIDATES];
      value = candidates.find((candidate) => candidate !== undefined && pattern.test(candidate)) ?? value;
    }
  }
  if (value.length < minLength) value = value.padEnd(minLength, 'x');
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

const CLASS_ESCAPES: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };

/**
 * A string the common shapes of `pattern` match: literals, escapes, `.`, character classes
 * (their first member), groups (their first alternative) and quantifiers at their least
 * count (one more for the last atom while the string is shorter than `minLength`). Anything
 * else yields a guess the caller checks on RE2.
 */
function sampleOfPattern(pattern: string, minLength = 0): string | undefined {
  let index = 0;
  const sequence = (): string => {
    let out = '';
    while (index < pattern.length && pattern[index] !== ')' && pattern[index] !== '|') {
      const atom = single();
      if (atom === undefined) return out;
      out += atom.repeat(quantifier());
    }
    // Other alternatives of this group are skipped: the first one is enough.
    while (pattern[index] === '|') {
      index++;
      let depth = 0;
      while (index < pattern.length && (depth > 0 || (pattern[index] !== ')' && pattern[index] !== '|'))) {
        if (pattern[index] === '\\') index++;
        else if (pattern[index] === '(') depth++;
        else if (pattern[index] === ')') depth--;
        index++;
      }
    }
    return out;
  };
  const single = (): string | undefined => {
    const char = pattern[index++] as string;
    if (char === '^' || char === '$') return '';
    if (char === '.') return 'a';
    if (char === '\\') {
      const escaped = pattern[index++] as string;
      return CLASS_ESCAPES[escaped] ?? escaped;
    }
    if (char === '(') {
      if (pattern[index] === '?') index += pattern[index + 1] === ':' ? 2 : 3;
      const inner = sequence();
      index++; // ')'
      return inner;
    }
    if (char === '[') {
      const negated = pattern[index] === '^';
      if (negated) index++;
      let first =
        pattern[index] === '\\' ? (CLASS_ESCAPES[pattern[index + 1] as string] ?? pattern[index + 1]) : pattern[index];
      while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
      index++;
      if (negated) first = first === 'a' ? 'b' : 'a';
      return first;
    }
    return char;
  };
  const quantifier = (): number => {
    const char = pattern[index];
    let count = 1;
    if (char === '*' || char === '?') {
      count = 0;
      index++;
    } else if (char === '+') index++;
    else if (char === '{') {
      const close = pattern.indexOf('}', index);
      const least = Number.parseInt(pattern.slice(index + 1, close), 10);
      if (close < 0 || Number.isNaN(least)) return 1;
      count = least;
      index = close + 1;
    } else return 1;
    if (pattern[index] === '?') index++;
    return count;
  };
  try {
    const sample = sequence();
    return sample.length >= minLength ? sample : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Assertions and JSON Schema

function responseAssertions(status: number, response: JsonObject, openapiVersion: '3.0' | '3.1'): Assertion[] {
  const assertions: Assertion[] = [{ type: 'status', equals: status }];
  const content = objectAt(response, 'content');
  const mediaType = Object.keys(content).find((type) => /^application\/(.+\+)?json\b/i.test(type));
  const schema = mediaType === undefined ? undefined : objectAt(content, mediaType).schema;
  if (!isObject(schema)) return assertions;
  const converted = toJsonSchema(schema, openapiVersion, 'response');
  // A schema too large to store as an assertion is left out rather than cut.
  if (Buffer.byteLength(JSON.stringify(converted)) <= TEST_CASE_LIMITS.schemaBytes) {
    assertions.push({ type: 'jsonSchema', schema: converted as JsonValue });
  }
  return assertions;
}

// OpenAPI's own keywords, which JSON Schema does not know.
const OPENAPI_ONLY = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example', 'deprecated']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
]);

/**
 * An OpenAPI schema as JSON Schema: for 3.1 the 2020-12 dialect it already is, declared; for 3.0
 * draft-07 (what the `jsonSchema` assertion takes by default), with `nullable` turned into a
 * `null` type and the boolean `exclusiveMinimum`/`exclusiveMaximum` into numbers. In a response,
 * write-only properties are no longer required (a server never returns them); in a request,
 * read-only ones. A recursive schema accepts anything where it recurs.
 */
export function toJsonSchema(
  schema: JsonObject,
  openapiVersion: '3.0' | '3.1',
  direction: 'request' | 'response',
): JsonObject {
  const converted = convert(schema, openapiVersion, direction, 0, new Set());
  return openapiVersion === '3.1'
    ? { $schema: 'https://json-schema.org/draft/2020-12/schema', ...converted }
    : converted;
}

function convert(
  schema: JsonObject,
  version: '3.0' | '3.1',
  direction: 'request' | 'response',
  depth: number,
  ancestors: ReadonlySet<JsonObject>,
): JsonObject {
  if (depth > MAX_SCHEMA_DEPTH || ancestors.has(schema)) return {};
  const within = new Set(ancestors).add(schema);
  const sub = (value: unknown) => (isObject(value) ? convert(value, version, direction, depth + 1, within) : value);
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith('x-') || key === '$schema') continue;
    if (SCHEMA_MAPS.has(key) && isObject(value))
      result[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, sub(child)]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) result[key] = value.map(sub);
    else if (SCHEMA_VALUES.has(key)) result[key] = sub(value);
    else result[key] = value;
  }
  if (version === '3.0') {
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (result[flag] === true && typeof result[bound] === 'number') {
        result[flag] = result[bound];
        delete result[bound];
      } else if (typeof result[flag] === 'boolean') delete result[flag];
    }
    if (schema.nullable === true) {
      if (typeof result.type === 'string') result.type = [result.type, 'null'];
      if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
    }
  }
  const hidden = direction === 'response' ? 'writeOnly' : 'readOnly';
  if (Array.isArray(result.required) && isObject(schema.properties)) {
    const properties = schema.properties;
    const required = result.required.filter((name) => objectAt(properties, String(name))[hidden] !== true);
    if (required.length > 0) result.required = required;
    else delete result.required;
  }
  return result;
}
