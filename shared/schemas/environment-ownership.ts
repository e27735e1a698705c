import * as z from 'zod/mini';
import { Timestamp } from '#shared/schemas/common';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

/**
 * How a project proves it controls an environment's host, so that load tests may target it:
 * the token served at `<url origin>/.well-known/trellis-verification.txt` or published as a
 * DNS TXT record at `_trellis-verification.<hostname>`. Shown to members who may edit the
 * environment (maintainer and up).
 */
export const OwnershipVerification = /* @__PURE__ */ z
  .object({
    token: /* @__PURE__ */ z.string(),
    /** The host the environment's URL names now (verification is for that host). */
    host: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    /** When the token was last found for `host`; null until then (or after the URL changed host). */
    verifiedAt: /* @__PURE__ */ z.nullable(Timestamp),
    method: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.enum(['http', 'dns'])),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'OwnershipVerification' }));
export type OwnershipVerification = z.infer<typeof OwnershipVerification>;
