import * as z from 'zod/mini';

export type JsonSchema = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * The named schemas of an OpenAPI document. A zod schema with `z.meta({ id })` becomes one
 * entry of `components/schemas`, and every use of it a `$ref` there (zod writes them as
 * `#/$defs/<id>` inside each converted schema, which an OpenAPI document cannot resolve).
 * Paths, webhooks and responses of one document share one instance.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema` as seen in requests (`input`) or responses (`output`). */
  schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const {
      $defs,
      $schema: _dialect,
      ...root
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const names = this.nameDefinitions($defs ?? {}, io);
    for (const [id, definition] of Object.entries($defs ?? {})) {
      this.schemas[names[id] as string] = rewriteRefs(definition, names) as JsonSchema;
    }
    return rewriteRefs(root, names) as JsonSchema;
  }

  /** Follows a `$ref` into the components; other schemas come back as they are. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_PREFIX)) return schema;
    const target = this.schemas[ref.slice(COMPONENT_PREFIX.length)];
    if (!target) throw new Error(`Unresolvable $ref ${ref}`);
    return this.resolve(target);
  }

  /**
   * Names each definition after its zod id. A request-side (`input`) view that differs from the
   * response-side one already registered (defaults make fields optional on input) is named
   * `<id>Input`; renaming one definition changes those that refer to it, so this repeats until
   * the names settle.
   */
  private nameDefinitions(definitions: Record<string, JsonSchema>, io: 'input' | 'output'): Record<string, string> {
    const names = Object.fromEntries(Object.keys(definitions).map((id) => [id, id]));
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, definition] of Object.entries(definitions)) {
        const existing = this.schemas[names[id] as string];
        if (!existing || sameJson(existing, rewriteRefs(definition, names))) continue;
        if (io === 'output' || names[id] !== id) {
          throw new Error(`Two different schemas are named ${names[id]} in the OpenAPI document`);
        }
        names[id] = `${id}Input`;
        changed = true;
      }
    }
    return names;
  }
}

function rewriteRefs(value: unknown, names: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, names));
  if (typeof value !== 'object' || value === null) return value;
  const rewritten: JsonSchema = {};
  for (const [key, item] of Object.entries(value)) {
    rewritten[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')
        ? `${COMPONENT_PREFIX}${names[item.slice('#/$defs/'.length)] ?? item}`
        : rewriteRefs(item, names);
  }
  return rewritten;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
