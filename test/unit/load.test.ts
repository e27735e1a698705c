import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/http/errors';
import { OutboundRequestError } from '#shared/http/outbound';
import { formatText } from '#shared/i18n/catalogue';
import {
  evaluateThresholds,
  type LoadOptions,
  type LoadResult,
  type LoadSpecInput,
  loadResultPart,
  mergeLoadResults,
  runLoad,
} from '#shared/testing/load/engine';
import { HistogramDecodeError, LATENCY_LAYOUT, LatencyHistogram } from '#shared/testing/load/histogram';
import { Http1ResponseReader, ResponseReadError } from '#shared/testing/load/http1-response';

const LOOPBACK: LoadOptions = { allowList: ['127.0.0.1'] };
const SERVER_DELAY_MS = 20;

/** What the loopback target saw, reset before each test. */
interface Seen {
  requests: number;
  connections: number;
  byPath: Record<string, number>;
  hosts: Set<string>;
  echoes: { method: string; body: string; userAgent: string; custom: string }[];
}

let server: http.Server;
let origin: string;
let seen: Seen;
let failCounter = 0;
let onRequest: (() => void) | undefined;

function fresh(): Seen {
  return { requests: 0, connections: 0, byPath: {}, hosts: new Set(), echoes: [] };
}

/** The load target: each path is one behaviour a test relies on. */
function target(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://target');
    seen.requests++;
    seen.byPath[url.pathname] = (seen.byPath[url.pathname] ?? 0) + 1;
    seen.hosts.add(request.headers.host ?? '');
    onRequest?.();
    switch (url.pathname) {
      case '/delay':
        setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), SERVER_DELAY_MS);
        return;
      case '/every-fourth-fails':
        failCounter++;
        response.writeHead(failCounter % 4 === 0 ? 500 : 200).end();
        return;
      case '/hang':
        return; // never answers: only the client's timeout ends the request
      case '/big':
        response.writeHead(200).end(Buffer.alloc(2000, 'x'));
        return;
      case '/close':
        response.writeHead(200, { connection: 'close' }).end('bye');
        return;
      case '/chunked':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('first,');
        setImmediate(() => response.end('second'));
        return;
      case '/echo':
        seen.echoes.push({
          method: request.method ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          userAgent: request.headers['user-agent'] ?? '',
          custom: String(request.headers['x-custom'] ?? ''),
        });
        response.writeHead(201).end();
        return;
      default:
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
  });
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  const created = http.createServer(handler);
  return new Promise((resolve) => created.listen(0, '127.0.0.1', () => resolve(created)));
}

function close(closing: http.Server): Promise<void> {
  closing.closeAllConnections();
  return new Promise((resolve) => closing.close(() => resolve()));
}

function get(name: string, path: string): LoadSpecInput['requests'][number] {
  return { name, method: 'GET', url: `${origin}${path}` };
}

beforeAll(async () => {
  server = await listen(target);
  server.on('connection', () => seen.connections++);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => close(server));

beforeEach(() => {
  seen = fresh();
  failCounter = 0;
  onRequest = undefined;
});

describe('LatencyHistogram', () => {
  const values = fc.array(
    fc.oneof(
      fc.integer({ min: 1, max: 2_000 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 1, max: LATENCY_LAYOUT.highestMicros }),
    ),
    { minLength: 1, maxLength: 300 },
  );

  function histogramOf(micros: readonly number[]): LatencyHistogram {
    const histogram = LatencyHistogram.create();
    for (const value of micros) histogram.recordMicros(value);
    return histogram;
  }

  it('merges fanned-out histograms into exactly the histogram of all their values', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 5 }), (all, cuts) => {
        // Prepare: the same values, recorded whole and in parts split at arbitrary points
        const bounds = [0, ...cuts.map((cut) => cut % (all.length + 1)).sort((a, b) => a - b), all.length];
        const parts = bounds.slice(1).map((end, index) => histogramOf(all.slice(bounds[index], end)));

        // Act
        const merged = LatencyHistogram.merge(parts);

        // Assess: same counts bucket by bucket, hence the same encoding and percentiles
        const union = histogramOf(all);
        expect(merged.count).toBe(all.length);
        expect(merged.encode()).toBe(union.encode());
        expect(merged.percentiles()).toEqual(union.percentiles());
        for (const percentile of [0.1, 25, 75, 99.9]) {
          expect(merged.percentileMs(percentile)).toBe(union.percentileMs(percentile));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every value to within 0.1 % (3 significant digits, microsecond resolution)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: LATENCY_LAYOUT.highestMicros }), (micros) => {
        const histogram = histogramOf([micros]);
        const reportedMicros = histogram.percentileMs(50) * 1000;
        expect(reportedMicros).toBeGreaterThanOrEqual(micros);
        expect(reportedMicros - micros).toBeLessThanOrEqual(Math.max(1, micros / 1000));
      }),
    );
  });

  it('survives an encode/decode round trip with the same counts and percentiles', () => {
    fc.assert(
      fc.property(values, (all) => {
        const original = histogramOf(all);
        const decoded = LatencyHistogram.decode(original.encode());
        expect(decoded.count).toBe(original.count);
        expect(decoded.percentiles()).toEqual(original.percentiles());
        expect(decoded.encode()).toBe(original.encode());
      }),
      { numRuns: 40 },
    );
  });

  it('encodes compactly: 10 000 spread values fit in a few KB of base64', () => {
    const histogram = histogramOf(Array.from({ length: 10_000 }, (_, index) => 15_000 + ((index * 7919) % 40_000)));
    const encoded = histogram.encode();
    expect(encoded).toMatch(/^HISTF[A-Za-z0-9+/]+=*$/);
    expect(encoded.length).toBeLessThan(8_000);
  });

  it('reports nothing for an empty histogram and clamps values outside 1 µs..60 s', () => {
    expect(LatencyHistogram.create().percentiles()).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
    const clamped = histogramOf([0, -5, 61_000_000]);
    expect(clamped.count).toBe(3);
    expect(clamped.percentileMs(1)).toBeLessThanOrEqual(0.001);
    expect(clamped.percentiles().max).toBeCloseTo(60_000, -2);
  });

  it('refuses to decode garbage, truncated data and histograms of another layout', () => {
    const encoded = histogramOf([1_000, 2_000]).encode();
    expect(() => LatencyHistogram.decode('not base64!')).toThrow(HistogramDecodeError);
    expect(() => LatencyHistogram.decode(Buffer.from('plain text').toString('base64'))).toThrow(HistogramDecodeError);
    expect(() => LatencyHistogram.decode(encoded.slice(0, 20))).toThrow(HistogramDecodeError);
    // Another layout's buckets do not line up with ours: adding it would not be exact.
    const twoDigits = build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60_000_000,
      numberOfSignificantValueDigits: 2,
    });
    twoDigits.recordValue(1_000);
    expect(() => LatencyHistogram.decode(encodeIntoCompressedBase64(twoDigits))).toThrow(HistogramDecodeError);
    expect(LatencyHistogram.decode(encoded).count).toBe(2);
  });
});

describe('Http1ResponseReader', () => {
  const limits = { maxHeadBytes: 16 * 1024, maxBodyBytes: 64 * 1024 };

  interface Described {
    status: number;
    framing: 'length' | 'chunked' | 'close';
    body: Uint8Array;
    chunkSizes: number[];
    interim: boolean;
    close: boolean;
  }

  const describedResponse = fc.record({
    status: fc.constantFrom(200, 201, 204, 302, 304, 404, 500, 503),
    framing: fc.constantFrom<Described['framing']>('length', 'chunked', 'close'),
    body: fc.uint8Array({ maxLength: 400 }),
    chunkSizes: fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 6 }),
    interim: fc.boolean(),
    close: fc.boolean(),
  });

  function serialize(response: Described): Buffer {
    const hasBody = response.status !== 204 && response.status !== 304;
    const body = hasBody ? Buffer.from(response.body) : Buffer.alloc(0);
    const interim = response.interim ? 'HTTP/1.1 100 Continue\r\n\r\n' : '';
    const head = [`HTTP/1.1 ${response.status} Reason Phrase`, 'Server: test', 'X-Long-Header-Name: value'];
    if (response.close || response.framing === 'close') head.push('Connection: close');
    if (response.framing === 'length') head.push(`Content-Length: ${body.length}`);
    if (response.framing !== 'chunked' || !hasBody)
      return Buffer.concat([Buffer.from(`${interim}${head.join('\r\n')}\r\n\r\n`), body]);
    head.push('Transfer-Encoding: chunked');
    const parts: Buffer[] = [Buffer.from(`${interim}${head.join('\r\n')}\r\n\r\n`)];
    let offset = 0;
    for (let index = 0; offset < body.length; index++) {
      const size = Math.min(response.chunkSizes[index % response.chunkSizes.length]!, body.length - offset);
      parts.push(Buffer.from(`${size.toString(16)}${index % 2 === 0 ? ';ext=1' : ''}\r\n`));
      parts.push(body.subarray(offset, offset + size), Buffer.from('\r\n'));
      offset += size;
    }
    parts.push(Buffer.from('0\r\nX-Trailer: yes\r\n\r\n'));
    return Buffer.concat(parts);
  }

  it('frames any sequence of responses on one connection however the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.array(describedResponse, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (responses, cuts) => {
          const reader = new Http1ResponseReader(limits);
          for (const response of responses) {
            // Prepare: one response's bytes cut into pieces
            const bytes = serialize(response);
            const bounds = [0, ...cuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
            reader.begin('GET');

            // Act
            let complete = false;
            for (let index = 1; index < bounds.length; index++) {
              const piece = bytes.subarray(bounds[index - 1], bounds[index]);
              if (piece.length > 0 && !complete) complete = reader.push(piece);
            }
            const closeDelimited = response.framing === 'close' && response.status !== 204 && response.status !== 304;
            if (closeDelimited) complete = reader.end();

            // Assess
            expect(complete).toBe(true);
            expect(reader.status).toBe(response.status);
            const bodyless = response.status === 204 || response.status === 304;
            expect(reader.bodyBytes).toBe(bodyless ? 0 : response.body.length);
            expect(reader.keepAlive).toBe(!response.close && response.framing !== 'close');
          }
        },
      ),
    );
  });

  it('reads no body after a HEAD request, whatever Content-Length says', () => {
    const reader = new Http1ResponseReader(limits);
    reader.begin('HEAD');
    expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n'))).toBe(true);
    expect(reader.bodyBytes).toBe(0);
    expect(reader.keepAlive).toBe(true);
  });

  it('does not reuse a connection that sent bytes past the response', () => {
    const reader = new Http1ResponseReader(limits);
    reader.begin('GET');
    expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA'))).toBe(true);
    expect(reader.keepAlive).toBe(false);
  });

  it('keeps an HTTP/1.0 connection only when the server says keep-alive', () => {
    const reader = new Http1ResponseReader(limits);
    reader.begin('GET');
    reader.push(Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'));
    expect(reader.keepAlive).toBe(false);
    reader.begin('GET');
    reader.push(Buffer.from('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n'));
    expect(reader.keepAlive).toBe(true);
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'SSH-2.0-OpenSSH\r\n\r\n', 'protocol'],
    ['a switch of protocols', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n', 'protocol'],
    ['conflicting lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n', 'protocol'],
    ['a non-numeric length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', 'protocol'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'protocol'],
    ['a chunk longer than declared', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n', 'protocol'],
    ['a folded header', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n continued\r\n\r\n', 'protocol'],
    ['a declared body over the limit', 'HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n', 'response_too_large'],
    ['a chunk over the limit', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20000\r\n', 'response_too_large'],
  ])('refuses %s', (_name, bytes, kind) => {
    const reader = new Http1ResponseReader(limits);
    reader.begin('GET');
    expect(() => reader.push(Buffer.from(bytes))).toThrow(expect.objectContaining({ kind }));
  });

  it('refuses a head that never ends within the limit, even fed a byte at a time', () => {
    const reader = new Http1ResponseReader({ maxHeadBytes: 64, maxBodyBytes: 1024 });
    reader.begin('GET');
    const bytes = Buffer.from(`HTTP/1.1 200 OK\r\nX-Filler: ${'y'.repeat(100)}\r\n\r\n`);
    expect(() => {
      for (const byte of bytes) reader.push(Buffer.from([byte]));
    }).toThrow(ResponseReadError);
  });

  it('refuses data while no request is outstanding', () => {
    const reader = new Http1ResponseReader(limits);
    expect(() => reader.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))).toThrow(ResponseReadError);
  });
});

describe('runLoad', () => {
  it('measures a 20 ms server at no less than 20 ms, in milliseconds', async () => {
    const result = await runLoad(
      { requests: [get('slow', '/delay')], load: { connections: 4, requests: 24 } },
      LOOPBACK,
    );

    expect(result.requests).toBe(24);
    expect(result.errors).toBe(0);
    // Lower bounds are what the server guarantees; the upper one only catches a µs/ms mix-up.
    expect(result.latency.p50).toBeGreaterThanOrEqual(SERVER_DELAY_MS);
    expect(result.latency.p50).toBeLessThan(1_000);
    const { p50, p90, p95, p99, max } = result.latency;
    expect([p50, p90, p95, p99, max]).toEqual([p50, p90, p95, p99, max].sort((a, b) => a - b));
    expect(LatencyHistogram.decode(result.histogram).count).toBe(24);
    // Four clients, each waiting for its answer: six rounds of at least 20 ms each.
    expect(result.durationMs).toBeGreaterThanOrEqual(6 * SERVER_DELAY_MS);
    expect(result.rps).toBeCloseTo(result.requests / (result.durationMs / 1000), 6);
  });

  it('sends exactly the requested number of requests, round-robin over the list, on kept-alive connections', async () => {
    const spec: LoadSpecInput = {
      requests: [
        get('home', '/'),
        {
          name: 'create',
          method: 'POST',
          url: `${origin}/echo`,
          headers: { 'x-custom': 'yes', 'content-length': '999', Connection: 'close' },
          body: '{"n":1}',
        },
      ],
      load: { connections: 3, requests: 41 },
    };

    const result = await runLoad(spec, LOOPBACK);

    expect(seen.requests).toBe(41);
    expect(result.requests).toBe(41);
    expect(seen.byPath).toEqual({ '/': 21, '/echo': 20 });
    expect(result.byRequest.home?.count).toBe(21);
    expect(result.byRequest.create?.count).toBe(20);
    expect(result.statusCounts).toEqual({ '200': 21, '201': 20 });
    // Caller headers that would break framing or keep-alive are the engine's, not the caller's.
    expect(seen.echoes.every((echo) => echo.method === 'POST' && echo.body === '{"n":1}')).toBe(true);
    expect(seen.echoes[0]).toMatchObject({ userAgent: 'Trellis/1 (+load)', custom: 'yes' });
    expect(seen.connections).toBe(3);
    expect(result.stoppedBy).toBe('completed');
  });

  it('walks the list in order per connection with order "sequence"', async () => {
    const result = await runLoad(
      {
        requests: [get('first', '/'), get('second', '/echo')],
        order: 'sequence',
        load: { connections: 3, requests: 3 },
      },
      LOOPBACK,
    );
    // Three clients each start at the top of the journey.
    expect(result.byRequest.first?.count).toBe(3);
    expect(result.byRequest.second?.count).toBe(0);
  });

  it('counts non-2xx/3xx answers as errors: 1 in 4 failing is an error rate of exactly 0.25', async () => {
    const result = await runLoad(
      { requests: [get('flaky', '/every-fourth-fails')], load: { connections: 2, requests: 40 } },
      LOOPBACK,
    );

    expect(result.requests).toBe(40);
    expect(result.errors).toBe(10);
    expect(result.errorRate).toBe(0.25);
    expect(result.statusCounts).toEqual({ '200': 30, '500': 10 });
    expect(result.errorsByKind).toMatchObject({ status: 10, timeout: 0, network: 0 });
    expect(result.byRequest.flaky).toMatchObject({ count: 40, errors: 10 });
    // Failed answers still have a latency.
    expect(LatencyHistogram.decode(result.histogram).count).toBe(40);
  });

  it('runs for the given duration with a closed model', async () => {
    const result = await runLoad(
      { requests: [get('home', '/')], load: { connections: 2, durationSeconds: 0.3 } },
      LOOPBACK,
    );

    expect(result.model).toBe('closed');
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBe(seen.requests);
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(result.stoppedBy).toBe('completed');
  });

  it('starts requests on schedule in the open model: the rate times the duration, none early', async () => {
    const arrivals: number[] = [];
    onRequest = () => arrivals.push(performance.now());
    const before = performance.now();

    const result = await runLoad(
      { requests: [get('home', '/')], load: { arrivalRate: 200, durationSeconds: 0.5 } },
      LOOPBACK,
    );

    expect(result.model).toBe('open');
    expect(result.requests).toBe(100);
    expect(seen.requests).toBe(100);
    // The last request is due at 495 ms: the schedule cannot end sooner.
    expect(result.durationMs).toBeGreaterThanOrEqual(495);
    // Never ahead of schedule (a late start may catch up, but nothing goes early): the k-th
    // request reaches the server no sooner than k intervals after the run began.
    for (const [index, at] of arrivals.entries()) expect(at - before).toBeGreaterThanOrEqual(index * 5);
  });

  it('measures from the scheduled start in the open model, so a backlog shows in the latency (no coordinated omission)', async () => {
    // One connection to a 20 ms server cannot serve 100 req/s: each request waits for the ones before it.
    const result = await runLoad(
      { requests: [get('slow', '/delay')], load: { arrivalRate: 100, durationSeconds: 0.5, maxConnections: 1 } },
      LOOPBACK,
    );

    expect(result.requests).toBe(50);
    expect(seen.connections).toBe(1);
    // Request k is due at 10k ms and cannot finish before 20(k+1) ms: its latency is at least 10k + 20 ms.
    expect(result.latency.p50).toBeGreaterThanOrEqual(10 * 24 + SERVER_DELAY_MS);
    expect(result.latency.max).toBeGreaterThanOrEqual(10 * 49 + SERVER_DELAY_MS);
    // Request k starts at ≥ 20k ms against a due time of 10k: late beyond 10 ms from k = 2 on.
    expect(result.lateStarts).toBeGreaterThanOrEqual(47);
  });

  it('times out requests that get no answer and records them at their timeout', async () => {
    const result = await runLoad(
      { requests: [get('stuck', '/hang')], load: { connections: 2, requests: 2 } },
      { ...LOOPBACK, timeoutMs: 150 },
    );

    expect(result.errorsByKind.timeout).toBe(2);
    expect(result.errorRate).toBe(1);
    expect(result.latency.p50).toBeGreaterThanOrEqual(150);
  });

  it('counts refused connections as network errors and leaves them out of the latency', async () => {
    const closed = await listen(() => {});
    const port = (closed.address() as AddressInfo).port;
    await close(closed);

    const result = await runLoad(
      {
        requests: [{ name: 'nobody', method: 'GET', url: `http://127.0.0.1:${port}/` }],
        load: { connections: 1, requests: 5 },
      },
      LOOPBACK,
    );

    expect(result.requests).toBe(5);
    expect(result.errorsByKind.network).toBe(5);
    expect(LatencyHistogram.decode(result.histogram).count).toBe(0);
  });

  it('bounds response size and reconnects after Connection: close', async () => {
    const result = await runLoad(
      {
        requests: [get('big', '/big'), get('bye', '/close'), get('chunks', '/chunked')],
        load: { connections: 1, requests: 9 },
      },
      { ...LOOPBACK, maxResponseBytes: 1_000 },
    );

    expect(result.byRequest.big).toMatchObject({ count: 3, errors: 3 });
    expect(result.errorsByKind.response_too_large).toBe(3);
    expect(result.byRequest.bye).toMatchObject({ count: 3, errors: 0 });
    expect(result.byRequest.chunks).toMatchObject({ count: 3, errors: 0 });
    expect(seen.requests).toBe(9);
  });

  it('refuses a private address unless it is allow-listed, before sending anything', async () => {
    const spec: LoadSpecInput = { requests: [get('home', '/')], load: { connections: 1, requests: 1 } };

    await expect(runLoad(spec)).rejects.toMatchObject({ name: 'OutboundRequestError', kind: 'address_refused' });
    expect(seen.requests).toBe(0);
  });

  it('vets what a host name resolves to, once, and connects to that address with the name as Host', async () => {
    const port = new URL(origin).port;
    let lookups = 0;
    const lookup = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const spec: LoadSpecInput = {
      requests: [{ name: 'named', method: 'GET', url: `http://load.test:${port}/` }],
      load: { connections: 3, requests: 6 },
    };

    await expect(runLoad(spec, { lookup })).rejects.toBeInstanceOf(OutboundRequestError);
    const result = await runLoad(spec, { lookup, allowList: ['127.0.0.1'] });

    expect(result.errors).toBe(0);
    expect(lookups).toBe(2);
    expect([...seen.hosts]).toEqual([`load.test:${port}`]);
  });

  it('stops at the hard request cap even when the spec asks for a duration', async () => {
    const result = await runLoad(
      { requests: [get('home', '/')], load: { connections: 2, durationSeconds: 60 } },
      { ...LOOPBACK, maxRequests: 10 },
    );

    expect(result.requests).toBe(10);
    expect(seen.requests).toBe(10);
    expect(result.stoppedBy).toBe('request_cap');
  });

  it('stops at the hard duration cap', async () => {
    const result = await runLoad(
      { requests: [get('home', '/')], load: { connections: 1, durationSeconds: 60 } },
      { ...LOOPBACK, maxDurationMs: 100 },
    );

    expect(result.stoppedBy).toBe('duration_cap');
    expect(result.durationMs).toBeLessThan(60_000);
  });

  it('returns what it measured so far when aborted mid-run', async () => {
    const controller = new AbortController();
    onRequest = () => {
      if (seen.requests === 20) controller.abort();
    };

    const result = await runLoad(
      { requests: [get('home', '/')], load: { connections: 1, durationSeconds: 60 } },
      { ...LOOPBACK, signal: controller.signal },
    );

    expect(result.stoppedBy).toBe('aborted');
    expect(result.requests).toBeGreaterThanOrEqual(19);
    expect(result.requests).toBeLessThanOrEqual(20);
    await expect(
      runLoad(
        { requests: [get('home', '/')], load: { connections: 1, requests: 1 } },
        { ...LOOPBACK, signal: controller.signal },
      ),
    ).rejects.toThrow();
  });

  it.each([
    ['no requests', { requests: [], load: { connections: 1, requests: 1 } }, 'spec.requests'],
    [
      'zero connections',
      { requests: [{ name: 'a', method: 'GET', url: 'http://127.0.0.1/' }], load: { connections: 0, requests: 1 } },
      'spec.load.connections',
    ],
    [
      'both a count and a duration',
      {
        requests: [{ name: 'a', method: 'GET', url: 'http://127.0.0.1/' }],
        load: { connections: 1, requests: 1, durationSeconds: 1 },
      },
      'spec.load',
    ],
    [
      'duplicate names',
      {
        requests: [
          { name: 'a', method: 'GET', url: 'http://127.0.0.1/' },
          { name: 'a', method: 'GET', url: 'http://127.0.0.1/' },
        ],
        load: { connections: 1, requests: 1 },
      },
      'spec.requests',
    ],
    [
      'a header value smuggling a header',
      {
        requests: [{ name: 'a', method: 'GET', url: 'http://127.0.0.1/', headers: { 'x-a': 'b\r\nx-injected: 1' } }],
        load: { connections: 1, requests: 1 },
      },
      'spec.requests.0.headers.x-a',
    ],
    [
      'a sequence with an arrival rate',
      {
        requests: [{ name: 'a', method: 'GET', url: 'http://127.0.0.1/' }],
        order: 'sequence',
        load: { arrivalRate: 1, durationSeconds: 1 },
      },
      'spec.order',
    ],
    [
      'a non-http URL',
      { requests: [{ name: 'a', method: 'GET', url: 'file:///etc/passwd' }], load: { connections: 1, requests: 1 } },
      'spec.requests.0.url',
    ],
  ])('rejects a spec with %s, naming the field', async (_name, spec, path) => {
    const error = await runLoad(spec as LoadSpecInput, LOOPBACK).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).extras.errors?.map((field) => field.path)).toContain(path);
    expect(seen.requests).toBe(0);
  });
});

describe('mergeLoadResults', () => {
  it('adds two workers exactly: counts sum, latency is that of all requests, duration spans both', async () => {
    const spec: LoadSpecInput = {
      requests: [get('home', '/'), get('flaky', '/every-fourth-fails')],
      load: { connections: 2, requests: 16 },
    };
    const first = await runLoad(spec, LOOPBACK);
    const second = await runLoad(spec, LOOPBACK);

    const merged = mergeLoadResults([first, second]);

    expect(merged.requests).toBe(32);
    expect(merged.workers).toBe(2);
    expect(merged.errors).toBe(first.errors + second.errors);
    expect(merged.errorRate).toBe(merged.errors / 32);
    expect(merged.statusCounts['200']).toBe((first.statusCounts['200'] ?? 0) + (second.statusCounts['200'] ?? 0));
    expect(merged.byRequest.flaky?.count).toBe(16);
    const union = LatencyHistogram.merge([first, second].map((result) => LatencyHistogram.decode(result.histogram)));
    expect(merged.latency).toEqual(union.percentiles());
    expect(LatencyHistogram.decode(merged.histogram).encode()).toBe(union.encode());
    expect(LatencyHistogram.decode(merged.byRequest.home!.histogram).count).toBe(16);
    const end = Date.parse(second.startedAt) + second.durationMs;
    expect(merged.startedAt).toBe(first.startedAt);
    expect(merged.durationMs).toBe(end - Date.parse(first.startedAt));
    expect(merged.rps).toBeCloseTo(32 / (merged.durationMs / 1000), 6);
  });

  it("merges workers' parts, which carry each histogram once (per request), to exactly the same result", async () => {
    // Prepare
    const spec: LoadSpecInput = {
      requests: [get('home', '/'), get('flaky', '/every-fourth-fails')],
      load: { connections: 2, requests: 16 },
    };
    const results = [await runLoad(spec, LOOPBACK), await runLoad(spec, LOOPBACK)];

    // Act
    const parts = results.map(loadResultPart);
    const merged = mergeLoadResults(parts);

    // Assess
    expect(merged).toEqual(mergeLoadResults(results));
    for (const part of parts) {
      expect(part).not.toHaveProperty('histogram');
      expect(part).not.toHaveProperty('latency');
      expect(JSON.stringify(part).match(/"histogram"/g)).toHaveLength(2);
    }
    expect(LatencyHistogram.decode(merged.histogram).count).toBe(32);
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeLoadResults([])).toThrow(RangeError);
  });
});

describe('evaluateThresholds', () => {
  function resultWith(latenciesMs: number[], overrides: Partial<LoadResult> = {}): LoadResult {
    const histogram = LatencyHistogram.create();
    for (const ms of latenciesMs) histogram.recordMicros(ms * 1000);
    return {
      model: 'closed',
      startedAt: new Date(0).toISOString(),
      requests: latenciesMs.length,
      durationMs: 1000,
      rps: latenciesMs.length,
      errors: 0,
      errorRate: 0,
      errorsByKind: { status: 0, timeout: 0, network: 0, protocol: 0, response_too_large: 0 },
      statusCounts: {},
      lateStarts: 0,
      stoppedBy: 'completed',
      byRequest: {},
      histogram: histogram.encode(),
      latency: histogram.percentiles(),
      workers: 1,
      ...overrides,
    };
  }

  // 100 requests: 1..100 ms, so p95 = 95 ms and p99 = 99 ms (within 0.1 %).
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('passes thresholds the run meets, one assertion per threshold given', () => {
    const outcomes = evaluateThresholds(resultWith(hundred, { errors: 1, errorRate: 0.01 }), {
      p95Ms: 100,
      p99Ms: 100,
      maxErrorRate: 0.01,
      minRps: 100,
    });

    expect(outcomes.map(({ type, passed }) => [type, passed])).toEqual([
      ['p95Ms', true],
      ['p99Ms', true],
      ['maxErrorRate', true],
      ['minRps', true],
    ]);
    expect(outcomes[0]).toMatchObject({ expected: 100 });
    expect(outcomes[0]!.actual).toBeCloseTo(95, 0);
  });

  it('fails thresholds the run misses, saying by how much', () => {
    const outcomes = evaluateThresholds(resultWith(hundred, { errors: 5, errorRate: 0.05 }), {
      p95Ms: 50,
      p99Ms: 98,
      maxErrorRate: 0.01,
      minRps: 500,
    });

    expect(outcomes.every(({ passed }) => !passed)).toBe(true);
    const english = outcomes.map(({ message }) => formatText(message, 'en'));
    expect(english[0]).toMatch(/^p95 latency 95(\.\d+)? ms exceeds 50 ms$/);
    expect(english[2]).toBe('error rate 5 % (5 of 100) exceeds 1 %');
    expect(english[3]).toBe('throughput 100 req/s is below 500 req/s');
    expect(formatText(outcomes[3]!.message, 'zh-CN')).toBe('吞吐量 100 请求/秒，低于 500 请求/秒');
  });

  it('evaluates only the thresholds given', () => {
    expect(evaluateThresholds(resultWith(hundred), { minRps: 1 }).map(({ type }) => type)).toEqual(['minRps']);
  });

  it('fails rather than passes vacuously when nothing was measured', () => {
    const outcomes = evaluateThresholds(resultWith([], { requests: 0, rps: 0 }), { p95Ms: 100, maxErrorRate: 0.5 });

    expect(outcomes.map(({ passed }) => passed)).toEqual([false, false]);
    expect(formatText(outcomes[0]!.message, 'en')).toContain('could not be measured');
  });
});
