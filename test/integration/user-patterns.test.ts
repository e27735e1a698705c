import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget } from '../support/http-target.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  finishedRun,
  type OwnedProject,
  ownedProject,
  projectApi,
} from '../support/test-runs.ts';

interface Run {
  status: string;
  results: { caseId: string; status: string; assertions: { type: string; passed: boolean; message: string }[] }[];
}

/** 32 a's and a b: `^(a|a)*$` tries 2^32 paths on a backtracking engine before failing. */
const EVIL_INPUT = `${'a'.repeat(32)}b`;

describe('user regular expressions run in linear time', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let targetUrl: string;
  let p: OwnedProject;

  beforeAll(async () => {
    target = await startTarget((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-text': EVIL_INPUT });
      response.end(JSON.stringify({ text: EVIL_INPUT }));
    });
    targetUrl = target.url;
    p = await ownedProject('Patterns', 'RX');
  });
  afterAll(() => target.stop());

  it('reports the outcome of a pattern that stalls a backtracking engine (header, jsonPath, JSON Schema)', async () => {
    // Prepare
    const caseId = await createTestCase(p, {
      name: 'exponential patterns',
      type: 'api',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/text' },
        assertions: [
          { type: 'header', name: 'x-text', matches: '^(a|a)*$' },
          { type: 'jsonPath', path: '$.text', matches: '^(a|a)*b$' },
          { type: 'jsonSchema', schema: { properties: { text: { pattern: '^(a|a)*$' } } } },
        ],
      },
    });
    const environmentId = await createEnvironment(p, targetUrl);
    const suiteId = await createSuite(p, [caseId]);

    // Act
    const run = await finishedRun<Run>(p, { suiteId, environmentId });

    // Assess
    expect(run.status).toBe('failed');
    const result = run.results.find((entry) => entry.caseId === caseId);
    expect(result?.status).toBe('failed');
    expect(result?.assertions.map(({ type, passed }) => ({ type, passed }))).toEqual([
      { type: 'header', passed: false },
      { type: 'jsonPath', passed: true },
      { type: 'jsonSchema', passed: false },
    ]);
    expect(result?.assertions[0]?.message).toMatch(/expected header x-text to match/);
  });

  it('refuses, when the case is saved, a pattern the linear-time engine cannot run, naming the field', async () => {
    // Act
    const response = await projectApi(p, 'POST', '/test-cases', {
      body: {
        name: 'lookahead',
        type: 'api',
        spec: {
          request: { method: 'GET', url: 'https://example.com/' },
          assertions: [{ type: 'jsonPath', path: '$.a', matches: '^(?=x)x$' }],
        },
      },
    });

    // Assess
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: 'body.spec.assertions.0.matches',
        message: expect.stringMatching(/linear-time/),
      }),
    ]);
    const list = await projectApi(p, 'GET', '/test-cases');
    expect((list.body.items as { name: string }[]).map((item) => item.name)).not.toContain('lookahead');
  });
});
