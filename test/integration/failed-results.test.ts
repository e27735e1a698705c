import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangedRequest, ExchangedResponse } from '#shared/schemas/test-cases';
import { startTarget } from '../support/http-target.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  finishedRun,
  type OwnedProject,
  ownedProject,
} from '../support/test-runs.ts';

interface Run {
  status: string;
  results: { caseId: string; status: string; request?: ExchangedRequest; response?: ExchangedResponse }[];
}

describe('a failed result shows the request it sent and the response it got', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let targetUrl: string;
  let p: OwnedProject;

  beforeAll(async () => {
    target = await startTarget((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain', 'set-cookie': 'sid=very-secret', 'retry-after': '5' });
      response.end(`down for maintenance ${'.'.repeat(10_000)}`);
    });
    targetUrl = target.url;
    p = await ownedProject('Failures', 'FR');
  });
  afterAll(() => target.stop());

  it('resolved URL and headers with secrets masked; status, headers and the first 8 KiB of the body', async () => {
    // Prepare
    const caseId = await createTestCase(p, {
      name: 'checkout is up',
      type: 'api',
      spec: {
        request: {
          method: 'GET',
          url: '{{environment.url}}/checkout?user={{vars.user}}',
          headers: { authorization: 'Bearer {{vars.token}}', accept: 'text/plain' },
        },
        assertions: [{ type: 'status', equals: 200 }],
      },
    });
    const environmentId = await createEnvironment(p, targetUrl);
    const suiteId = await createSuite(p, [caseId]);

    // Act
    const run = await finishedRun<Run>(p, { suiteId, environmentId, vars: { user: 'ada', token: 'tok-very-secret' } });

    // Assess
    const result = run.results.find((entry) => entry.caseId === caseId);
    expect(result?.status).toBe('failed');
    expect(result?.request).toMatchObject({
      method: 'GET',
      url: `${targetUrl}/checkout?user=ada`,
      headers: { authorization: '[masked]', accept: 'text/plain' },
    });
    expect(result?.response).toMatchObject({
      status: 503,
      headers: { 'content-type': 'text/plain', 'set-cookie': '[masked]', 'retry-after': '5' },
      truncated: true,
    });
    expect(result?.response?.body).toMatch(/^down for maintenance \.+$/);
    expect(result?.response?.body).toHaveLength(8 * 1024);
    expect(JSON.stringify(run)).not.toMatch(/very-secret/);
  });
});
