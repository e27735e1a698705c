import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExchangedRequest, ExchangedResponse } from '#shared/schemas/test-results';
import { startTarget } from '../support/http-target.ts';
import { importedRun } from '../support/projects.ts';
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
  id: string;
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

    // The HTML report shows the environment by name, and the exchange
    const environment = await projectApi(p, 'GET', `/environments/${environmentId}`);
    const html = await downloadReport(p, run.id, 'html');
    expect(html).toContain(`${environment.body.name} (${environmentId})`);
    expect(html).toContain(`GET ${targetUrl}/checkout?user=ada`);
    expect(html).toContain('set-cookie: [masked]');
  });
});

/** The run's report in `format`, through its presigned link. */
async function downloadReport(p: OwnedProject, runId: string, format: string): Promise<string> {
  const link = await projectApi(p, 'GET', `/test-runs/${runId}/report?format=${format}`);
  expect(link.status, link.text).toBe(200);
  return (await fetch(link.body.url as string)).text();
}

const WITH_PROPERTIES = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="checkout.CartTest" tests="2">
    <properties><property name="java.version" value="17.0.9"/><property name="ci.node" value="runner-3"/></properties>
    <testcase classname="checkout.CartTest" name="adds an item" time="0.010">
      <properties><property name="owner" value="team-cart"/></properties>
    </testcase>
    <testcase classname="checkout.CartTest" name="pays by card" time="0"><skipped message="payments sandbox is down"/></testcase>
  </testsuite>
</testsuites>`;

describe('JUnit properties and skip reasons survive an import', () => {
  it('writes suite and case <properties> back in the JUnit report; the HTML report shows suite names and skip reasons', async () => {
    // Prepare
    const p = await ownedProject('Properties', 'PR');
    const run = await importedRun<{ id: string }>(
      inject('apiUrl'),
      p.projectId,
      p.owner,
      WITH_PROPERTIES,
      '?suite=backend',
    );

    // Act
    const junit = await downloadReport(p, run.id, 'junit');
    const html = await downloadReport(p, run.id, 'html');

    // Assess
    expect(junit).toMatch(
      /<testsuite name="checkout\.CartTest"[^>]*>\s*<properties>\s*<property name="java\.version" value="17\.0\.9"\/>\s*<property name="ci\.node" value="runner-3"\/>\s*<\/properties>/,
    );
    expect(junit).toMatch(
      /<testcase name="adds an item"[^>]*>\s*<properties>\s*<property name="owner" value="team-cart"\/>\s*<\/properties>\s*<\/testcase>/,
    );
    expect(html).toContain('<td>checkout.CartTest</td>');
    expect(html).toContain('Skipped: payments sandbox is down');
  });
});
