import {
  flattenAllOf,
  isNullable,
  isObject,
  type JsonObject,
  MAX_SCHEMA_DEPTH,
  objectAt,
  typesOf,
} from '#shared/documents/openapi/schemas';
import { type OpenApiDocument, pointerSegment } from '#shared/documents/openapi/validate';
import type { JsonValue } from '#shared/schemas/test-cases';

// A structural diff of two OpenAPI documents (3.0 or 3.1, internal `$ref`s already replaced by
// `dereferenceOpenApi`) and its verdict on each change, modelled on oasdiff's breaking-change
// checks: the ids and levels below are oasdiff's (checker/rules.go), so a change reads the same
// in both tools. Requests and responses are judged in opposite directions: a request may accept
// more than before (widening is safe), a response may only promise what it promised (narrowing is
// safe). docs/documents.md ("Breaking changes") lists the checks covered and those not covered.

/** ERR, WARN and INFO in oasdiff's words. */
export type ChangeLevel = 'breaking' | 'warning' | 'info';

/** The oasdiff checks this diff reports, with oasdiff's default level for each. */
export const OASDIFF_CHECKS = {
  'api-path-removed-without-deprecation': 'breaking',
  'api-path-removed-with-deprecation': 'info',
  'api-removed-without-deprecation': 'breaking',
  'api-removed-with-deprecation': 'info',
  'endpoint-added': 'info',
  'new-request-path-parameter': 'breaking',
  'new-required-request-parameter': 'breaking',
  'new-optional-request-parameter': 'info',
  'request-parameter-removed': 'warning',
  'request-parameter-removed-with-deprecation': 'info',
  'request-parameter-became-required': 'breaking',
  'request-parameter-became-optional': 'info',
  'request-parameter-type-changed': 'breaking',
  'request-parameter-type-generalized': 'info',
  'request-parameter-enum-value-removed': 'breaking',
  'request-parameter-enum-value-added': 'info',
  'request-parameter-max-length-decreased': 'breaking',
  'request-parameter-max-length-increased': 'info',
  'request-parameter-max-length-set': 'warning',
  'request-parameter-max-decreased': 'breaking',
  'request-parameter-max-increased': 'info',
  'request-parameter-max-set': 'warning',
  'request-parameter-min-length-increased': 'breaking',
  'request-parameter-min-length-decreased': 'info',
  'request-parameter-min-increased': 'breaking',
  'request-parameter-min-decreased': 'info',
  'request-parameter-min-set': 'warning',
  'request-parameter-pattern-added': 'breaking',
  'request-parameter-pattern-changed': 'warning',
  'request-parameter-pattern-removed': 'info',
  'request-parameter-became-nullable': 'info',
  'request-parameter-became-not-nullable': 'breaking',
  'request-body-added-required': 'breaking',
  'request-body-added-optional': 'info',
  'request-body-removed': 'breaking',
  'request-body-became-required': 'breaking',
  'request-body-became-optional': 'info',
  'request-body-media-type-added': 'info',
  'request-body-media-type-removed': 'breaking',
  'request-body-type-changed': 'breaking',
  'request-body-type-generalized': 'info',
  'request-body-type-compatible': 'info',
  'request-body-enum-value-removed': 'breaking',
  'request-body-max-length-decreased': 'breaking',
  'request-body-max-length-increased': 'info',
  'request-body-max-length-set': 'warning',
  'request-body-max-decreased': 'breaking',
  'request-body-max-increased': 'info',
  'request-body-max-set': 'warning',
  'request-body-min-length-increased': 'breaking',
  'request-body-min-length-decreased': 'info',
  'request-body-min-increased': 'breaking',
  'request-body-min-decreased': 'info',
  'request-body-min-set': 'warning',
  'request-body-became-nullable': 'info',
  'request-body-became-not-nullable': 'breaking',
  'new-required-request-property': 'breaking',
  'new-optional-request-property': 'info',
  'request-property-removed': 'warning',
  'request-property-became-required': 'breaking',
  'request-property-became-optional': 'info',
  'request-property-type-changed': 'breaking',
  'request-property-type-generalized': 'info',
  'request-property-type-compatible': 'info',
  'request-property-enum-value-removed': 'breaking',
  'request-property-enum-value-added': 'info',
  'request-property-max-length-decreased': 'breaking',
  'request-property-max-length-increased': 'info',
  'request-property-max-length-set': 'warning',
  'request-property-max-decreased': 'breaking',
  'request-property-max-increased': 'info',
  'request-property-max-set': 'warning',
  'request-property-min-length-increased': 'breaking',
  'request-property-min-length-decreased': 'info',
  'request-property-min-increased': 'breaking',
  'request-property-min-decreased': 'info',
  'request-property-min-set': 'warning',
  'request-property-pattern-added': 'breaking',
  'request-property-pattern-changed': 'warning',
  'request-property-pattern-removed': 'info',
  'request-property-became-nullable': 'info',
  'request-property-became-not-nullable': 'breaking',
  'response-success-status-removed': 'breaking',
  'response-non-success-status-removed': 'info',
  'response-success-status-added': 'info',
  'response-non-success-status-added': 'info',
  'response-media-type-removed': 'breaking',
  'response-media-type-added': 'info',
  'response-body-type-changed': 'breaking',
  'response-body-type-generalized': 'breaking',
  'response-body-type-specialized': 'info',
  'response-body-type-compatible': 'info',
  'response-body-max-length-increased': 'breaking',
  'response-body-max-length-unset': 'breaking',
  'response-body-max-increased': 'breaking',
  'response-body-min-length-decreased': 'breaking',
  'response-body-min-decreased': 'breaking',
  'response-body-became-nullable': 'breaking',
  'response-body-became-not-nullable': 'info',
  'response-required-property-removed': 'breaking',
  'response-optional-property-removed': 'warning',
  'response-required-property-added': 'info',
  'response-optional-property-added': 'info',
  'response-property-became-optional': 'breaking',
  'response-property-became-required': 'info',
  'response-property-type-changed': 'breaking',
  'response-property-type-generalized': 'breaking',
  'response-property-type-specialized': 'info',
  'response-property-type-compatible': 'info',
  'response-property-enum-value-added': 'warning',
  'response-property-enum-value-removed': 'info',
  'response-property-max-length-increased': 'breaking',
  'response-property-max-length-unset': 'breaking',
  'response-property-max-increased': 'breaking',
  'response-property-min-length-decreased': 'breaking',
  'response-property-min-decreased': 'breaking',
  'response-property-pattern-added': 'info',
  'response-property-pattern-changed': 'info',
  'response-property-pattern-removed': 'info',
  'response-property-became-nullable': 'breaking',
  'response-property-became-not-nullable': 'info',
  'api-security-added': 'info',
  'api-security-removed': 'info',
  'api-global-security-added': 'info',
  'api-global-security-removed': 'info',
} as const satisfies Record<string, ChangeLevel>;

/** The id of a check, as oasdiff names it. */
export type CheckId = keyof typeof OASDIFF_CHECKS;

/** One difference: `breaking` for oasdiff's ERR and WARN levels (what `oasdiff breaking` reports). */
export interface OpenApiChange {
  id: CheckId;
  level: ChangeLevel;
  breaking: boolean;
  /** `GET /pets/{petId}`, as written in the revision (the base for removals). */
  operation?: string;
  /** Where, in the dereferenced revision (the base for removals): `/paths/~1pets/get/parameters/0/schema/maximum`. */
  pointer: string;
  from?: JsonValue;
  to?: JsonValue;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LEVEL_ORDER: Record<ChangeLevel, number> = { breaking: 0, warning: 1, info: 2 };

/** Every change from `base` to `revision` (both dereferenced), breaking ones first. */
export function diffOpenApi(base: OpenApiDocument, revision: OpenApiDocument): OpenApiChange[] {
  const changes = new ChangeList();
  diffSecurity(changes, base.security, revision.security, '', undefined, 'api-global-security');
  const basePaths = templates(objectAt(base, 'paths'));
  const revisionPaths = templates(objectAt(revision, 'paths'));
  for (const [template, basePath] of basePaths) {
    const revisionPath = revisionPaths.get(template);
    for (const method of METHODS) {
      const baseOperation = basePath.item[method];
      if (!isObject(baseOperation)) continue;
      const revisionOperation = revisionPath?.item[method];
      const basePointer = `/paths/${pointerSegment(basePath.key)}/${method}`;
      const baseName = `${method.toUpperCase()} ${basePath.key}`;
      if (!isObject(revisionOperation) || revisionPath === undefined) {
        const deprecated = baseOperation.deprecated === true;
        const id = revisionPath
          ? deprecated
            ? 'api-removed-with-deprecation'
            : 'api-removed-without-deprecation'
          : deprecated
            ? 'api-path-removed-with-deprecation'
            : 'api-path-removed-without-deprecation';
        changes.add(id, basePointer, baseName);
        continue;
      }
      const operation = `${method.toUpperCase()} ${revisionPath.key}`;
      const pointer = `/paths/${pointerSegment(revisionPath.key)}/${method}`;
      const context = { changes, operation, pointer };
      diffParameters(
        context,
        parameters(basePath, baseOperation, basePointer),
        parameters(revisionPath, revisionOperation, pointer),
      );
      diffRequestBody(context, baseOperation.requestBody, revisionOperation.requestBody);
      diffResponses(context, objectAt(baseOperation, 'responses'), objectAt(revisionOperation, 'responses'));
      diffSecurity(
        changes,
        baseOperation.security,
        revisionOperation.security,
        `${pointer}/security`,
        operation,
        'api-security',
      );
    }
  }
  for (const [template, revisionPath] of revisionPaths) {
    const basePath = basePaths.get(template);
    for (const method of METHODS) {
      if (!isObject(revisionPath.item[method]) || isObject(basePath?.item[method])) continue;
      changes.add(
        'endpoint-added',
        `/paths/${pointerSegment(revisionPath.key)}/${method}`,
        `${method.toUpperCase()} ${revisionPath.key}`,
      );
    }
  }
  return changes.sorted();
}

class ChangeList {
  private readonly list: OpenApiChange[] = [];

  add(id: CheckId, pointer: string, operation?: string, from?: JsonValue, to?: JsonValue): void {
    const level = OASDIFF_CHECKS[id];
    const change: OpenApiChange = { id, level, breaking: level !== 'info', pointer };
    if (operation !== undefined) change.operation = operation;
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    this.list.push(change);
  }

  /** Adds `<prefix>-<suffix>` when oasdiff has such a check and it is covered here; others are not reported. */
  addComposed(
    prefix: string,
    suffix: string,
    pointer: string,
    operation: string,
    from?: JsonValue,
    to?: JsonValue,
  ): void {
    const id = `${prefix}-${suffix}`;
    if (Object.hasOwn(OASDIFF_CHECKS, id)) this.add(id as CheckId, pointer, operation, from, to);
  }

  sorted(): OpenApiChange[] {
    return this.list.sort(
      (a, b) =>
        LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
        a.pointer.localeCompare(b.pointer) ||
        a.id.localeCompare(b.id) ||
        JSON.stringify(a.from ?? null).localeCompare(JSON.stringify(b.from ?? null)),
    );
  }
}

interface OperationContext {
  changes: ChangeList;
  operation: string;
  pointer: string;
}

/** Paths keyed by their template with parameter names erased: `/pets/{id}` and `/pets/{petId}` are one path. */
function templates(paths: JsonObject): Map<string, { key: string; item: JsonObject }> {
  const byTemplate = new Map<string, { key: string; item: JsonObject }>();
  for (const [key, item] of Object.entries(paths)) {
    if (isObject(item)) byTemplate.set(key.replace(/\{[^}]*\}/g, '{}'), { key, item });
  }
  return byTemplate;
}

// ---------------------------------------------------------------------------------------------
// Parameters

interface Parameter {
  name: string;
  schema: JsonObject;
  required: boolean;
  deprecated: boolean;
  location: string;
  pointer: string;
}

/** The operation's parameters (path-level ones unless the operation overrides them), keyed by location and name. */
function parameters(
  path: { key: string; item: JsonObject },
  operation: JsonObject,
  operationPointer: string,
): Map<string, Parameter> {
  const byKey = new Map<string, Parameter>();
  const placeholders = [...path.key.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  const pathParameters = Array.isArray(path.item.parameters) ? path.item.parameters : [];
  const operationParameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  const pathItemPointer = operationPointer.slice(0, operationPointer.lastIndexOf('/'));
  const collect = (list: unknown[], pointer: string) =>
    list.forEach((parameter, index) => {
      if (!isObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return;
      // Header names are case-insensitive; a path parameter is matched by its place in the
      // template, so renaming `{id}` to `{petId}` changes nothing a client sends.
      const name =
        parameter.in === 'header'
          ? parameter.name.toLowerCase()
          : parameter.in === 'path'
            ? `#${placeholders.indexOf(parameter.name)}`
            : parameter.name;
      byKey.set(`${parameter.in}:${name}`, {
        name: parameter.name,
        schema: objectAt(parameter, 'schema'),
        required: parameter.required === true,
        deprecated: parameter.deprecated === true,
        location: parameter.in,
        pointer: `${pointer}/parameters/${index}`,
      });
    });
  collect(pathParameters, pathItemPointer);
  collect(operationParameters, operationPointer);
  return byKey;
}

function diffParameters(
  context: OperationContext,
  base: Map<string, Parameter>,
  revision: Map<string, Parameter>,
): void {
  const { changes, operation } = context;
  for (const [key, added] of revision) {
    if (base.has(key)) continue;
    const id =
      added.location === 'path'
        ? 'new-request-path-parameter'
        : added.required
          ? 'new-required-request-parameter'
          : 'new-optional-request-parameter';
    changes.add(id, added.pointer, operation, undefined, added.name);
  }
  for (const [key, removed] of base) {
    if (revision.has(key)) continue;
    const id = removed.deprecated ? 'request-parameter-removed-with-deprecation' : 'request-parameter-removed';
    changes.add(id, removed.pointer, operation, removed.name);
  }
  for (const [key, before] of base) {
    const after = revision.get(key);
    if (after === undefined) continue;
    if (!before.required && after.required)
      changes.add('request-parameter-became-required', `${after.pointer}/required`, operation, false, true);
    if (before.required && !after.required)
      changes.add('request-parameter-became-optional', `${after.pointer}/required`, operation, true, false);
    diffSchema(
      { ...context, direction: 'request', subject: 'parameter', stronglyTyped: false },
      before.schema,
      after.schema,
      `${after.pointer}/schema`,
      [],
      new Map(),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Request bodies and responses

function diffRequestBody(context: OperationContext, base: unknown, revision: unknown): void {
  const { changes, operation, pointer } = context;
  const bodyPointer = `${pointer}/requestBody`;
  if (!isObject(base) && !isObject(revision)) return;
  if (!isObject(base)) {
    changes.add(
      isObject(revision) && revision.required === true ? 'request-body-added-required' : 'request-body-added-optional',
      bodyPointer,
      operation,
    );
    return;
  }
  if (!isObject(revision)) {
    changes.add('request-body-removed', `${pointer}/requestBody`, operation);
    return;
  }
  if (base.required !== true && revision.required === true)
    changes.add('request-body-became-required', `${bodyPointer}/required`, operation, false, true);
  if (base.required === true && revision.required !== true)
    changes.add('request-body-became-optional', `${bodyPointer}/required`, operation, true, false);
  diffContent(
    { ...context, direction: 'request' },
    objectAt(base, 'content'),
    objectAt(revision, 'content'),
    `${bodyPointer}/content`,
  );
}

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function diffResponses(context: OperationContext, base: JsonObject, revision: JsonObject): void {
  const { changes, operation, pointer } = context;
  for (const status of Object.keys(base)) {
    if (status in revision) continue;
    changes.add(
      isSuccess(status) ? 'response-success-status-removed' : 'response-non-success-status-removed',
      `${pointer}/responses/${pointerSegment(status)}`,
      operation,
      status,
    );
  }
  for (const status of Object.keys(revision)) {
    const responsePointer = `${pointer}/responses/${pointerSegment(status)}`;
    if (!(status in base)) {
      changes.add(
        isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added',
        responsePointer,
        operation,
        undefined,
        status,
      );
      continue;
    }
    diffContent(
      { ...context, direction: 'response' },
      objectAt(base[status], 'content'),
      objectAt(revision[status], 'content'),
      `${responsePointer}/content`,
    );
  }
}

function diffContent(
  context: OperationContext & { direction: Direction },
  base: JsonObject,
  revision: JsonObject,
  pointer: string,
): void {
  const { changes, operation, direction } = context;
  for (const mediaType of Object.keys(base)) {
    if (!(mediaType in revision))
      changes.add(
        direction === 'request' ? 'request-body-media-type-removed' : 'response-media-type-removed',
        `${pointer}/${pointerSegment(mediaType)}`,
        operation,
        mediaType,
      );
  }
  for (const mediaType of Object.keys(revision)) {
    const mediaPointer = `${pointer}/${pointerSegment(mediaType)}`;
    if (!(mediaType in base)) {
      changes.add(
        direction === 'request' ? 'request-body-media-type-added' : 'response-media-type-added',
        mediaPointer,
        operation,
        undefined,
        mediaType,
      );
      continue;
    }
    const stronglyTyped = /^application\/json$|\+json$/i.test(mediaType.split(';')[0]?.trim() ?? '');
    diffSchema(
      { ...context, subject: 'body', stronglyTyped },
      objectAt(base[mediaType], 'schema'),
      objectAt(revision[mediaType], 'schema'),
      `${mediaPointer}/schema`,
      [],
      new Map(),
    );
  }
}

function diffSecurity(
  changes: ChangeList,
  base: unknown,
  revision: unknown,
  pointer: string,
  operation: string | undefined,
  prefix: 'api-security' | 'api-global-security',
): void {
  if (base === undefined && revision === undefined) return;
  const requirements = (list: unknown) =>
    new Set(
      (Array.isArray(list) ? list : [])
        .filter(isObject)
        .map((requirement) => Object.keys(requirement).sort().join(' AND ') || '{}'),
    );
  const before = requirements(base);
  const after = requirements(revision);
  const at = pointer === '' ? '/security' : pointer;
  for (const requirement of after)
    if (!before.has(requirement)) changes.add(`${prefix}-added`, at, operation, undefined, requirement);
  for (const requirement of before)
    if (!after.has(requirement)) changes.add(`${prefix}-removed`, at, operation, requirement);
}

// ---------------------------------------------------------------------------------------------
// Schemas

type Direction = 'request' | 'response';

interface SchemaContext extends OperationContext {
  direction: Direction;
  /** A parameter's schema or a body's (parameters are strings on the wire, so never strongly typed). */
  subject: 'parameter' | 'body';
  /** JSON tells a number from a string; a text or form body does not. */
  stronglyTyped: boolean;
}

/** oasdiff's id prefix for a place: the parameter or body itself, or a property within it. */
function idPrefix(context: SchemaContext, propertyPath: readonly string[]): string {
  if (context.subject === 'parameter')
    return propertyPath.length === 0 ? 'request-parameter' : 'request-parameter-property';
  return `${context.direction}-${propertyPath.length === 0 ? 'body' : 'property'}`;
}

/** One schema compared: the two sides (allOf flattened), where, and the id prefix of changes there. */
interface SchemaPlace {
  context: SchemaContext;
  base: JsonObject;
  revision: JsonObject;
  pointer: string;
  prefix: string;
}

function diffSchema(
  context: SchemaContext,
  baseSchema: JsonObject,
  revisionSchema: JsonObject,
  pointer: string,
  propertyPath: readonly string[],
  visited: Map<JsonObject, Set<JsonObject>>,
): void {
  // Dereferenced cycles come back to a pair already compared: stop there.
  const seen = visited.get(baseSchema) ?? new Set<JsonObject>();
  if (seen.has(revisionSchema) || propertyPath.length > MAX_SCHEMA_DEPTH) return;
  seen.add(revisionSchema);
  visited.set(baseSchema, seen);
  const base = flattenAllOf(baseSchema);
  const revision = flattenAllOf(revisionSchema);
  const prefix = idPrefix(context, propertyPath);

  const place: SchemaPlace = { context, base, revision, pointer, prefix };
  diffTypes(place);
  diffNullable(place);
  diffEnum(place);
  diffConstraints(place);
  diffProperties(context, base, revision, pointer, propertyPath, visited);
  if (isObject(base.items) && isObject(revision.items)) {
    diffSchema(context, base.items, revision.items, `${pointer}/items`, [...propertyPath, 'items'], visited);
  }
}

/** Every value of `sub` is a value of `type`: the same type, or integer within number. */
function isSubtype(sub: string, type: string): boolean {
  return sub === type || (sub === 'integer' && type === 'number');
}

/** `sub` is non-empty and each of its types is covered by one of `types`. */
function isTypeSubset(sub: string[], types: string[]): boolean {
  return sub.length > 0 && sub.every((one) => types.some((other) => isSubtype(one, other)));
}

/** A format change from `from` to `to` that accepts every value it accepted (or no format at all). */
function isFormatWidened(types: string[], from: unknown, to: unknown): boolean {
  if (to === undefined || to === '') return true;
  if (types.length !== 1) return false;
  const widenings: Record<string, [unknown, unknown][]> = {
    number: [['float', 'double']],
    integer: [
      ['int32', 'int64'],
      ['int32', 'bigint'],
      ['int64', 'bigint'],
    ],
    string: [
      ['date', 'date-time'],
      ['time', 'date-time'],
    ],
  };
  return (widenings[types[0] as string] ?? []).some(([before, after]) => before === from && after === to);
}

/**
 * Whether changing from (`fromTypes`, `fromFormat`) to (`toTypes`, `toFormat`) rejects a value
 * that was valid: the type axis (a subtype, or anything to string where the wire does not tell
 * them apart) and the format axis judged apart.
 */
function typeOrFormatNarrowed(
  fromTypes: string[],
  toTypes: string[],
  fromFormat: unknown,
  toFormat: unknown,
  typeChanged: boolean,
  stronglyTyped: boolean,
): boolean {
  if (typeChanged && toTypes.length === 0) return false;
  const added = toTypes.filter((type) => !fromTypes.includes(type));
  const removed = fromTypes.filter((type) => !toTypes.includes(type));
  const typeContained =
    (added.length === 1 && removed.length === 1 && isSubtype(removed[0] as string, added[0] as string)) ||
    (!stronglyTyped && (added.length === 0 || (added.length === 1 && added[0] === 'string')));
  const typeNarrowed = typeChanged && !typeContained;
  const formatNarrowed = fromFormat !== toFormat && !isFormatWidened(toTypes, fromFormat, toFormat);
  return typeNarrowed || formatNarrowed;
}

function typeLabel(types: string[], format: unknown): string {
  const type = types.join('|') || 'any';
  return typeof format === 'string' && format !== '' ? `${type}/${format}` : type;
}

function diffTypes({ context, base, revision, pointer, prefix }: SchemaPlace): void {
  const baseTypes = typesOf(base);
  const revisionTypes = typesOf(revision);
  const typeChanged = baseTypes.join() !== revisionTypes.join();
  if (!typeChanged && base.format === revision.format) return;
  const from = typeLabel(baseTypes, base.format);
  const to = typeLabel(revisionTypes, revision.format);
  const baseSide = { types: baseTypes, format: base.format };
  const revisionSide = { types: revisionTypes, format: revision.format };
  const { changes, operation, stronglyTyped } = context;
  if (context.subject === 'parameter') {
    const narrowed = typeOrFormatNarrowed(baseTypes, revisionTypes, base.format, revision.format, typeChanged, false);
    changes.addComposed(prefix, narrowed ? 'type-changed' : 'type-generalized', pointer, operation, from, to);
    return;
  }
  if (context.direction === 'request') {
    // A request may now accept more: the type axis is safe when widened, the format axis still judged.
    const verdict = typeChangeVerdict(baseSide, revisionSide, stronglyTyped);
    const suffix = verdict.breaking ? 'type-changed' : verdict.looseSwap ? 'type-compatible' : 'type-generalized';
    changes.addComposed(prefix, suffix, pointer, operation, from, to);
    return;
  }
  // A response may now promise less: the request check with the sides swapped.
  const verdict = typeChangeVerdict(revisionSide, baseSide, stronglyTyped);
  const widened = typeChanged && isTypeSubset(baseTypes, revisionTypes);
  const suffix = verdict.breaking
    ? widened
      ? 'type-generalized'
      : 'type-changed'
    : verdict.looseSwap
      ? 'type-compatible'
      : 'type-specialized';
  changes.addComposed(prefix, suffix, pointer, operation, from, to);
}

interface TypeSide {
  types: string[];
  format: unknown;
}

/**
 * A type or format change from `from` to `to` on a side where accepting more is safe: breaking
 * when it rejects a value that was valid, a loose swap when two concrete types differ without
 * one covering the other (safe only where the wire does not tell them apart).
 */
function typeChangeVerdict(
  from: TypeSide,
  to: TypeSide,
  stronglyTyped: boolean,
): { breaking: boolean; looseSwap: boolean } {
  const typeChanged = from.types.join() !== to.types.join();
  const covered = typeChanged && isTypeSubset(from.types, to.types);
  return {
    breaking: typeOrFormatNarrowed(
      from.types,
      to.types,
      from.format,
      to.format,
      typeChanged && !covered,
      stronglyTyped,
    ),
    looseSwap: typeChanged && from.types.length > 0 && to.types.length > 0 && !covered,
  };
}

function diffNullable({ context, base, revision, pointer, prefix }: SchemaPlace): void {
  const before = isNullable(base);
  const after = isNullable(revision);
  if (before === after) return;
  context.changes.addComposed(
    prefix,
    after ? 'became-nullable' : 'became-not-nullable',
    pointer,
    context.operation,
    before,
    after,
  );
}

function diffEnum({ context, base, revision, pointer, prefix }: SchemaPlace): void {
  if (!Array.isArray(base.enum) || !Array.isArray(revision.enum)) return;
  const key = (value: unknown) => JSON.stringify(value);
  const before = new Map(base.enum.map((value) => [key(value), value as JsonValue]));
  const after = new Map(revision.enum.map((value) => [key(value), value as JsonValue]));
  for (const [valueKey, value] of before) {
    if (!after.has(valueKey))
      context.changes.addComposed(prefix, 'enum-value-removed', `${pointer}/enum`, context.operation, value);
  }
  for (const [valueKey, value] of after) {
    if (!before.has(valueKey))
      context.changes.addComposed(prefix, 'enum-value-added', `${pointer}/enum`, context.operation, undefined, value);
  }
}

const numberAt = (schema: JsonObject, key: string) =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

/** Length and range limits and patterns: stricter in a request, looser in a response. */
function diffConstraints({ context, base, revision, pointer, prefix }: SchemaPlace): void {
  const { changes, operation } = context;
  const limit = (keyword: 'maxLength' | 'maximum' | 'minLength' | 'minimum', name: string) => {
    const before = numberAt(base, keyword) ?? (keyword === 'minLength' ? 0 : undefined);
    const after = numberAt(revision, keyword) ?? (keyword === 'minLength' ? 0 : undefined);
    if (before === after) return;
    const at = `${pointer}/${keyword}`;
    if (before === undefined) changes.addComposed(prefix, `${name}-set`, at, operation, undefined, after);
    else if (after === undefined) changes.addComposed(prefix, `${name}-unset`, at, operation, before);
    else {
      const grew = after > before;
      changes.addComposed(prefix, `${name}-${grew ? 'increased' : 'decreased'}`, at, operation, before, after);
    }
  };
  limit('maxLength', 'max-length');
  limit('maximum', 'max');
  limit('minLength', 'min-length');
  limit('minimum', 'min');
  const before = typeof base.pattern === 'string' ? base.pattern : undefined;
  const after = typeof revision.pattern === 'string' ? revision.pattern : undefined;
  if (before === after) return;
  const suffix = before === undefined ? 'pattern-added' : after === undefined ? 'pattern-removed' : 'pattern-changed';
  changes.addComposed(prefix, suffix, `${pointer}/pattern`, operation, before, after);
}

function requiredSet(schema: JsonObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : []);
}

function diffProperties(
  context: SchemaContext,
  base: JsonObject,
  revision: JsonObject,
  pointer: string,
  propertyPath: readonly string[],
  visited: Map<JsonObject, Set<JsonObject>>,
): void {
  if (context.subject === 'parameter') return;
  const { changes, operation, direction } = context;
  const baseProperties = objectAt(base, 'properties');
  const revisionProperties = objectAt(revision, 'properties');
  const baseRequired = requiredSet(base);
  const revisionRequired = requiredSet(revision);
  // A read-only property is never sent, a write-only one never returned: neither binds that side.
  const ignored = (schema: unknown) =>
    isObject(schema) && schema[direction === 'request' ? 'readOnly' : 'writeOnly'] === true;
  const at = (name: string) => `${pointer}/properties/${pointerSegment(name)}`;
  const label = (name: string) => [...propertyPath, name].join('/');

  for (const [name, schema] of Object.entries(revisionProperties)) {
    if (name in baseProperties || ignored(schema)) continue;
    const required = revisionRequired.has(name);
    if (direction === 'request')
      changes.add(
        required ? 'new-required-request-property' : 'new-optional-request-property',
        at(name),
        operation,
        undefined,
        label(name),
      );
    else
      changes.add(
        required ? 'response-required-property-added' : 'response-optional-property-added',
        at(name),
        operation,
        undefined,
        label(name),
      );
  }
  for (const [name, schema] of Object.entries(baseProperties)) {
    if (name in revisionProperties || ignored(schema)) continue;
    if (direction === 'request') changes.add('request-property-removed', at(name), operation, label(name));
    else
      changes.add(
        baseRequired.has(name) ? 'response-required-property-removed' : 'response-optional-property-removed',
        at(name),
        operation,
        label(name),
      );
  }
  for (const [name, before] of Object.entries(baseProperties)) {
    const after = revisionProperties[name];
    if (!isObject(before) || !isObject(after) || ignored(after)) continue;
    const wasRequired = baseRequired.has(name);
    const isRequired = revisionRequired.has(name);
    if (wasRequired !== isRequired) {
      const id =
        direction === 'request'
          ? isRequired
            ? 'request-property-became-required'
            : 'request-property-became-optional'
          : isRequired
            ? 'response-property-became-required'
            : 'response-property-became-optional';
      changes.add(id, at(name), operation, wasRequired, isRequired);
    }
    diffSchema(context, before, after, at(name), [...propertyPath, name], visited);
  }
}
