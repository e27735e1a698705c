// Reading OpenAPI schema objects the same way in the diff and in test generation: 3.0 writes
// nullability as `nullable: true`, 3.1 as `null` in the type list; `allOf` members are read as
// one schema.

/** A JSON object (a schema, an operation, …) of a parsed document. */
export type JsonObject = Record<string, unknown>;

/** Deeper schemas than this are not walked (a hostile document could nest without end). */
export const MAX_SCHEMA_DEPTH = 64;

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `parent[key]` when it is an object, else an empty one. */
export function objectAt(parent: unknown, key: string): JsonObject {
  const value = isObject(parent) ? parent[key] : undefined;
  return isObject(value) ? value : {};
}

/** An `allOf` read as one schema: its members' properties and required lists merged (oasdiff's --flatten-allof). */
export function flattenAllOf(schema: JsonObject, depth = 0): JsonObject {
  if (!Array.isArray(schema.allOf) || depth > MAX_SCHEMA_DEPTH) return schema;
  const { allOf, ...rest } = schema;
  const merged: JsonObject = { ...rest };
  const properties: JsonObject = { ...objectAt(schema, 'properties') };
  const required = new Set<unknown>(Array.isArray(schema.required) ? schema.required : []);
  for (const member of allOf) {
    if (!isObject(member)) continue;
    const flat = flattenAllOf(member, depth + 1);
    Object.assign(properties, objectAt(flat, 'properties'));
    if (Array.isArray(flat.required)) for (const name of flat.required) required.add(name);
    for (const [key, value] of Object.entries(flat)) {
      if (!(key in merged) && key !== 'properties' && key !== 'required') merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

/** The schema's types without `null`, sorted. */
export function typesOf(schema: JsonObject): string[] {
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  return types.filter((type): type is string => typeof type === 'string' && type !== 'null').sort();
}

/** Whether the schema admits null, in either version's spelling. */
export function isNullable(schema: JsonObject): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
}
