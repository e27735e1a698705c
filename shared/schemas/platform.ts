import * as z from 'zod/mini';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.record(z.string(), z.object({ status: z.enum(['ok', 'failed']), latencyMs: z.number() })),
  })
  .check(z.meta({ id: 'Health' }));
