import { readFileSync } from 'node:fs';
import { expect, inject } from 'vitest';
import { api } from './client.ts';

/** The OpenAPI project's Petstore (3.0), a real public design (test/fixtures/openapi/README.md). */
export const PETSTORE = readFileSync('test/fixtures/openapi/petstore-2023-9df68a1d.yaml', 'utf8');

/** Creates an openapi document holding `body` in the project as `token`'s user; answers its id. */
export async function createDesign(projectId: string, token: string, body = PETSTORE): Promise<string> {
  const created = await api(inject('apiUrl'), 'POST', `/v1/projects/${projectId}/documents`, {
    token,
    body: { title: 'Petstore API', type: 'api', format: 'openapi', body, tags: ['petstore'] },
  });
  expect(created.status, created.text).toBe(201);
  return (created.body as { id: string }).id;
}
