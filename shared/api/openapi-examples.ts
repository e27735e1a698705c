import type { JsonSchema, SchemaComponents } from '#shared/api/openapi-schemas';

// Values for common shapes, so that generated examples read like real traffic.
const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2026-03-14T09:26:53.589Z',
  date: '2026-03-14',
  email: 'ada@example.com',
  uri: 'https://app.example.com/hook',
  url: 'https://app.example.com/hook',
  uuid: '6f1c2a4e-8b3d-4f5a-9c7e-2d1b0a9f8e7c',
};
const PROPERTY_EXAMPLES: Record<string, string> = {
  name: 'Difference Engine',
  email: 'ada@example.com',
  password: 'Analytical-Engine-1843',
  version: 'v1.4.2',
  description: 'Computes polynomial tables',
  defaultBranch: 'main',
};
const MAX_DEPTH = 8;

/**
 * An example value that validates against `schema`: a schema's own `examples`, `default`,
 * `const` or first enum value when it has one, otherwise one built from its type and limits
 * (every property of an object, one item of an array, the first branch of a union). Schemas
 * whose strings follow a `pattern` carry an example in their zod metadata.
 */
export function exampleOf(schema: JsonSchema, components: SchemaComponents, property = '', depth = 0): unknown {
  const resolved = components.resolve(schema);
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return resolved.examples[0];
  if ('default' in resolved) return resolved.default;
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum)) return resolved.enum[0];
  const branches = (resolved.anyOf ?? resolved.oneOf ?? resolved.allOf) as JsonSchema[] | undefined;
  if (branches) {
    const branch = branches.find((candidate) => components.resolve(candidate).type !== 'null') ?? branches[0];
    return branch ? exampleOf(branch, components, property, depth + 1) : null;
  }
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
  switch (type) {
    case 'object':
      return depth > MAX_DEPTH ? {} : objectExample(resolved, components, depth);
    case 'array': {
      const items = resolved.items as JsonSchema | undefined;
      const count = Math.max(1, Number(resolved.minItems ?? 1));
      return depth > MAX_DEPTH || !items
        ? []
        : Array.from({ length: count }, () => exampleOf(items, components, property, depth + 1));
    }
    case 'string':
      return stringExample(resolved, property);
    case 'integer':
    case 'number':
      return numberExample(resolved);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

function objectExample(schema: JsonSchema, components: SchemaComponents, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const example: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    example[name] = exampleOf(property, components, name, depth + 1);
  }
  const additional = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && typeof additional === 'object' && additional !== null) {
    const key = exampleOf((schema.propertyNames ?? { type: 'string' }) as JsonSchema, components, 'key', depth + 1);
    example[String(key)] = exampleOf(additional as JsonSchema, components, '', depth + 1);
  }
  return example;
}

function stringExample(schema: JsonSchema, property: string): string {
  const format = typeof schema.format === 'string' ? FORMAT_EXAMPLES[schema.format] : undefined;
  const value = format ?? PROPERTY_EXAMPLES[property] ?? (property || 'text');
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  return value.padEnd(min, 'x').slice(0, max);
}

function numberExample(schema: JsonSchema): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = 1;
  if (minimum !== undefined && value < minimum) value = minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = maximum;
  return value;
}
