import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createDesign, PETSTORE } from '../support/designs.ts';
import {
  closedPortUrl,
  createEnvironment,
  finishedRun,
  type OwnedProject,
  ownedProject,
  projectApi,
} from '../support/test-runs.ts';

// API designs end to end: a real public design (the Petstore), its generated cases run against a
// small API on loopback that implements one operation, regeneration around a hand edit, drift
// against the spec that API serves, and attachments through their presigned links.

interface Entry {
  caseId: string;
  operation: string;
  operationId?: string;
  status: number;
}
interface Generated {
  version: number;
  created: Entry[];
  updated: Entry[];
  unchanged: Entry[];
  skippedEdited: Entry[];
  refused: unknown[];
}

// What the live API serves as its own description: the Petstore without `POST /pets` (a breaking
// change to the design) and with an optional query parameter more (not breaking).
const LIVE_SPEC = (() => {
  const spec = parse(PETSTORE);
  delete spec.paths['/pets'].post;
  spec.paths['/pets/{petId}'].get.parameters.push({ name: 'fields', in: 'query', schema: { type: 'string' } });
  return stringify(spec);
})();

let server: Server;
let liveUrl: string;
let p: OwnedProject;
let environmentId: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    if (request.method === 'GET' && /^\/v1\/pets\/[^/]+$/.test(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 7, name: 'Rex' }));
    } else if (request.url === '/openapi.yaml') {
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(LIVE_SPEC);
    } else if (request.url === '/not-openapi.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  liveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  p = await ownedProject('Designs', 'DSG');
  environmentId = await createEnvironment(p, liveUrl);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const generate = async (documentId: string, body: Record<string, unknown> = { environmentId }) => {
  const response = await projectApi(p, 'POST', `/documents/${documentId}/test-cases`, { body });
  expect(response.status, response.text).toBe(200);
  return response.body as Generated;
};
const operations = (entries: Entry[]) => entries.map((entry) => `${entry.operation} ${entry.status}`).sort();

describe('tests generated from a design', () => {
  it('generates, runs, regenerates, and never touches a case edited by hand', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);

    // Act: first generation
    const first = await generate(documentId);

    // Assess: one case per documented success response of the Petstore
    expect(operations(first.created)).toEqual(['GET /pets 200', 'GET /pets/{petId} 200', 'POST /pets 201']);
    expect(first).toMatchObject({ version: 1, updated: [], unchanged: [], skippedEdited: [], refused: [] });
    const show = first.created.find((entry) => entry.operationId === 'showPetById') as Entry;
    const stored = await projectApi(p, 'GET', `/test-cases/${show.caseId}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      type: 'api',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/v1/pets/example' },
        assertions: [{ type: 'status', equals: 200 }, { type: 'jsonSchema' }],
      },
    });

    // Act: the generated case runs against the API that implements its operation
    const run = await finishedRun<{ status: string; summary: { passed: number } }>(p, {
      caseIds: [show.caseId],
      environmentId,
    });

    // Assess
    expect(run.status).toBe('passed');
    expect(run.summary).toMatchObject({ passed: 1 });

    // Act: generating again from the same design
    const again = await generate(documentId);

    // Assess
    expect(again.created).toEqual([]);
    expect(operations(again.unchanged)).toEqual(operations(first.created));

    // Act: a hand edit, then a new version of the design that changes every generated case's source
    const edited = await projectApi(p, 'PATCH', `/test-cases/${show.caseId}`, {
      body: { type: 'api', tags: ['openapi', 'reviewed'] },
    });
    expect(edited.status, edited.text).toBe(200);
    const document = await projectApi(p, 'GET', `/documents/${documentId}`);
    const changed = PETSTORE.replace('maxItems: 100', 'maxItems: 50').replace(
      'required:\n        - id\n        - name',
      'required:\n        - id\n        - name\n        - tag',
    );
    const saved = await projectApi(p, 'PUT', `/documents/${documentId}`, {
      body: { title: document.body.title, body: changed },
      headers: { 'if-match': `"${document.body.version}"` },
    });
    expect(saved.status, saved.text).toBe(200);
    const third = await generate(documentId);

    // Assess: the edited case is left as its editor made it; the others follow the design
    expect(third.version).toBe(2);
    expect(third.skippedEdited).toEqual([show]);
    expect(operations(third.updated)).toEqual(['GET /pets 200', 'POST /pets 201']);
    const after = await projectApi(p, 'GET', `/test-cases/${show.caseId}`);
    expect(after.body.tags).toEqual(['openapi', 'reviewed']);
    expect(after.body.version).toBe(edited.body.version);
    const list = third.updated.find((entry) => entry.operationId === 'listPets') as Entry;
    const listCase = await projectApi(p, 'GET', `/test-cases/${list.caseId}`);
    expect(JSON.stringify(listCase.body.spec)).toContain('"maxItems":50');
  });

  it('generates only the operations asked for, and names those the design lacks', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);

    // Act
    const some = await generate(documentId, { environmentId, operations: ['listPets', 'GET /pets/{petId}'] });
    const unknown = await projectApi(p, 'POST', `/documents/${documentId}/test-cases`, {
      body: { environmentId, operations: ['listPets', 'deletePet'] },
    });

    // Assess
    expect(operations(some.created)).toEqual(['GET /pets 200', 'GET /pets/{petId} 200']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.operations.1']);
  });

  it("refuses a markdown document (409), an environment of nowhere and another project's design (404)", async () => {
    // Arrange
    const markdown = await projectApi(p, 'POST', '/documents', {
      body: { title: 'Notes', type: 'other', format: 'markdown', body: '# Notes\n', tags: [] },
    });
    expect(markdown.status, markdown.text).toBe(201);
    const design = await createDesign(p.projectId, p.owner.accessToken);

    // Act
    const notOpenApi = await projectApi(p, 'POST', `/documents/${markdown.body.id}/test-cases`, {
      body: { environmentId },
    });
    const noEnvironment = await projectApi(p, 'POST', `/documents/${design}/test-cases`, {
      body: { environmentId: '01jd0000000000000000000000' },
    });
    const other = await ownedProject('Other designs', 'DSO', p.owner);
    const elsewhere = await projectApi(other, 'POST', `/documents/${design}/test-cases`, {
      body: { environmentId: await createEnvironment(other, liveUrl) },
    });
    const elsewhereAttachments = await projectApi(other, 'GET', `/documents/${design}/attachments`);

    // Assess
    expect(notOpenApi.status).toBe(409);
    expect(notOpenApi.body.code).toBe('DOCUMENT_NOT_OPENAPI');
    expect(noEnvironment.status).toBe(404);
    expect(noEnvironment.body.code).toBe('ENVIRONMENT_NOT_FOUND');
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    expect([elsewhereAttachments.status, elsewhereAttachments.body.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
  });
});

describe('drift against a live API', () => {
  it('reports what the live API changed, breaking changes first', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);

    // Act
    const drift = await projectApi(p, 'POST', `/documents/${documentId}/drift`, {
      body: { url: `${liveUrl}/openapi.yaml` },
    });

    // Assess
    expect(drift.status, drift.text).toBe(200);
    expect(drift.body).toMatchObject({ documentId, version: 1, url: `${liveUrl}/openapi.yaml`, breaking: 1 });
    expect(drift.body.changes[0]).toMatchObject({
      id: 'api-removed-without-deprecation',
      breaking: true,
      operation: 'POST /pets',
    });
    expect(drift.body.changes).toContainEqual(
      expect.objectContaining({
        id: 'new-optional-request-parameter',
        breaking: false,
        operation: 'GET /pets/{petId}',
      }),
    );
  });

  it('answers 502 for an API that cannot be reached and 422 for a document that is not OpenAPI, naming url', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);

    // Act
    const unreachable = await projectApi(p, 'POST', `/documents/${documentId}/drift`, {
      body: { url: `${await closedPortUrl()}/openapi.json` },
    });
    const missing = await projectApi(p, 'POST', `/documents/${documentId}/drift`, {
      body: { url: `${liveUrl}/nothing-here` },
    });
    const notOpenApi = await projectApi(p, 'POST', `/documents/${documentId}/drift`, {
      body: { url: `${liveUrl}/not-openapi.json` },
    });
    const notAUrl = await projectApi(p, 'POST', `/documents/${documentId}/drift`, {
      body: { url: 'file:///etc/passwd' },
    });

    // Assess
    expect([unreachable.status, unreachable.body.code]).toEqual([502, 'DRIFT_SOURCE_UNAVAILABLE']);
    expect([missing.status, missing.body.code]).toEqual([502, 'DRIFT_SOURCE_UNAVAILABLE']);
    expect(missing.body.detail).toContain('404');
    expect([notOpenApi.status, notOpenApi.body.code]).toEqual([422, 'LIVE_DOCUMENT_INVALID']);
    expect(notAUrl.status).toBe(400);
    for (const answer of [unreachable, missing, notOpenApi, notAUrl]) {
      expect(answer.body.errors[0].path).toBe('body.url');
    }
  });
});

describe('attachments', () => {
  it('uploads through the presigned PUT and reads the same bytes back through the presigned GET', async () => {
    // Arrange: a PNG's signature and a few bytes after it
    const documentId = await createDesign(p.projectId, p.owner.accessToken);
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

    // Act
    const created = await projectApi(p, 'POST', `/documents/${documentId}/attachments`, {
      body: { fileName: 'sequence diagram.png', contentType: 'image/png', contentLength: bytes.length },
    });
    expect(created.status, created.text).toBe(201);
    const attachmentId = created.body.id as string;
    const early = await projectApi(p, 'GET', `/documents/${documentId}/attachments/${attachmentId}`);
    const put = await fetch(created.body.url, { method: 'PUT', body: bytes, headers: created.body.headers });
    const link = await projectApi(p, 'GET', `/documents/${documentId}/attachments/${attachmentId}`);
    const download = await fetch(link.body.url);

    // Assess
    expect(early.status).toBe(409);
    expect(put.status).toBe(200);
    expect(link.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe('inline; filename="sequence diagram.png"');
    const list = await projectApi(p, 'GET', `/documents/${documentId}/attachments`);
    const { url: _url, expiresAt: _expiresAt, headers: _headers, ...attachment } = created.body;
    expect(list.body.items).toEqual([attachment]);
  });

  it('serves an SVG as a download, refuses a second upload and a wrong length, and deletes', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    const created = await projectApi(p, 'POST', `/documents/${documentId}/attachments`, {
      body: { fileName: 'diagram.svg', contentType: 'image/svg+xml', contentLength: svg.length },
    });
    expect(created.status, created.text).toBe(201);
    const path = `/documents/${documentId}/attachments/${created.body.id}`;

    // Act
    const wrongLength = await fetch(created.body.url, {
      method: 'PUT',
      body: Buffer.concat([svg, svg]),
      headers: { ...created.body.headers, 'content-length': String(svg.length * 2) },
    });
    const first = await fetch(created.body.url, { method: 'PUT', body: svg, headers: created.body.headers });
    const second = await fetch(created.body.url, { method: 'PUT', body: svg, headers: created.body.headers });
    const download = await fetch((await projectApi(p, 'GET', path)).body.url);
    const deleted = await projectApi(p, 'DELETE', path);
    const gone = await projectApi(p, 'GET', path);

    // Assess
    expect(wrongLength.status).toBe(403);
    expect(first.status).toBe(200);
    expect(second.status).toBe(412);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="diagram.svg"');
    expect(await download.text()).toBe(svg.toString());
    expect(deleted.status).toBe(204);
    expect([gone.status, gone.body.code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
  });

  it('refuses a type it does not serve and a file over 25 MB, naming the field', async () => {
    // Arrange
    const documentId = await createDesign(p.projectId, p.owner.accessToken);

    // Act
    const exe = await projectApi(p, 'POST', `/documents/${documentId}/attachments`, {
      body: { fileName: 'tool.exe', contentType: 'application/x-msdownload', contentLength: 10 },
    });
    const huge = await projectApi(p, 'POST', `/documents/${documentId}/attachments`, {
      body: { fileName: 'big.pdf', contentType: 'application/pdf', contentLength: 25 * 1024 * 1024 + 1 },
    });

    // Assess
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0].path).toBe('body.contentType');
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].path).toBe('body.contentLength');
  });
});
