import { GetHealth } from '#shared/api/routes/platform';
import { httpHandler } from '#shared/http/handler';
import { checkHealth } from '#shared/platform/health';

export const handler = httpHandler(GetHealth, async () => {
  const health = await checkHealth();
  // 503 tells load balancers and uptime checks to look elsewhere; the body says why.
  return { status: health.status === 'ok' ? 200 : 503, body: health, headers: { 'cache-control': 'no-store' } };
});
