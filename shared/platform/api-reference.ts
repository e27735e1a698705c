import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Redoc's self-contained browser build; the docs Lambda bundle carries a copy (route `packageFiles`). */
export const API_REFERENCE_SCRIPT = 'redoc/bundles/redoc.standalone.js';

/**
 * What the page may load: its script and the OpenAPI document from this API, nothing from
 * elsewhere. Redoc styles with inline <style> elements (styled-components) and runs its
 * search index in a worker it creates from a blob: URL, hence those two allowances.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API reference page: Redoc renders the OpenAPI document. URLs are relative to `/v1/docs`
 * so the page works under any base path (a stage prefix, a custom domain mapping).
 */
export const API_REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trellis API reference</title>
</head>
<body>
<redoc spec-url="openapi.json"></redoc>
<script src="docs/redoc.standalone.js"></script>
</body>
</html>
`;

/** Reads the Redoc script from the installed package (in the repository or the Lambda bundle). */
export function loadApiReferenceScript(): string {
  const resolve = createRequire(import.meta.url).resolve;
  return readFileSync(resolve(API_REFERENCE_SCRIPT), 'utf8');
}
