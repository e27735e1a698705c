import { GetApiReferenceScript } from '#shared/api/routes/platform';
import { httpHandler } from '#shared/http/handler';
import { loadApiReferenceScript } from '#shared/platform/api-reference';

// Read on the first request, not at init (~0.9 MB, ≈ 10 ms of cold start), then kept: it only
// changes with a deployment.
let script: string | undefined;

export const handler = httpHandler(GetApiReferenceScript, async () => {
  script ??= loadApiReferenceScript();
  return {
    text: script,
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=3600',
    },
  };
});
