import { GetApiReference } from '#shared/api/routes/platform';
import { httpHandler } from '#shared/http/handler';
import { API_REFERENCE_CSP, API_REFERENCE_PAGE } from '#shared/platform/api-reference';

export const handler = httpHandler(GetApiReference, async () => ({
  text: API_REFERENCE_PAGE,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': API_REFERENCE_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, max-age=300',
  },
}));
