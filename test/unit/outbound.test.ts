import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/http/errors';
import {
  assertOutboundUrl,
  createOutboundClient,
  OutboundRequestError,
  validateOutboundUrl,
} from '#shared/http/outbound';
import { createOutboundPolicy } from '#shared/http/outbound-policy';

const MiB = 1024 * 1024;
const SECRET = 'sha256=do-not-leak-this-signature';

interface Echo {
  method: string;
  host: string;
  userAgent: string;
  acceptEncoding: string;
  body: string;
}

let target: http.Server;
let targetOrigin: string;
let targetPort: number;
let requestsSeen = 0;
let streamSocketClosed: Promise<void> | undefined;
let elsewhere: http.Server;
let elsewherePort: number;
let elsewhereRequests = 0;

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function redirect(response: http.ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location }).end();
}

/** Answers with what it received, so tests can assert on what the client sent. */
function echo(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const received: Echo = {
      method: request.method ?? '',
      host: request.headers.host ?? '',
      userAgent: request.headers['user-agent'] ?? '',
      acceptEncoding: request.headers['accept-encoding'] ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
  });
}

function streamForever(request: http.IncomingMessage, response: http.ServerResponse): void {
  streamSocketClosed = new Promise((resolve) => request.socket.once('close', () => resolve()));
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  const pump = () => {
    // 2 MiB, never ended: only the client destroying the socket finishes this response.
    while (sent < 2 * MiB && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
  };
  pump();
}

async function failureOf(promise: Promise<unknown>): Promise<OutboundRequestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OutboundRequestError);
  return error as OutboundRequestError;
}

/** A resolver that answers from a table, so no test resolves an external name. */
function fakeLookup(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

beforeAll(async () => {
  elsewhere = await listen((_request, response) => {
    elsewhereRequests++;
    response.end('elsewhere');
  });
  elsewherePort = portOf(elsewhere);

  const routes: Record<string, http.RequestListener> = {
    '/echo': echo,
    '/redirect': (_request, response) => redirect(response, 302, '/echo'),
    '/see-other': (_request, response) => redirect(response, 303, '/echo'),
    '/temporary': (_request, response) => redirect(response, 307, '/echo'),
    '/loop': (_request, response) => redirect(response, 302, '/loop'),
    '/elsewhere': (_request, response) => redirect(response, 302, `http://127.0.0.1:${elsewherePort}/echo`),
    '/with-credentials': (_request, response) => redirect(response, 302, `http://user:pw@127.0.0.1:${targetPort}/echo`),
    '/stream': streamForever,
    '/declared-huge': (_request, response) =>
      response.writeHead(200, { 'content-length': String(10 * MiB) }).flushHeaders(),
    '/hang': () => undefined, // never answers
  };
  target = await listen((request, response) => {
    requestsSeen++;
    const route = routes[request.url ?? ''];
    if (route) route(request, response);
    else response.writeHead(404).end();
  });
  targetPort = portOf(target);
  targetOrigin = `http://127.0.0.1:${targetPort}`;
});

afterAll(async () => {
  await Promise.all([close(target), close(elsewhere)]);
});

describe('validateOutboundUrl', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data', 'the instance metadata endpoint'],
    ['http://10.0.0.1', 'a private IPv4 address'],
    ['http://[::1]', 'IPv6 loopback'],
    ['http://[::ffff:10.0.0.1]', 'a private IPv4 address mapped into IPv6'],
    ['http://0x7f000001', 'loopback written in hex'],
    ['http://2130706433', 'loopback written as one decimal number'],
    ['http://0177.0.0.1', 'loopback written in octal'],
    ['http://[fd00:ec2::254]', 'the IPv6 instance metadata endpoint (unique local)'],
    ['http://[64:ff9b::a9fe:a9fe]', 'the metadata endpoint through NAT64'],
    ['http://[2002:a00:1::]', 'a private IPv4 address through 6to4'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]', 'Teredo'],
    ['http://[::7f00:1]', 'a deprecated IPv4-compatible address'],
    ['http://100.64.0.1', 'carrier-grade NAT'],
    ['http://0.0.0.0:8080', 'the unspecified address'],
    ['http://255.255.255.255', 'broadcast'],
    ['http://224.0.0.1', 'multicast'],
    ['http://[fe80::1]', 'IPv6 link-local'],
    ['http://[2001:db8::1]', 'IPv6 documentation range'],
  ])('refuses %s (%s)', (url) => {
    expect(validateOutboundUrl(url)).toEqual({ ok: false, reason: 'must not point to a private or reserved address' });
  });

  it.each([
    ['ftp://x', 'must use http or https'],
    ['file:///etc/passwd', 'must use http or https'],
    ['http://user:pw@example.com', 'must not contain a user name or password'],
    ['http://user@example.com', 'must not contain a user name or password'],
    ['/relative/path', 'must be an absolute URL'],
    ['', 'must be an absolute URL'],
  ])('refuses %s because it %s', (url, reason) => {
    expect(validateOutboundUrl(url)).toEqual({ ok: false, reason });
  });

  it.each([
    'https://example.com/hook',
    'http://93.184.215.14/status',
    'https://[2606:4700:4700::1111]/',
    'http://[64:ff9b::808:808]/',
    'http://[2002:5db8:d70e::1]/',
  ])('accepts %s', (url) => {
    const result = validateOutboundUrl(url);

    expect(result.ok && result.url.href).toBe(new URL(url).href);
  });

  it('accepts a private address that is allow-listed', () => {
    expect(validateOutboundUrl('http://127.0.0.1:3000/hook', { allowList: ['127.0.0.0/8'] }).ok).toBe(true);
    expect(validateOutboundUrl('http://[::1]:3000/hook', { allowList: ['::1'] }).ok).toBe(true);
    expect(validateOutboundUrl('http://10.0.0.1/', { allowList: ['127.0.0.0/8'] }).ok).toBe(false);
  });

  it('never throws, whatever the input', () => {
    // A scheme prefix gets most inputs past URL parsing, into the host checks.
    const input = fc
      .tuple(fc.constantFrom('', 'http://', 'https://', 'http://[', 'http://0x', 'ftp://'), fc.string())
      .map(([prefix, rest]) => prefix + rest);

    fc.assert(fc.property(input, (url) => typeof validateOutboundUrl(url).ok === 'boolean'));
  });
});

describe('assertOutboundUrl', () => {
  it('throws a 400 naming the field and the reason', () => {
    let thrown: unknown;
    try {
      assertOutboundUrl('http://169.254.169.254/latest/meta-data', 'body.deployTarget.url');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({
      status: 400,
      extras: {
        errors: [{ path: 'body.deployTarget.url', message: 'URL must not point to a private or reserved address' }],
      },
    });
  });

  it('returns the parsed URL when it is allowed', () => {
    expect(assertOutboundUrl('https://example.com/hook', 'body.url').hostname).toBe('example.com');
  });
});

describe('the outbound allow-list', () => {
  it('fails at creation on an entry that is no host name, IP or CIDR', () => {
    expect(() => createOutboundClient({ allowList: ['127.0.0.0/8', 'http://localhost'] })).toThrow(/allow-list entry/);
  });
});

describe('the connect-time address check', () => {
  const policy = createOutboundPolicy(['trusted.internal']);

  it('lets a name through when every address it resolves to is public', () => {
    const addresses = [{ address: '93.184.215.14' }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c' }];

    expect(policy.allowsResolution('hooks.example.com', addresses)).toBe(true);
  });

  it('refuses a name when any address it resolves to is private', () => {
    const addresses = [{ address: '93.184.215.14' }, { address: '10.0.0.1' }];

    expect(policy.allowsResolution('hooks.example.com', addresses)).toBe(false);
  });

  it('trusts any address of an allow-listed host name', () => {
    expect(policy.allowsResolution('trusted.internal.', [{ address: '10.0.0.1' }])).toBe(true);
  });

  it('refuses what it cannot classify', () => {
    expect(policy.allowsAddress('not-an-address')).toBe(false);
  });
});

describe('outbound requests', () => {
  const strict = createOutboundClient();
  const loopbackAllowed = createOutboundClient({ allowList: ['127.0.0.0/8'] });

  it('refuse 127.0.0.1 without an allow-list, before connecting', async () => {
    const before = requestsSeen;

    const error = await failureOf(strict.request(`${targetOrigin}/echo`));

    expect(error.kind).toBe('address_refused');
    expect(requestsSeen).toBe(before);
  });

  it('reach 127.0.0.1 when 127.0.0.0/8 is allow-listed, with the client-owned headers', async () => {
    const response = await loopbackAllowed.request(`${targetOrigin}/echo`, {
      method: 'POST',
      headers: { 'Accept-Encoding': 'gzip', Host: 'evil.example', 'content-type': 'application/json' },
      body: '{"event":"ping"}',
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json()).toEqual({
      method: 'POST',
      host: `127.0.0.1:${targetPort}`,
      userAgent: 'Trellis/1 (+outbound)',
      acceptEncoding: 'identity',
      body: '{"event":"ping"}',
    });
    expect(response.url).toBe(`${targetOrigin}/echo`);
    expect(response.redirects).toBe(0);
  });

  it('refuse localhost, a name resolving to loopback, unless the name is allow-listed', async () => {
    const url = `http://localhost:${targetPort}/echo`;

    const error = await failureOf(strict.request(url));
    const response = await createOutboundClient({ allowList: ['localhost'] }).request(url);

    expect(error.kind).toBe('address_refused');
    expect(error.message).toBe('The host localhost resolves to a private or reserved address.');
    expect(response.status).toBe(200);
  });

  it('connect to the address the check vetted while keeping the host name in Host', async () => {
    const { lookup, asked } = fakeLookup({ 'hooks.customer.test': ['127.0.0.1'] });
    const client = createOutboundClient({ allowList: ['127.0.0.0/8'], lookup });

    const response = await client.request(`http://hooks.customer.test:${targetPort}/echo`);

    expect((response.json() as Echo).host).toBe(`hooks.customer.test:${targetPort}`);
    expect(asked).toEqual(['hooks.customer.test']);
  });

  it('refuse a name when any of its addresses is refused, without naming the address', async () => {
    // 127.0.0.1 is allowed here, so a client that checked only the first address would connect.
    const { lookup } = fakeLookup({ 'hooks.customer.test': ['127.0.0.1', '10.0.0.1'] });
    const client = createOutboundClient({ allowList: ['127.0.0.0/8'], lookup });

    const error = await failureOf(client.request(`http://hooks.customer.test:${targetPort}/echo`));

    expect(error.kind).toBe('address_refused');
    expect(error.message).not.toContain('10.0.0.1');
  });

  it('keep resolved addresses and header values out of network errors', async () => {
    const closed = await listen(() => undefined);
    const closedPort = portOf(closed);
    await close(closed);
    const { lookup } = fakeLookup({ 'hooks.customer.test': ['127.0.0.1'] });
    const client = createOutboundClient({ allowList: ['127.0.0.0/8'], lookup });

    const error = await failureOf(
      client.request(`http://hooks.customer.test:${closedPort}/hook`, { headers: { 'x-trellis-signature': SECRET } }),
    );

    expect(error.kind).toBe('network');
    expect(error.message).toBe(`The request to hooks.customer.test:${closedPort} failed (ECONNREFUSED).`);
  });
});

describe('outbound redirects', () => {
  const client = createOutboundClient({ allowList: ['127.0.0.0/8'] });

  it('follow a same-origin redirect', async () => {
    const response = await client.request(`${targetOrigin}/redirect`);

    expect(response.status).toBe(200);
    expect(response.url).toBe(`${targetOrigin}/echo`);
    expect(response.redirects).toBe(1);
  });

  it('continue a POST answered with 303 as a GET without body', async () => {
    const response = await client.request(`${targetOrigin}/see-other`, { method: 'POST', body: 'payload' });

    expect(response.json()).toMatchObject({ method: 'GET', body: '' });
  });

  it('keep method and body through a 307', async () => {
    const response = await client.request(`${targetOrigin}/temporary`, { method: 'POST', body: 'payload' });

    expect(response.json()).toMatchObject({ method: 'POST', body: 'payload' });
  });

  it('refuse a redirect to another port, without contacting it', async () => {
    const before = elsewhereRequests;

    const error = await failureOf(client.request(`${targetOrigin}/elsewhere`));

    expect(error.kind).toBe('redirect_refused');
    expect(error.message).not.toContain(String(elsewherePort));
    expect(elsewhereRequests).toBe(before);
  });

  it('refuse more than maxRedirects hops', async () => {
    const error = await failureOf(client.request(`${targetOrigin}/loop`));

    expect(error).toMatchObject({
      kind: 'redirect_refused',
      message: `127.0.0.1:${targetPort} redirected more than 3 times.`,
    });
  });

  it('re-validate every hop', async () => {
    const error = await failureOf(client.request(`${targetOrigin}/with-credentials`));

    expect(error.kind).toBe('invalid_url');
  });
});

describe('outbound limits', () => {
  const client = createOutboundClient({ allowList: ['127.0.0.0/8'], timeoutMs: 2_000 });

  it('time out a server that never answers', async () => {
    const started = performance.now();

    const error = await failureOf(client.request(`${targetOrigin}/hang`, { timeoutMs: 200 }));

    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("stop when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const pending = client.request(`${targetOrigin}/hang`, { signal: controller.signal });

    controller.abort();

    expect(await failureOf(pending)).toMatchObject({ kind: 'timeout', message: expect.stringContaining('cancelled') });
  });

  it('stop reading a response past maxResponseBytes and destroy the socket', async () => {
    const error = await failureOf(client.request(`${targetOrigin}/stream`));

    expect(error.kind).toBe('response_too_large');
    await expect(streamSocketClosed).resolves.toBeUndefined();
  });

  it('refuse a declared Content-Length past the limit without waiting for the body', async () => {
    // The server sends headers only: a client that waited for the body would time out instead.
    const error = await failureOf(client.request(`${targetOrigin}/declared-huge`));

    expect(error.kind).toBe('response_too_large');
  });

  it('answer a HEAD whatever length it declares, since no body follows', async () => {
    const response = await client.request(`${targetOrigin}/declared-huge`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
  });
});
