import { buildOpenApiDocument } from '#shared/api/openapi';
import { GetOpenApiDocument } from '#shared/api/routes/platform';
import { httpHandler } from '#shared/http/handler';

// Built once per instance: the document only changes with a deployment.
const document = buildOpenApiDocument();

export const handler = httpHandler(GetOpenApiDocument, async () => ({
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
