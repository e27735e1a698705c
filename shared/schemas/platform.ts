import * as z from 'zod/mini';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

export const Health = /* @__PURE__ */ z
  .object({
    status: /* @__PURE__ */ z.enum(['ok', 'degraded']),
    checks: /* @__PURE__ */ z.record(
      /* @__PURE__ */ z.string(),
      /* @__PURE__ */ z.object({
        status: /* @__PURE__ */ z.enum(['ok', 'failed']),
        latencyMs: /* @__PURE__ */ z.number(),
      }),
    ),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Health' }));
