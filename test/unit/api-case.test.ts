import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createOutboundClient } from '#shared/http/outbound';
import { issuesToFieldErrors } from '#shared/http/validation';
import { formatText, localize } from '#shared/i18n/catalogue';
import {
  type Assertion,
  CreateTestCaseBody,
  type HttpRequestSpec,
  UpdateTestCaseBody,
} from '#shared/schemas/test-cases';
import { CaseResult, type RecordedCaseResult } from '#shared/schemas/test-results';
import { compileJsonSchema, selectJsonPath } from '#shared/testing/assertions/assertions';
import { checkJsonPath } from '#shared/testing/assertions/json-path';
import { patternProblem } from '#shared/testing/assertions/patterns';
import type { ApiCase, PerformanceCase, ScenarioCase } from '#shared/testing/cases/api-case';
import * as runner from '#shared/testing/cases/api-case';
import { wordedAssertions, wordResultText } from '#shared/testing/runs/result-texts';
import { closeServer, listenOnLoopback, readBody } from '../../scripts/local/http-server.ts';

// A result's texts are stored as message ids and values; these tests read them as an English
// reader would (the Chinese wording is test/unit/i18n-run-texts.test.ts's).
function worded(result: RecordedCaseResult) {
  const { error, ...rest } = result;
  return {
    ...rest,
    assertions: wordedAssertions(result.assertions, 'en'),
    ...(error === undefined ? {} : { error: wordResultText(error, 'en') }),
  };
}
const runApiCase = async (...args: Parameters<typeof runner.runApiCase>) => worded(await runner.runApiCase(...args));
const runScenarioCase = async (...args: Parameters<typeof runner.runScenarioCase>) =>
  worded(await runner.runScenarioCase(...args));
const runCase = async (...args: Parameters<typeof runner.runCase>) => worded(await runner.runCase(...args));

// A loopback target; the client allow-lists loopback exactly as local mode does.
const client = createOutboundClient({ allowList: ['127.0.0.0/8'], timeoutMs: 2_000 });
const USER = { id: 42, name: 'Ada Lovelace', tags: ['admin', 'ops'], profile: { email: 'ada@example.com' } };

let target: http.Server;
let origin: string;
let closedPortUrl: string;
const hits = new Map<string, number>();

function json(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://target');
  hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
  const body = (await readBody(request)).toString('utf8');
  switch (url.pathname) {
    case '/users/42':
      return json(response, 200, USER, { 'x-request-id': 'req-1' });
    case '/echo':
      return json(response, 200, {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.headers['content-type'] === 'application/json' ? JSON.parse(body) : body,
      });
    case '/html':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hi</body></html>');
      return;
    case '/big':
      return json(response, 200, { blob: 'x'.repeat(5_000) });
    case '/slow':
      // The target is slow, not the test: the latency assertion must see it.
      setTimeout(() => json(response, 200, { ok: true }), 120);
      return;
    case '/login': {
      const credentials = JSON.parse(body) as { user?: string; password?: string };
      if (credentials.user !== 'ada' || credentials.password !== 's3cret') return json(response, 401, {});
      return json(response, 200, { token: 'tok-123', user: { id: 42 } }, { 'x-session': 'sess-9' });
    }
    case '/orders': {
      const authorized =
        request.headers.authorization === 'Bearer tok-123' && request.headers['x-session'] === 'sess-9';
      return authorized ? json(response, 200, { orders: [{ id: 'o1', userId: 42 }] }) : json(response, 401, {});
    }
    case '/deep':
      // A hostile target: JSON nested far deeper than any recursion could follow.
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
      return;
    case '/fail':
      return json(response, 500, { error: 'boom' });
    default:
      return json(response, 404, {});
  }
}

beforeAll(async () => {
  target = http.createServer((request, response) => void route(request, response));
  origin = await listenOnLoopback(target, undefined);
  // A port that was just free: nothing listens there any more.
  const gone = http.createServer();
  closedPortUrl = `${await listenOnLoopback(gone, undefined)}/health`;
  await closeServer(gone);
});

afterAll(() => closeServer(target));

beforeEach(() => hits.clear());

function apiCase(request: Partial<HttpRequestSpec>, assertions: Assertion[]): ApiCase {
  return {
    caseId: 'case-1',
    name: 'get user',
    type: 'api',
    spec: { request: { method: 'GET', url: `${origin}/users/42`, ...request }, assertions },
  };
}

describe('runApiCase', () => {
  it('passes when every assertion holds', async () => {
    // Prepare
    const testCase = apiCase({}, [
      { type: 'status', equals: 200 },
      { type: 'header', name: 'X-Request-Id', equals: 'req-1' },
      { type: 'header', name: 'Content-Type', matches: '^application/json' },
      { type: 'header', name: 'x-request-id' },
      { type: 'jsonPath', path: '$.id', equals: 42 },
      { type: 'jsonPath', path: '$.profile', equals: { email: 'ada@example.com' } },
      { type: 'jsonPath', path: '$.profile.email', matches: '^[a-z]+@example\\.com$' },
      { type: 'jsonPath', path: '$.tags', contains: 'admin' },
      { type: 'jsonPath', path: '$.name', contains: 'Love' },
      { type: 'jsonPath', path: '$.tags[*]', equals: ['admin', 'ops'] },
      { type: 'jsonPath', path: "$['profile'].email", exists: true },
      { type: 'jsonPath', path: '$.deleted', exists: false },
      {
        type: 'jsonSchema',
        schema: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'integer' }, name: { type: 'string', pattern: '^[A-Z]' } },
        },
      },
      { type: 'latency', maxMs: 5_000 },
    ]);

    // Act
    const result = await runApiCase(testCase, { vars: {}, client });

    // Assess
    expect(result).toMatchObject({ caseId: 'case-1', name: 'get user', type: 'api', status: 'passed', attempts: 1 });
    expect(result.assertions.filter((assertion) => !assertion.passed)).toEqual([]);
    expect(result.assertions).toHaveLength(14);
    expect(result.assertions[0]).toEqual({
      type: 'status',
      passed: true,
      expected: 200,
      actual: 200,
      message: 'status is 200',
    });
    expect(result.error).toBeUndefined();
    expect(CaseResult.safeParse(result).success).toBe(true);
  });

  it.each<[string, Assertion, unknown, unknown, RegExp]>([
    ['status', { type: 'status', equals: 201 }, 201, 200, /expected status 201, got 200/],
    [
      'header equals',
      { type: 'header', name: 'x-request-id', equals: 'req-2' },
      'req-2',
      'req-1',
      /x-request-id to equal "req-2", got "req-1"/,
    ],
    ['header missing', { type: 'header', name: 'x-trace' }, 'present', null, /x-trace; it is missing/],
    [
      'header matches',
      { type: 'header', name: 'content-type', matches: '^text/' },
      '^text/',
      'application/json',
      /content-type to match \/\^text\/\/, got "application\/json"/,
    ],
    ['jsonPath equals', { type: 'jsonPath', path: '$.id', equals: 43 }, 43, 42, /expected \$\.id to equal 43, got 42/],
    [
      'jsonPath exists',
      { type: 'jsonPath', path: '$.profile.phone', exists: true },
      true,
      null,
      /\$\.profile\.phone to exist; nothing matched/,
    ],
    [
      'jsonPath not exists',
      { type: 'jsonPath', path: '$.tags[0]', exists: false },
      false,
      'admin',
      /\$\.tags\[0\] not to exist, found "admin"/,
    ],
    [
      'jsonPath matches a non-string',
      { type: 'jsonPath', path: '$.id', matches: '^4' },
      '^4',
      42,
      /to be a string matching \/\^4\/, got a number 42/,
    ],
    [
      'jsonPath matches',
      { type: 'jsonPath', path: '$.name', matches: '^Grace' },
      '^Grace',
      'Ada Lovelace',
      /\$\.name to match \/\^Grace\/, got "Ada Lovelace"/,
    ],
    [
      'jsonPath contains an element',
      { type: 'jsonPath', path: '$.tags', contains: 'root' },
      'root',
      ['admin', 'ops'],
      /\$\.tags to contain the element "root"/,
    ],
    [
      'jsonPath contains a substring',
      { type: 'jsonPath', path: '$.name', contains: 'Hopper' },
      'Hopper',
      'Ada Lovelace',
      /\$\.name to contain "Hopper"/,
    ],
    [
      'jsonSchema',
      { type: 'jsonSchema', schema: { type: 'object', properties: { id: { type: 'string' } } } },
      { type: 'object', properties: { id: { type: 'string' } } },
      [{ path: '/id', message: 'must be string' }],
      /does not match the schema: \/id must be string/,
    ],
    [
      'jsonSchema in the 2020-12 dialect',
      {
        type: 'jsonSchema',
        schema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          properties: { tags: { prefixItems: [{ const: 'ops' }] } },
        },
      },
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { tags: { prefixItems: [{ const: 'ops' }] } },
      },
      [{ path: '/tags/0', message: 'must be equal to constant' }],
      /\/tags\/0 must be equal to constant/,
    ],
    [
      'jsonSchema that does not compile',
      { type: 'jsonSchema', schema: { type: 'text' } },
      { type: 'text' },
      null,
      /^the schema is not valid: /,
    ],
    [
      'jsonPath equals on nothing',
      { type: 'jsonPath', path: '$.missing', equals: 1 },
      1,
      null,
      /expected \$\.missing to equal 1; nothing matched/,
    ],
    [
      'jsonPath contains on a number',
      { type: 'jsonPath', path: '$.id', contains: 4 },
      4,
      42,
      /\$\.id to be a string or an array to contain 4, got a number 42/,
    ],
  ])(
    'fails a %s assertion that does not hold, with expected and actual',
    async (_name, assertion, expected, actual, message) => {
      // Act
      const result = await runApiCase(apiCase({}, [{ type: 'status', equals: 200 }, assertion]), { vars: {}, client });

      // Assess: the response is the expected one; only the assertion under test fails.
      expect(result.status).toBe('failed');
      expect(result.assertions[0]?.passed).toBe(true);
      expect(result.assertions[1]).toMatchObject({ type: assertion.type, passed: false, expected, actual });
      expect(result.assertions[1]?.message).toMatch(message);
    },
  );

  it('fails a latency assertion when the target answers too slowly', async () => {
    // Act
    const result = await runApiCase(apiCase({ url: `${origin}/slow` }, [{ type: 'latency', maxMs: 20 }]), {
      vars: {},
      client,
    });

    // Assess
    expect(result.status).toBe('failed');
    expect(result.assertions[0]).toMatchObject({ type: 'latency', passed: false, expected: 20 });
    expect(result.assertions[0]?.actual).toBeGreaterThanOrEqual(100);
    expect(result.assertions[0]?.message).toMatch(/within 20 ms, it took \d+ ms/);
  });

  it('fails JSON assertions on a body that is not JSON, saying so', async () => {
    // Act
    const result = await runApiCase(
      apiCase({ url: `${origin}/html` }, [
        { type: 'status', equals: 200 },
        { type: 'jsonPath', path: '$.id', exists: true },
        { type: 'jsonSchema', schema: { type: 'object' } },
      ]),
      { vars: {}, client },
    );

    // Assess
    expect(result.status).toBe('failed');
    expect(result.assertions.map((assertion) => assertion.passed)).toEqual([true, false, false]);
    expect(result.assertions[1]?.message).toBe(
      'cannot evaluate $.id: the response body is not JSON (content-type "text/html")',
    );
    expect(result.assertions[2]?.message).toMatch(/the response body is not JSON/);
  });

  it('truncates a large actual value', async () => {
    // Act
    const result = await runApiCase(apiCase({ url: `${origin}/big` }, [{ type: 'jsonPath', path: '$', equals: {} }]), {
      vars: {},
      client,
    });

    // Assess
    const actual = result.assertions[0]?.actual;
    expect(typeof actual).toBe('string');
    expect((actual as string).length).toBeLessThanOrEqual(1_024);
    expect(actual).toMatch(/^\{"blob":"xxx.*… \(5011 characters in all\)$/);
    expect(result.assertions[0]?.message.length).toBeLessThan(300);
  });

  it('resolves variables and the environment URL in the url, headers and body', async () => {
    // Prepare
    const testCase = apiCase(
      {
        method: 'POST',
        url: '{{environment.url}}/echo?user={{ vars.user }}',
        headers: { Authorization: 'Bearer {{vars.token}}', 'X-Attempt': '{{vars.id}}' },
        body: { name: '{{vars.user}}', items: [{ '{{vars.key}}': 'id-{{vars.id}}' }], count: 3, untouched: '{{ }}' },
      },
      [
        { type: 'jsonPath', path: '$.method', equals: 'POST' },
        { type: 'jsonPath', path: '$.url', equals: '/echo?user=ada' },
        { type: 'jsonPath', path: '$.headers.authorization', equals: 'Bearer t0k' },
        { type: 'jsonPath', path: '$.headers.x-attempt', equals: '7' },
        { type: 'jsonPath', path: "$.headers['content-type']", equals: 'application/json' },
        {
          type: 'jsonPath',
          path: '$.body',
          equals: { name: 'ada', items: [{ k: 'id-7' }], count: 3, untouched: '{{ }}' },
        },
      ],
    );

    // Act
    const result = await runApiCase(testCase, {
      vars: { user: 'ada', token: 't0k', key: 'k', id: 7 },
      environmentUrl: origin,
      client,
    });

    // Assess
    expect(result.assertions.filter((assertion) => !assertion.passed)).toEqual([]);
    expect(result.status).toBe('passed');
  });

  it.each([
    [
      'an unknown variable',
      '/echo?q={{vars.missing}}',
      { present: 'yes' },
      'Unknown variable "missing" in {{vars.missing}}.',
    ],
    [
      'an inherited property',
      '/echo?q={{vars.constructor}}',
      {},
      'Unknown variable "constructor" in {{vars.constructor}}.',
    ],
    [
      'an unknown reference',
      '/echo?q={{env.url}}',
      {},
      '{{env.url}} is not a placeholder; use {{vars.<name>}} or {{environment.url}}',
    ],
  ])('errors, sending nothing, on a template with %s', async (_name, path, vars, error) => {
    // Act
    const result = await runApiCase(apiCase({ url: `${origin}${path}` }, [{ type: 'status', equals: 200 }]), {
      vars,
      client,
      retries: 2,
    });

    // Assess
    expect(result).toMatchObject({ status: 'errored', attempts: 1, assertions: [], error });
    expect(hits.size).toBe(0);
  });

  it('errors, sending nothing, when a variable would smuggle a header line in', async () => {
    // Act
    const result = await runApiCase(
      apiCase({ headers: { authorization: 'Bearer {{vars.token}}' } }, [{ type: 'status', equals: 200 }]),
      { vars: { token: 'x\r\nx-admin: yes' }, client },
    );

    // Assess
    expect(result.status).toBe('errored');
    expect(result.error).toMatch(/^Header authorization holds characters a header may not carry/);
    expect(hits.size).toBe(0);
  });

  it('fails JSON assertions on a response nested too deep to inspect, without overflowing the stack', async () => {
    // Act
    const result = await runApiCase(
      apiCase({ url: `${origin}/deep` }, [
        { type: 'jsonPath', path: '$..x', exists: false },
        { type: 'jsonSchema', schema: { type: 'array' } },
      ]),
      { vars: {}, client },
    );

    // Assess
    expect(result.status).toBe('failed');
    expect(result.assertions.map((assertion) => assertion.message)).toEqual([
      'cannot evaluate $..x: the response JSON nests deeper than 256 levels',
      'cannot validate against the schema: the response JSON nests deeper than 256 levels',
    ]);
  });

  it('errors when the environment URL is used but the run has none', async () => {
    // Act
    const result = await runApiCase(apiCase({ url: '{{environment.url}}/users/42' }, []), { vars: {}, client });

    // Assess
    expect(result.status).toBe('errored');
    expect(result.error).toBe('{{environment.url}} is used but the run has no environment URL.');
  });

  it('errors when the target is unreachable, after the configured retries', async () => {
    // Act
    const result = await runApiCase(apiCase({ url: closedPortUrl }, [{ type: 'status', equals: 200 }]), {
      vars: {},
      client,
      retries: 2,
    });

    // Assess
    expect(result).toMatchObject({ status: 'errored', attempts: 3, assertions: [] });
    expect(result.error).toMatch(/^The request to 127\.0\.0\.1:\d+ failed \(ECONNREFUSED\)\.$/);
    expect(CaseResult.safeParse(result).success).toBe(true);
  });

  it('retries a failed case and reports the attempt that passed', async () => {
    // Prepare: the first attempt reaches a failing endpoint, so only a retry can pass.
    let calls = 0;
    const flaky = {
      request: (url: string, init?: Parameters<typeof client.request>[1]) => {
        calls++;
        return client.request(calls === 1 ? `${origin}/fail` : url, init);
      },
    };

    // Act
    const result = await runApiCase(apiCase({}, [{ type: 'status', equals: 200 }]), {
      vars: {},
      client: flaky,
      retries: 3,
    });

    // Assess
    expect(result).toMatchObject({ status: 'passed', attempts: 2 });
  });

  it('goes through the guarded client by default, which refuses private addresses', async () => {
    // Act: no client given; unit tests run with an empty OUTBOUND_ALLOW_LIST.
    const result = await runApiCase(apiCase({}, [{ type: 'status', equals: 200 }]), { vars: {} });

    // Assess
    expect(result.status).toBe('errored');
    expect(result.error).toMatch(/private or reserved/);
    expect(hits.size).toBe(0);
  });
});

describe('failed results show the exchange', () => {
  it('shows the resolved request (secrets masked) and the response (status, headers, body) of a failed api case', async () => {
    // Act
    const result = await runApiCase(
      apiCase(
        {
          method: 'POST',
          url: `${origin}/fail?user={{vars.user}}&token=abc`,
          headers: { authorization: 'Bearer {{vars.token}}', 'x-trace': 't-1' },
          body: { user: '{{vars.user}}', password: 'hunter2' },
        },
        [{ type: 'status', equals: 200 }],
      ),
      { vars: { user: 'ada', token: 'tok-secret' }, client },
    );

    // Assess
    expect(result.status).toBe('failed');
    expect(result.request).toEqual({
      method: 'POST',
      url: `${origin}/fail?user=ada&token=%5Bmasked%5D`,
      headers: expect.objectContaining({ authorization: '[masked]', 'x-trace': 't-1' }),
      body: JSON.stringify({ user: 'ada', password: '[masked]' }),
    });
    expect(result.response).toEqual({
      status: 500,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: '{"error":"boom"}',
      truncated: false,
    });
    expect(JSON.stringify(result)).not.toMatch(/tok-secret|hunter2/);
  });

  it('cuts a response body to 8 KiB and says so', async () => {
    const result = await runApiCase(
      apiCase({ url: `${origin}/echo`, method: 'POST', body: 'y'.repeat(20_000) }, [{ type: 'status', equals: 201 }]),
      { vars: {}, client },
    );
    expect(result.response?.truncated).toBe(true);
    expect(Buffer.byteLength(result.response?.body ?? '')).toBe(8 * 1024);
    expect(result.request).toMatchObject({ bodyTruncated: true });
    expect(result.request?.body).toHaveLength(8 * 1024);
  });

  it('shows the request of a case whose target did not answer, and nothing of a passed case', async () => {
    const unreachable = await runApiCase(apiCase({ url: closedPortUrl }, [{ type: 'status', equals: 200 }]), {
      vars: {},
      client,
    });
    expect(unreachable.status).toBe('errored');
    expect(unreachable.request).toMatchObject({ method: 'GET', url: closedPortUrl });
    expect(unreachable.response).toBeUndefined();

    const passed = await runApiCase(apiCase({}, [{ type: 'status', equals: 200 }]), { vars: {}, client });
    expect(passed.status).toBe('passed');
    expect(passed).not.toHaveProperty('request');
    expect(passed).not.toHaveProperty('response');
  });

  it("shows a failed scenario's failing step, not the steps before it", async () => {
    const result = await runScenarioCase(
      {
        caseId: 'case-3',
        name: 'two steps',
        type: 'scenario',
        spec: {
          steps: [
            { name: 'user', request: { method: 'GET', url: `${origin}/users/42` } },
            {
              name: 'missing',
              request: { method: 'GET', url: `${origin}/nowhere` },
              assertions: [{ type: 'status', equals: 200 }],
            },
          ],
        },
      },
      { vars: {}, client },
    );
    expect(result.status).toBe('failed');
    expect(result.request?.url).toBe(`${origin}/nowhere`);
    expect(result.response).toMatchObject({ status: 404, body: '{}' });
  });
});

describe('runScenarioCase', () => {
  const login = {
    name: 'login',
    request: {
      method: 'POST' as const,
      url: '{{environment.url}}/login',
      body: { user: 'ada', password: '{{vars.password}}' },
    },
    extract: { token: '$.token', session: 'header:X-Session', userId: '$.user.id' },
    assertions: [{ type: 'status' as const, equals: 200 }],
  };
  const orders = {
    name: 'orders',
    request: {
      method: 'GET' as const,
      url: '{{environment.url}}/orders?user={{vars.userId}}',
      headers: { authorization: 'Bearer {{vars.token}}', 'x-session': '{{vars.session}}' },
    },
    assertions: [
      { type: 'status' as const, equals: 200 },
      { type: 'jsonPath' as const, path: '$.orders[0].id', equals: 'o1' },
    ],
  };
  const scenario = (steps: ScenarioCase['spec']['steps']): ScenarioCase => ({
    caseId: 'case-2',
    name: 'checkout',
    type: 'scenario',
    spec: { steps },
  });
  const context = () => ({ vars: { password: 's3cret' }, environmentUrl: origin, client });

  it('feeds values extracted from a JSON path and a header into later steps', async () => {
    // Act
    const result = await runScenarioCase(scenario([login, orders]), context());

    // Assess
    expect(result).toMatchObject({ type: 'scenario', status: 'passed', attempts: 1 });
    expect(result.assertions.map((assertion) => assertion.message)).toEqual([
      'Step "login": status is 200',
      'Step "orders": status is 200',
      'Step "orders": $.orders[0].id equals "o1"',
    ]);
    expect(hits.get('/orders')).toBe(1);
  });

  it('stops at the first failing step: later steps are not sent', async () => {
    // Prepare
    const failing = { ...login, name: 'broken login', request: { ...login.request, url: '{{environment.url}}/fail' } };

    // Act
    const result = await runScenarioCase(scenario([failing, orders]), context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.assertions).toEqual([
      {
        type: 'status',
        passed: false,
        expected: 200,
        actual: 500,
        message: 'Step "broken login": expected status 200, got 500',
      },
    ]);
    expect(hits.get('/orders')).toBeUndefined();
  });

  it('fails the step whose extraction finds nothing, and skips the rest', async () => {
    // Prepare
    const missing = { ...login, extract: { token: '$.accessToken' } };

    // Act
    const result = await runScenarioCase(scenario([missing, orders]), context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.assertions.at(-1)).toEqual({
      type: 'extract',
      passed: false,
      expected: '$.accessToken',
      actual: null,
      message: 'Step "login": cannot extract token: nothing matched $.accessToken',
    });
    expect(hits.get('/orders')).toBeUndefined();
  });

  it('errors, naming the step, when a later step uses a variable no step extracted', async () => {
    // Prepare
    const noExtract = { ...login, extract: undefined };

    // Act
    const result = await runScenarioCase(scenario([noExtract, orders]), context());

    // Assess
    expect(result.status).toBe('errored');
    expect(result.error).toBe('Step "orders": Unknown variable "userId" in {{vars.userId}}.');
    expect(result.assertions).toHaveLength(1);
    expect(hits.get('/orders')).toBeUndefined();
  });
});

describe('runCase', () => {
  it('runs api and scenario cases, and skips the case types CI reports', async () => {
    // Prepare
    const request = { method: 'GET' as const, url: `${origin}/users/42` };
    const status = [{ type: 'status' as const, equals: 200 }];

    // Act
    const api = await runCase({ ...apiCase(request, status) }, { vars: {}, client });
    const scenario = await runCase(
      {
        caseId: 's',
        name: 'one step',
        type: 'scenario',
        spec: { steps: [{ name: 'get', request, assertions: status }] },
      },
      { vars: {}, client },
    );
    const unit = await runCase({ caseId: 'c', name: 'unit', type: 'unit', spec: undefined }, { vars: {} });

    // Assess
    expect([api.status, scenario.status]).toEqual(['passed', 'passed']);
    expect(hits.get('/users/42')).toBe(2);
    expect(unit).toMatchObject({ status: 'skipped', attempts: 0, assertions: [] });
  });

  it('hands performance cases to the injected runner, and errors without one', async () => {
    // Prepare
    const testCase: PerformanceCase = {
      caseId: 'c',
      name: 'load',
      type: 'performance',
      spec: {
        request: { method: 'GET', url: `${origin}/users/42` },
        load: { connections: 1, requests: 1 },
        thresholds: {},
      },
    };
    const measured = {
      caseId: 'c',
      name: 'load',
      type: 'performance' as const,
      status: 'passed' as const,
      attempts: 1,
      durationMs: 5,
      assertions: [],
      metrics: { requests: 1, rps: 200, errorRate: 0, latency: { p50: 1, p90: 1, p95: 1, p99: 1, max: 1 } },
    };

    // Act
    const delegated = await runCase(testCase, { vars: {}, runPerformance: async () => measured });
    const missing = await runCase(testCase, { vars: {} });

    // Assess
    expect(delegated).toEqual(measured);
    expect(CaseResult.safeParse(delegated).success).toBe(true);
    expect(missing).toMatchObject({ status: 'errored', error: expect.stringMatching(/no performance runner/) });
  });
});

// ---------------------------------------------------------------------------------------------
// Schemas

const validApi = {
  name: 'Get user',
  type: 'api',
  tags: ['Smoke', 'users'],
  spec: {
    request: {
      method: 'GET',
      url: '{{environment.url}}/users/{{vars.id}}',
      headers: { Authorization: 'Bearer {{vars.token}}' },
    },
    assertions: [
      { type: 'status', equals: 200 },
      { type: 'header', name: 'content-type', matches: 'json' },
      { type: 'jsonPath', path: '$.items[0].id', equals: null },
      { type: 'jsonPath', path: '$..id', contains: 1 },
      { type: 'jsonSchema', schema: { type: 'object', patternProperties: { '^x-': { type: 'string' } } } },
      { type: 'latency', maxMs: 500 },
    ],
  },
};
const validScenario = {
  name: 'Checkout',
  type: 'scenario',
  spec: {
    steps: [
      {
        name: 'login',
        request: { method: 'POST', url: 'https://shop.example.com/login', body: { user: 'ada' } },
        extract: { token: '$.token', session: 'header:X-Session' },
      },
      {
        name: 'orders',
        request: {
          method: 'GET',
          url: 'https://shop.example.com/orders',
          headers: { authorization: '{{vars.token}}' },
        },
        assertions: [{ type: 'status', equals: 200 }],
      },
    ],
  },
};
const validPerformance = {
  name: 'Home page load',
  type: 'performance',
  spec: {
    request: { method: 'GET', url: 'https://shop.example.com/' },
    load: { connections: 10, durationSeconds: 30 },
    thresholds: { p95Ms: 250, maxErrorRate: 0.01 },
  },
};

type Body = Record<string, unknown> & { spec: Record<string, unknown> };
const clone = <T>(value: T): T => structuredClone(value);

/** The `{path, message}` list a client would get for this body. */
function errorsOf(body: unknown) {
  const result = CreateTestCaseBody.safeParse(body);
  return result.success ? [] : issuesToFieldErrors(result.error.issues, 'body');
}

/** The valid api body with `changes` merged into its request. */
function withRequest(changes: Record<string, unknown>): Body {
  const body = clone(validApi) as Body;
  body.spec.request = { ...(body.spec.request as object), ...changes };
  return body;
}

function withAssertions(assertions: unknown[]): Body {
  const body = clone(validApi) as Body;
  body.spec.assertions = assertions;
  return body;
}

const assertion = (value: unknown) => withAssertions([value]);

describe('CreateTestCaseBody', () => {
  it.each([
    ['api', validApi],
    ['scenario', validScenario],
    ['performance (closed, duration)', validPerformance],
    [
      'performance (closed, requests)',
      { ...validPerformance, spec: { ...validPerformance.spec, load: { connections: 200, requests: 100_000 } } },
    ],
    [
      'performance (open)',
      { ...validPerformance, spec: { ...validPerformance.spec, load: { arrivalRate: 5_000, durationSeconds: 300 } } },
    ],
    ['unit without spec', { name: 'parser', type: 'unit' }],
    ['e2e with an empty spec', { name: 'signup', type: 'e2e', spec: {} }],
    ['a string body', withRequest({ body: 'plain {{vars.x}} text' })],
  ])('accepts a valid %s case', (_name, body) => {
    expect(errorsOf(body)).toEqual([]);
  });

  it('normalizes tags', () => {
    expect(CreateTestCaseBody.parse(validApi).tags).toEqual(['smoke', 'users']);
  });

  const bigHeaders = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`x-h${index}`, 'v']));
  let deep: unknown = 'bottom';
  for (let level = 0; level < 65; level++) deep = [deep];

  it.each<[string, unknown, string, RegExp]>([
    [
      'a URL over 2048 characters',
      withRequest({ url: `https://a.example.com/${'p'.repeat(2040)}` }),
      'body.spec.request.url',
      /<=2048/,
    ],
    [
      'a non-http URL',
      withRequest({ url: 'ftp://files.example.com/x' }),
      'body.spec.request.url',
      /absolute http\(s\) URL/,
    ],
    [
      'an unknown placeholder',
      withRequest({ url: '{{env.url}}/x' }),
      'body.spec.request.url',
      /\{\{env\.url\}\} is not a placeholder/,
    ],
    ['more than 50 headers', withRequest({ headers: bigHeaders }), 'body.spec.request.headers', /at most 50 headers/],
    [
      'an invalid header name',
      withRequest({ headers: { 'bad name': 'v' } }),
      'body.spec.request.headers.bad name',
      /header name/,
    ],
    [
      'a header value with a newline',
      withRequest({ headers: { x: 'a\r\nb: c' } }),
      'body.spec.request.headers.x',
      /control/,
    ],
    [
      'header names differing only in case',
      withRequest({ headers: { 'X-A': '1', 'x-a': '2' } }),
      'body.spec.request.headers',
      /unique regardless of case/,
    ],
    [
      'a string body over 256 KB',
      withRequest({ body: 'x'.repeat(256 * 1024 + 1) }),
      'body.spec.request.body',
      /body exceeds 262144 bytes/,
    ],
    [
      'a JSON body over 256 KB',
      withRequest({ body: { data: 'x'.repeat(256 * 1024) } }),
      'body.spec.request.body',
      /body exceeds 262144 bytes/,
    ],
    ['a body nested deeper than 64', withRequest({ body: deep }), 'body.spec.request.body', /deeper than 64/],
    [
      'an unknown placeholder in the body',
      withRequest({ body: { a: ['{{vars.a.b}}'] } }),
      'body.spec.request.body',
      /\{\{vars\.a\.b\}\} is not a placeholder/,
    ],
    ['an unknown request field', withRequest({ timeout: 5 }), 'body.spec.request', /unknown field\(s\): timeout/],
    ['an unknown method', withRequest({ method: 'TRACE' }), 'body.spec.request.method', /expected one of/],
    [
      'more than 50 assertions',
      withAssertions(Array(51).fill({ type: 'status', equals: 200 })),
      'body.spec.assertions',
      /<=50/,
    ],
    ['a status out of range', assertion({ type: 'status', equals: 600 }), 'body.spec.assertions.0.equals', /<=599/],
    [
      'an unknown assertion type',
      assertion({ type: 'body', equals: 1 }),
      'body.spec.assertions.0.type',
      /Invalid discriminator/,
    ],
    [
      'a header assertion with equals and matches',
      assertion({ type: 'header', name: 'x', equals: 'a', matches: 'a' }),
      'body.spec.assertions.0',
      /not both/,
    ],
    [
      'a jsonPath assertion with two operators',
      assertion({ type: 'jsonPath', path: '$.a', exists: true, equals: 1 }),
      'body.spec.assertions.0',
      /exactly one of/,
    ],
    [
      'a jsonPath assertion with no operator',
      assertion({ type: 'jsonPath', path: '$.a' }),
      'body.spec.assertions.0',
      /exactly one of/,
    ],
    [
      'a path without $',
      assertion({ type: 'jsonPath', path: 'a.b', exists: true }),
      'body.spec.assertions.0.path',
      /must start with \$/,
    ],
    [
      'a filter expression',
      assertion({ type: 'jsonPath', path: '$.a[?(@.x)]', exists: true }),
      'body.spec.assertions.0.path',
      /filter or script/,
    ],
    [
      'a negative index',
      assertion({ type: 'jsonPath', path: '$.a[-1]', exists: true }),
      'body.spec.assertions.0.path',
      /use \[-1:\]/,
    ],
    [
      'an unclosed bracket',
      assertion({ type: 'jsonPath', path: "$['a'", exists: true }),
      'body.spec.assertions.0.path',
      /unclosed \[/,
    ],
    [
      'a dangling dot',
      assertion({ type: 'jsonPath', path: '$.a.', exists: true }),
      'body.spec.assertions.0.path',
      /needs a name/,
    ],
    [
      'a regex that does not compile',
      assertion({ type: 'jsonPath', path: '$.a', matches: '(' }),
      'body.spec.assertions.0.matches',
      /not a valid regular expression/,
    ],
    [
      'a regex over 512 characters',
      assertion({ type: 'header', name: 'x', matches: 'a'.repeat(513) }),
      'body.spec.assertions.0.matches',
      /longer than 512/,
    ],
    [
      'a regex with a lookahead (RE2 runs in linear time and has none)',
      assertion({ type: 'header', name: 'x', matches: '^(?=a)a+$' }),
      'body.spec.assertions.0.matches',
      /linear-time engine.*\(\?=/,
    ],
    [
      'an operand over 64 KB',
      assertion({ type: 'jsonPath', path: '$', equals: 'x'.repeat(65 * 1024) }),
      'body.spec.assertions.0.equals',
      /exceeds 65536/,
    ],
    [
      'a schema that is a string',
      assertion({ type: 'jsonSchema', schema: 'object' }),
      'body.spec.assertions.0.schema',
      /object or boolean/,
    ],
    [
      'a schema with a backreference in a pattern',
      assertion({ type: 'jsonSchema', schema: { properties: { a: { pattern: '(x)\\1' } } } }),
      'body.spec.assertions.0.schema',
      /linear-time engine/,
    ],
    [
      'a schema in an unsupported dialect',
      assertion({ type: 'jsonSchema', schema: { $schema: 'http://json-schema.org/draft-04/schema#' } }),
      'body.spec.assertions.0.schema',
      /\$schema must be one of/,
    ],
    ['a latency of 0', assertion({ type: 'latency', maxMs: 0 }), 'body.spec.assertions.0.maxMs', />=1/],
    [
      'a latency over 300 s',
      assertion({ type: 'latency', maxMs: 300_001 }),
      'body.spec.assertions.0.maxMs',
      /<=300000/,
    ],
    [
      'more than 20 tags',
      { ...validApi, tags: Array.from({ length: 21 }, (_, index) => `t${index}`) },
      'body.tags',
      /<=20/,
    ],
    ['duplicate tags', { ...validApi, tags: ['a', 'A'] }, 'body.tags', /unique/],
    ['an unknown type', { ...validApi, type: 'load' }, 'body.type', /Invalid discriminator/],
    [
      'a spec on a unit case',
      { name: 'u', type: 'unit', spec: { command: 'npm test' } },
      'body.spec',
      /unknown field\(s\): command/,
    ],
    ['a missing name', { ...validApi, name: '  ' }, 'body.name', />=1/],
  ])('refuses %s', (_name, body, path, message) => {
    const errors = errorsOf(body);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  const scenarioWith = (steps: unknown[]) => ({ ...validScenario, spec: { steps } });
  const withExtract = (extract: Record<string, string>) =>
    scenarioWith([{ ...validScenario.spec.steps[0], extract }, validScenario.spec.steps[1]]);
  const step = (name: string) => ({ name, request: { method: 'GET', url: 'https://a.example.com/' } });

  it.each<[string, unknown, string, RegExp]>([
    ['no steps', scenarioWith([]), 'body.spec.steps', />=1/],
    [
      'more than 50 steps',
      scenarioWith([...validScenario.spec.steps, ...Array.from({ length: 49 }, (_, i) => step(`s${i}`))]),
      'body.spec.steps',
      /<=50/,
    ],
    [
      'duplicate step names',
      scenarioWith([...validScenario.spec.steps, step('login')]),
      'body.spec.steps',
      /step names must be unique/,
    ],
    [
      'an invalid variable name',
      withExtract({ 'my-token': '$.token' }),
      'body.spec.steps.0.extract.my-token',
      /variable name/,
    ],
    [
      'an extraction that is neither header nor path',
      withExtract({ token: 'token' }),
      'body.spec.steps.0.extract.token',
      /header:<Name> or a JSON path/,
    ],
    [
      'an extraction from an empty header name',
      withExtract({ token: 'header:' }),
      'body.spec.steps.0.extract.token',
      /header name/,
    ],
    [
      'more than 20 extractions',
      withExtract(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`v${i}`, '$.a']))),
      'body.spec.steps.0.extract',
      /at most 20/,
    ],
  ])('refuses a scenario with %s', (_name, body, path, message) => {
    expect(errorsOf(body)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  const performanceWith = (spec: Record<string, unknown>) => ({
    ...validPerformance,
    spec: { ...validPerformance.spec, ...spec },
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      '201 connections',
      performanceWith({ load: { connections: 201, durationSeconds: 10 } }),
      'body.spec.load.connections',
      /<=200/,
    ],
    ['0 connections', performanceWith({ load: { connections: 0, requests: 10 } }), 'body.spec.load.connections', />=1/],
    [
      '301 seconds',
      performanceWith({ load: { connections: 1, durationSeconds: 301 } }),
      'body.spec.load.durationSeconds',
      /<=300/,
    ],
    [
      '100001 requests',
      performanceWith({ load: { connections: 1, requests: 100_001 } }),
      'body.spec.load.requests',
      /<=100000/,
    ],
    [
      'an arrival rate of 5001',
      performanceWith({ load: { arrivalRate: 5_001, durationSeconds: 10 } }),
      'body.spec.load.arrivalRate',
      /<=5000/,
    ],
    [
      'a load mixing models',
      performanceWith({ load: { connections: 5, durationSeconds: 10, requests: 5 } }),
      'body.spec.load',
      /load must be/,
    ],
    ['a load without duration', performanceWith({ load: { arrivalRate: 5 } }), 'body.spec.load', /load must be/],
    [
      'an error rate above 1',
      performanceWith({ thresholds: { maxErrorRate: 1.5 } }),
      'body.spec.thresholds.maxErrorRate',
      /<=1/,
    ],
    [
      'an unknown threshold',
      performanceWith({ thresholds: { p50Ms: 10 } }),
      'body.spec.thresholds',
      /unknown field\(s\): p50Ms/,
    ],
    [
      'a fractional connection count',
      performanceWith({ load: { connections: 1.5, durationSeconds: 10 } }),
      'body.spec.load.connections',
      /must be an integer/,
    ],
  ])('refuses a performance case with %s', (_name, body, path, message) => {
    expect(errorsOf(body)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom('api', 'scenario', 'performance'), spec: fc.jsonValue() }),
        ),
        (value) => {
          CreateTestCaseBody.safeParse(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(CreateTestCaseBody, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(schema)).toContain('"connections"');
  });
});

describe('UpdateTestCaseBody', () => {
  it('takes a partial change whose spec is validated by the given type', () => {
    expect(UpdateTestCaseBody.safeParse({ type: 'api', name: 'Renamed' }).success).toBe(true);
    expect(UpdateTestCaseBody.safeParse({ type: 'api', tags: null }).success).toBe(true);
    expect(UpdateTestCaseBody.safeParse({ type: 'scenario', spec: validScenario.spec }).success).toBe(true);
    expect(UpdateTestCaseBody.safeParse({ type: 'api', spec: validScenario.spec }).success).toBe(false);
  });

  it('requires the type and at least one change', () => {
    const missingType = UpdateTestCaseBody.safeParse({ name: 'x' });
    const empty = UpdateTestCaseBody.safeParse({ type: 'api' });
    expect(missingType.success).toBe(false);
    expect(issuesToFieldErrors(empty.error?.issues ?? [], 'body')).toEqual([
      { path: 'body', message: 'at least one of name, tags, spec must be given' },
    ]);
  });
});

describe('JSON paths and patterns', () => {
  it('selects one value for a definite path and the list of matches otherwise', () => {
    const document = { a: [{ id: 1 }, { id: 2 }], 'x.y': true };
    expect(selectJsonPath('$.a[1].id', document)).toEqual({ found: true, value: 2 });
    expect(selectJsonPath("$['x.y']", document)).toEqual({ found: true, value: true });
    expect(selectJsonPath('$.a[5]', document)).toEqual({ found: false, value: null });
    expect(selectJsonPath('$..id', document)).toEqual({ found: true, value: [1, 2] });
    expect(selectJsonPath('$.a[-1:].id', document)).toEqual({ found: true, value: [2] });
    expect(selectJsonPath('$.b[*]', document)).toEqual({ found: false, value: [] });
  });

  it('never throws on any path, and evaluates every path it accepts', () => {
    const pathish = fc.stringMatching(/^\$(\.[a-z*]{0,3}|\[[0-9:,*'a-z-]{0,5}\]|\.\.[a-z]{0,2})*$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), pathish), fc.jsonValue(), (path, document) => {
        if (checkJsonPath(path).ok) selectJsonPath(path, document);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any pattern', () => {
    fc.assert(
      fc.property(fc.string(), (pattern) => {
        patternProblem(pattern);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['^[a-z]+$', '\\d{3}-\\d{4}', '(ab)+', '(?:a|b)*c', '\\p{L}+', '[(+*)]+', 'a{2,3}?', '(a+)+', '^(a|a)*$'])(
    'accepts the pattern %s',
    (pattern) => {
      expect(patternProblem(pattern)).toBeUndefined();
    },
  );

  it.each(['(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<x>a)\\k<x>'])(
    'refuses the pattern %s, which the linear-time engine cannot run',
    (pattern) => {
      const problem = patternProblem(pattern);
      expect(problem && localize(problem)).toMatch(/not supported by the linear-time engine/);
    },
  );

  it('matches a pattern that makes a backtracking engine take exponential time, in linear time', async () => {
    // `^(a|a)*$` on 32 a's and a b: 2^32 paths for JavaScript's engine (21 s), one pass for RE2.
    const result = await runApiCase(
      apiCase({ url: `${origin}/echo`, method: 'POST', body: `${'a'.repeat(32)}b` }, [
        { type: 'jsonPath', path: '$.body', matches: '^(a|a)*$' },
        { type: 'jsonPath', path: '$.body', matches: '^(a|a)*b$' },
      ]),
      { vars: {}, client },
    );
    expect(result.assertions.map((outcome) => outcome.passed)).toEqual([false, true]);
  });

  it('runs JSON Schema patterns on the linear-time engine too', () => {
    // A lookbehind compiles on JavaScript's engine but not on RE2: refusing it shows whose engine Ajv uses.
    expect(compileJsonSchema({ properties: { a: { pattern: '(?<=x)y' } } })).toMatchObject({ ok: false });
    const schema = compileJsonSchema({
      properties: { a: { pattern: '^(a|a)*$' } },
      patternProperties: { '^(x|x)*$': { type: 'integer' } },
    });
    if (!schema.ok) throw new Error(formatText(schema.reason, 'en'));
    expect(schema.validate({ a: `${'a'.repeat(32)}b` })).toBe(false);
    expect(schema.validate({ a: 'aaa', [`${'x'.repeat(32)}`]: 'not an integer' })).toBe(false);
    expect(schema.validate({ a: 'aaa', [`${'x'.repeat(32)}`]: 1 })).toBe(true);
  });

  it('matches anywhere in a large input', async () => {
    const huge = `${'a'.repeat(64 * 1024)}needle`;
    const result = await runApiCase(
      apiCase({ url: `${origin}/echo`, method: 'POST', body: huge }, [
        { type: 'jsonPath', path: '$.body', matches: 'needle$' },
      ]),
      { vars: {}, client },
    );
    expect(result.assertions[0]?.passed).toBe(true);
  });
});
