import { beforeAll, describe, expect, inject, it } from 'vitest';
import * as z from 'zod/mini';
import type { RouteDefinition } from '#shared/api/route-definition';
import { ROUTES } from '#shared/api/routes';
import { api, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

// search (issue 11)
/** A valid query string for routes whose query has required parameters; the bad ones are added to it. */
const VALID_QUERIES: Record<string, string> = { Search: 'q=deploy' };
/** Bad values of a route's own query parameters, beyond the paging ones every list has. */
const BAD_QUERIES: Record<string, string[]> = {
  Search: ['types=users', 'types=document,', 'projectId=not-an-id', `q=${'x'.repeat(201)}`, 'q=%20%2C%3B'],
};

/** A valid body per route that takes one; invalid bodies are derived from it. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  Register: { email: 'valid@example.com', password: 'Valid-Password-123', name: 'Valid' },
  Login: { email: 'valid@example.com', password: 'Valid-Password-123' },
  RefreshTokens: { refreshToken: 'a-refresh-token' },
  Logout: { refreshToken: 'a-refresh-token' },
  UpdateMe: { name: 'Valid' },
  CreateProject: { name: 'Valid', key: 'VALID' },
  UpdateProject: { name: 'Valid' },
  PutQualityGate: { conditions: [{ metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 15 }] },
  PutMember: { role: 'viewer' },
  CreateInvitation: { email: 'valid@example.com', role: 'viewer' },
  CreateEnvironment: { name: 'valid', deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' } },
  UpdateEnvironment: { concurrency: 'reject' },
  CreatePipeline: { name: 'Valid', stages: [{ type: 'deploy', name: 'deploy' }] },
  ReplacePipeline: { name: 'Valid', stages: [{ type: 'deploy', name: 'deploy' }] },
  CreateDeployment: {
    pipelineId: '01jd0000000000000000000002',
    environmentId: '01jd0000000000000000000001',
    version: 'v1',
  },
  CancelDeployment: { reason: 'valid' },
  DecideApproval: { decision: 'approve' },
  ReceiveCallback: { status: 'succeeded' },
  CreateTestCase: {
    name: 'Valid',
    type: 'api',
    spec: { request: { method: 'GET', url: 'https://app.example.com/health' }, assertions: [] },
  },
  UpdateTestCase: { type: 'api', name: 'Valid' },
  CreateTestSuite: { name: 'Valid', tags: ['smoke'] },
  UpdateTestSuite: { name: 'Valid' },
  CreateTestRun: { caseIds: ['01jd0000000000000000000006'] },
  CreateImportUpload: { suite: 'valid' },
  CreateAnalysis: { commit: 'abc1234', branch: 'main', source: { type: 'archive', format: 'zip', contentLength: 100 } },
  // document reviews
  RequestDocumentReview: { version: 1, reviewers: ['4b1e5a2c-9f3d-4e8a-b7c6-0d1e2f3a4b5c'] },
  DecideDocumentReview: { version: 1, decision: 'approve' },
  ChangeDocumentStatus: { version: 1, status: 'obsolete' },
  CreateDocumentComment: { version: 1, body: 'Valid', anchor: { startLine: 1, endLine: 2 } },
  // documents core
  CreateDocument: { title: 'Valid', type: 'requirement', body: '# Valid' },
  UpdateDocument: { body: '# Valid' },
  // documents: API designs and attachments
  GenerateDocumentTestCases: { environmentId: '01jd0000000000000000000001', operations: ['listPets'] },
  CheckDocumentDrift: { url: 'https://api.example.com/openapi.json' },
  CreateDocumentAttachment: { fileName: 'diagram.png', contentType: 'image/png', contentLength: 100 },
  // document templates and links (docs-links)
  CreateDocumentTemplate: { name: 'Valid', type: 'other', body: '# Valid' },
  ReplaceDocumentTemplate: { name: 'Valid', type: 'other', body: '# Valid' },
  CreateDocumentLink: { type: 'relates', targetType: 'environment', targetId: '01jd0000000000000000000001' },
};

const ONE_MEGABYTE = 'x'.repeat(1024 * 1024);
/** Any Chinese character: a text a person reads in the zh-CN answer has at least one. */
const HAN = /\p{Script=Han}/u;

interface ProblemBody {
  title: string;
  detail: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [field: string]: unknown;
}
const VALID_PARAMS: Record<string, string> = {
  projectId: '01jd0000000000000000000000',
  userId: '4b1e5a2c-9f3d-4e8a-b7c6-0d1e2f3a4b5c',
  environmentId: '01jd0000000000000000000001',
  pipelineId: '01jd0000000000000000000002',
  deploymentId: '01jd0000000000000000000004',
  callbackId: '01jd0000000000000000000005',
  caseId: '01jd0000000000000000000006',
  suiteId: '01jd0000000000000000000007',
  runId: '01jd0000000000000000000008',
  importId: '01jd0000000000000000000009',
  invitationId: '01jd000000000000000000000a',
  analysisId: '01jd000000000000000000000b',
  path: 'src/main.py',
  documentId: 'DE-12',
  commentId: '01jd000000000000000000000c',
  version: '1',
  attachmentId: '01jd000000000000000000000d',
  // document templates and links (docs-links)
  templateId: 'builtin-requirement',
  linkId: '01jd000000000000000000000d',
};
const INVALID_PARAM_VALUES = ['not-an-id', 'A'.repeat(2000), '%00', '..%2F..%2Fetc', '01JD0000000000000000000000'];

interface InvalidCase {
  name: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

function pathFor(route: RouteDefinition, params: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => params[name] ?? VALID_PARAMS[name] ?? 'x');
}

interface ObjectShape {
  properties?: Record<string, { const?: unknown; enum?: unknown[] }>;
  required?: string[];
}

/**
 * The JSON Schema object a valid body is an instance of: the schema itself, or for a union
 * (test cases are discriminated by `type`) the branch whose constants the valid body has.
 */
function bodyShape(schema: z.ZodMiniType, valid: Record<string, unknown>): ObjectShape {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as ObjectShape & {
    oneOf?: ObjectShape[];
    anyOf?: ObjectShape[];
  };
  const branches = json.oneOf ?? json.anyOf;
  if (!branches) return json;
  const matches = (branch: ObjectShape) =>
    Object.entries(branch.properties ?? {}).every(
      ([name, property]) =>
        (property.const === undefined || property.const === valid[name]) &&
        (property.enum === undefined || property.enum.includes(valid[name])),
    ) && (branch.required ?? []).every((name) => name in valid);
  const branch = branches.find(matches);
  if (!branch) throw new Error(`no branch of the body schema fits the valid sample ${JSON.stringify(valid)}`);
  return branch;
}

/** Every kind of bad input a route can be sent, derived from its schemas. */
function invalidCasesFor(route: RouteDefinition): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const path = pathFor(route);
  for (const name of route.path.match(/\{(\w+)\+?\}/g)?.map((param) => param.slice(1, -1).replace(/\+$/, '')) ?? []) {
    for (const value of INVALID_PARAM_VALUES) {
      cases.push({
        name: `path ${name}=${value.slice(0, 20)}`,
        path: pathFor(route, { [name]: value }),
        body: VALID_BODIES[route.id],
      });
    }
  }
  if (route.request?.query) {
    const badQueries = [
      'limit=abc',
      'limit=0',
      'limit=101',
      'limit=1.5',
      'cursor=!!!',
      `cursor=${'A'.repeat(3000)}`,
      'cursor=eyJQSyI6MX0',
      'cursor=bm90IGpzb24',
      'unknown=1',
    ];
    const validQuery = VALID_QUERIES[route.id];
    // The valid parameters the bad one does not replace (a repeated name would be comma-joined, payload 2.0).
    const withValid = (query: string) => {
      const name = query.split('=')[0];
      const kept = (validQuery ?? '').split('&').filter((pair) => pair !== '' && pair.split('=')[0] !== name);
      return [...kept, query].join('&');
    };
    for (const query of [...badQueries, ...(BAD_QUERIES[route.id] ?? [])]) {
      cases.push({ name: `query ${query.slice(0, 30)}`, path: `${path}?${withValid(query)}` });
    }
  }
  if (route.request?.xmlBody) {
    const xml = { 'content-type': 'application/xml' };
    cases.push({ name: 'malformed XML', path, rawBody: '<testsuite><testcase name="a">', headers: xml });
    cases.push({ name: 'not XML at all', path, rawBody: '{"tests": 1}', headers: xml });
    cases.push({ name: 'JSON content type', path, body: { testsuite: 'x' } });
    cases.push({ name: 'no body', path, headers: xml });
  }
  if (route.request?.textBody) {
    // A coverage report: each format's unreadable document, a JSON body, and none.
    const text = { 'content-type': 'text/plain' };
    cases.push({ name: 'not lcov', path: `${path}?format=lcov`, rawBody: 'hello world', headers: text });
    cases.push({ name: 'lcov DA outside a record', path: `${path}?format=lcov`, rawBody: 'DA:1,1\n', headers: text });
    const xml = { 'content-type': 'application/xml' };
    cases.push({ name: 'malformed XML', path: `${path}?format=jacoco`, rawBody: '<report><package', headers: xml });
    cases.push({ name: 'JSON content type', path: `${path}?format=lcov`, body: { lcov: 'x' } });
    cases.push({ name: 'no body', path: `${path}?format=lcov`, headers: text });
    cases.push({ name: 'no format', path, rawBody: 'SF:a\nend_of_record\n', headers: text });
  }
  const valid = VALID_BODIES[route.id];
  if (route.request?.body && valid) {
    cases.push({ name: 'malformed JSON', path, rawBody: '{"name": "x",' });
    cases.push({
      name: 'not JSON content type',
      path,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    cases.push({ name: 'no body', path });
    for (const body of [null, [], 'text', 42, true]) cases.push({ name: `body ${JSON.stringify(body)}`, path, body });
    cases.push({ name: 'empty object', path, body: {} });
    cases.push({ name: 'unknown field', path, body: { ...valid, isAdmin: true } });
    const shape = bodyShape(route.request.body, valid);
    for (const field of Object.keys(shape.properties ?? {})) {
      cases.push({ name: `${field} wrong type (number)`, path, body: { ...valid, [field]: 12345 } });
      cases.push({ name: `${field} wrong type (object)`, path, body: { ...valid, [field]: { nested: ['x'] } } });
      cases.push({ name: `${field} 1 MB string`, path, body: { ...valid, [field]: ONE_MEGABYTE } });
    }
    const required = shape.required ?? [];
    for (const field of required) {
      const { [field]: _omitted, ...rest } = valid;
      cases.push({ name: `${field} missing`, path, body: rest });
    }
  }
  return cases;
}

describe('invalid input on every route', () => {
  let caller: TestUser;

  beforeAll(async () => {
    caller = await registerAndLogin(apiUrl);
  });

  it('has a valid body sample for every route that takes a body', () => {
    const missing = ROUTES.filter((route) => route.request?.body && !VALID_BODIES[route.id]).map((route) => route.id);
    expect(missing).toEqual([]);
  });

  for (const route of ROUTES) {
    const cases = invalidCasesFor(route);
    if (cases.length === 0) continue;
    it(`${route.method} ${route.path} answers ${cases.length} kinds of bad input with 4xx problem+json`, async () => {
      for (const bad of cases) {
        const response = await api(apiUrl, route.method, bad.path, {
          token: route.auth === 'user' ? caller.accessToken : undefined,
          body: bad.body,
          rawBody: bad.rawBody,
          headers: bad.headers,
        });
        const label = `${route.id}: ${bad.name} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        expect(response.headers.get('content-type'), label).toBe('application/problem+json');
        expect(response.body, label).toMatchObject({
          status: response.status,
          code: expect.any(String),
          requestId: expect.any(String),
        });
      }
    });
  }

  // The same bad input in Chinese: only the words change. Status, code, type, every field path
  // and every machine-readable value are identical; every text a person reads is Chinese.
  for (const route of ROUTES) {
    const cases = invalidCasesFor(route);
    if (cases.length === 0) continue;
    it(`${route.method} ${route.path} answers the same ${cases.length} kinds of bad input in Chinese under Accept-Language: zh-CN`, async () => {
      for (const bad of cases) {
        const send = (language?: string) =>
          api(apiUrl, route.method, bad.path, {
            token: route.auth === 'user' ? caller.accessToken : undefined,
            body: bad.body,
            rawBody: bad.rawBody,
            headers: { ...bad.headers, ...(language ? { 'accept-language': language } : {}) },
          });
        const english = await send();
        const chinese = await send('zh-CN,zh;q=0.9,en;q=0.5');
        const label = `${route.id}: ${bad.name} → ${JSON.stringify(chinese.body).slice(0, 300)}`;
        const { title, detail, errors, requestId: _zhId, ...chineseRest } = chinese.body as ProblemBody;
        const {
          title: _t,
          detail: _d,
          errors: englishErrors,
          requestId: _enId,
          ...englishRest
        } = english.body as ProblemBody;
        expect(chinese.status, label).toBe(english.status);
        expect(chinese.headers.get('content-language'), label).toBe('zh-CN');
        expect(english.headers.get('content-language'), label).toBe('en');
        expect(chineseRest, label).toEqual(englishRest);
        expect(
          errors?.map((error) => error.path),
          label,
        ).toEqual(englishErrors?.map((error) => error.path));
        for (const text of [title, detail, ...(errors ?? []).map((error) => error.message)]) {
          expect(text, label).toMatch(HAN);
        }
      }
    });
  }

  // Other test files share the stack, so "nothing written" is checked on what these
  // requests could have written: the caller's data, the sample account and the sample key.
  it('wrote nothing and published nothing for any of it', async () => {
    const events = await readPublishedEvents(dataDir);
    const byCaller = events.filter((event) => event.detail?.actor?.userId === caller.userId);
    expect(byCaller.map((event) => event['detail-type'])).toEqual(['User Registered']);
    expect(events.filter((event) => event.detail?.data?.name === 'Valid')).toEqual([]);
    const me = await api(apiUrl, 'GET', '/v1/me', { token: caller.accessToken });
    expect(me.body).toMatchObject({ name: caller.name });
    expect((await api(apiUrl, 'GET', '/v1/projects', { token: caller.accessToken })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await api(apiUrl, 'POST', '/v1/auth/login', { body: VALID_BODIES.Login })).status).toBe(401);
    const key = await api(apiUrl, 'POST', '/v1/projects', {
      token: caller.accessToken,
      body: VALID_BODIES.CreateProject,
    });
    expect(key.status).toBe(201);
  });
});
