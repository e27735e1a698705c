import { GetApiReferenceScript } from '#shared/api/routes/platform';
import { httpHandler } from '#shared/http/handler';
import { loadApiReferenceScript } from '#shared/platform/api-reference';

// Read once per instance (~0.9 MB): it only changes with a deployment.
const script = loadApiReferenceScript();

export const handler = httpHandler(GetApiReferenceScript, async () => ({
  text: script,
  headers: {
    'content-type': 'text/javascript; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, max-age=3600',
  },
}));
