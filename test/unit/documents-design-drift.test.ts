import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLiveDocument } from '#shared/documents/designs/live-document';
import { AppError } from '#shared/http/errors';
import { createOutboundClient } from '#shared/http/outbound';

// The live document of a drift check, fetched from a server on loopback that a name resolves to
// (the unit project's outbound policy allows no private address; the client given here does).

const PETSTORE = readFileSync('test/fixtures/openapi/petstore-2023-9df68a1d.yaml', 'utf8');
const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
const client = createOutboundClient({ allowList: ['127.0.0.0/8'], lookup, timeoutMs: 5_000 });

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    if (request.url === '/openapi.yaml') response.writeHead(200, { 'content-type': 'application/yaml' }).end(PETSTORE);
    else if (request.url === '/hello.json') response.writeHead(200).end('{"hello": "world"}');
    else if (request.url === '/big.json') response.writeHead(200).end(`"${'x'.repeat(1_100_000)}"`);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://live-api.test:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The problem a failed fetch throws: status, code and the field it names. */
async function refusal(url: string, withClient = client) {
  const error = await fetchLiveDocument(url, withClient).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  const { status, code, extras } = error as AppError;
  return { status, code, paths: extras.errors?.map((problem) => problem.path) };
}

describe('fetchLiveDocument', () => {
  it('answers the served YAML design, its references resolved', async () => {
    const document = await fetchLiveDocument(`${base}/openapi.yaml`, client);
    const show = (document.paths as Record<string, { get: { responses: Record<string, unknown> } }>)['/pets/{petId}'];
    expect(show?.get.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['id', 'name'] } } },
    });
  });

  it('answers 502 naming url when the API answers other than 2xx, too much, or not at all', async () => {
    const unavailable = { status: 502, code: 'DRIFT_SOURCE_UNAVAILABLE', paths: ['body.url'] };
    expect(await refusal(`${base}/missing`)).toEqual(unavailable);
    expect(await refusal(`${base}/big.json`)).toEqual(unavailable);
    expect(await refusal('http://live-api.test:1/openapi.yaml')).toEqual(unavailable);
  });

  it('answers 422 naming url for a document that is not OpenAPI', async () => {
    expect(await refusal(`${base}/hello.json`)).toEqual({
      status: 422,
      code: 'LIVE_DOCUMENT_INVALID',
      paths: ['body.url'],
    });
  });

  it('answers 400 naming url for what the outbound policy refuses, before or at connect time', async () => {
    const invalid = { status: 400, code: 'VALIDATION_FAILED', paths: ['body.url'] };
    expect(await refusal('file:///etc/passwd')).toEqual(invalid);
    expect(await refusal('http://user:secret@live-api.test/openapi.yaml')).toEqual(invalid);
    expect(await refusal('http://127.0.0.1/openapi.yaml')).toEqual(invalid);
    // A public-looking name that resolves to loopback, with a client whose policy allows nothing private.
    expect(await refusal(`${base}/openapi.yaml`, createOutboundClient({ lookup }))).toEqual(invalid);
  });
});
