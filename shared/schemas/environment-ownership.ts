import * as z from 'zod/mini';
import { Timestamp } from '#shared/schemas/common';

/**
 * How a project proves it controls an environment's host, so that load tests may target it:
 * the token served at `<url origin>/.well-known/trellis-verification.txt` or published as a
 * DNS TXT record at `_trellis-verification.<hostname>`. Shown to members who may edit the
 * environment (maintainer and up).
 */
export const OwnershipVerification = z
  .object({
    token: z.string(),
    /** The host the environment's URL names now (verification is for that host). */
    host: z.nullable(z.string()),
    /** When the token was last found for `host`; null until then (or after the URL changed host). */
    verifiedAt: z.nullable(Timestamp),
    method: z.nullable(z.enum(['http', 'dns'])),
  })
  .check(z.meta({ id: 'OwnershipVerification' }));
export type OwnershipVerification = z.infer<typeof OwnershipVerification>;
