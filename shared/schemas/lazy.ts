/**
 * A schema built on its first call, the same object on every later one. For schemas the event
 * catalogue names (shared/events/catalogue.ts builds an event's data schema on first use):
 * `export const X = /* @__PURE__ *\/ xSchema()` gives the API the same object, and a function that
 * only publishes events does not build the schema at init (docs/benchmarks.md, "Cold start").
 */
export function schemaOnFirstUse<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}
