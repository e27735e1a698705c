import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, registerAndLogin } from '../support/client.ts';
import { startTarget } from '../support/http-target.ts';
import { pollUntil } from '../support/poll.ts';
import { addMember } from '../support/projects.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  finishedRun,
  type OwnedProject,
  ownedProject,
  postedId,
  projectApi,
} from '../support/test-runs.ts';

// Texts produced while a run or a deployment runs are stored as message ids and values and
// worded when read: the same stored record reads in Chinese to a Chinese reader and in
// English to an English one, and every machine value (codes, statuses, numbers, ids) is the
// same in both.

const CHINESE = { 'accept-language': 'zh-CN' };
const ENGLISH = { 'accept-language': 'en' };

interface RunView {
  id: string;
  status: string;
  results: { caseId: string; status: string; assertions: { type: string; message: string }[] }[];
}

/** A copy of `value` with every `message` and `failureReason` taken out: what must not change with the language. */
function withoutWords(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, item) =>
    key === 'message' || key === 'failureReason' ? undefined : item,
  );
}

describe('run-time texts in the reader language', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let p: OwnedProject;

  beforeAll(async () => {
    target = await startTarget((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    });
    p = await ownedProject('Languages', 'LG');
  });
  afterAll(() => target.stop());

  it('words a failed assertion in the Accept-Language of the read, and the HTML report in its lang', async () => {
    // Prepare
    const caseId = await createTestCase(p, {
      name: 'checkout is up',
      type: 'api',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/checkout' },
        assertions: [{ type: 'status', equals: 200 }],
      },
    });
    const environmentId = await createEnvironment(p, target.url);
    const suiteId = await createSuite(p, [caseId]);
    const run = await finishedRun<RunView>(p, { suiteId, environmentId });

    // Act
    const chinese = await projectApi(p, 'GET', `/test-runs/${run.id}`, { headers: CHINESE });
    const english = await projectApi(p, 'GET', `/test-runs/${run.id}`, { headers: ENGLISH });
    const chineseResults = await projectApi(p, 'GET', `/test-runs/${run.id}/results`, { headers: CHINESE });

    // Assess
    expect(chinese.status, chinese.text).toBe(200);
    const message = (view: { body: unknown }) => (view.body as RunView).results[0]?.assertions[0]?.message;
    expect(message(chinese)).toBe('期望状态码 200，实际为 503');
    expect(message(english)).toBe('expected status 200, got 503');
    expect((chineseResults.body as { items: RunView['results'] }).items[0]?.assertions[0]?.message).toBe(
      '期望状态码 200，实际为 503',
    );
    expect(withoutWords(chinese.body)).toEqual(withoutWords(english.body));
    expect((chinese.body as RunView).results[0]).toMatchObject({ status: 'failed', assertions: [{ type: 'status' }] });

    const page = async (lang: string) => {
      const link = await projectApi(p, 'GET', `/test-runs/${run.id}/report?format=html&lang=${lang}`);
      expect(link.status, link.text).toBe(200);
      return (await fetch(link.body.url as string)).text();
    };
    const chinesePage = await page('zh-CN');
    expect(chinesePage).toContain('期望状态码 200，实际为 503');
    expect(chinesePage).not.toContain('expected status 200, got 503');
    expect(await page('en')).toContain('expected status 200, got 503');
  });

  it("words a deployment's failure reason in the Accept-Language of the read", async () => {
    // Prepare: an approval stage that the owner rejects with a comment of their own words
    const environmentId = await createEnvironment(p, target.url);
    const pipelineId = await postedId(p, '/pipelines', {
      name: 'Release',
      stages: [{ type: 'approval', name: 'sign-off', timeoutSeconds: 600 }],
    });
    const deploymentId = await postedId(p, '/deployments', { pipelineId, environmentId, version: 'v1' }, 202);
    const read = (headers: Record<string, string>) => projectApi(p, 'GET', `/deployments/${deploymentId}`, { headers });
    await pollUntil(
      () => read(ENGLISH),
      (response) => response.body.status === 'waiting_for_approval',
      {
        description: 'the deployment to wait for its approval',
      },
    );
    const reviewer = await registerAndLogin(inject('apiUrl'));
    await addMember(inject('apiUrl'), p.projectId, p.owner, 'maintainer', reviewer);
    const rejected = await api(
      inject('apiUrl'),
      'POST',
      `/v1/projects/${p.projectId}/deployments/${deploymentId}/approvals`,
      {
        token: reviewer.accessToken,
        body: { decision: 'reject', comment: 'not today' },
      },
    );
    expect(rejected.status, rejected.text).toBe(200);
    await pollUntil(
      () => read(ENGLISH),
      (response) => response.body.status === 'failed',
      {
        description: 'the deployment to fail',
      },
    );

    // Act
    const chinese = await read(CHINESE);
    const english = await read(ENGLISH);

    // Assess: the reason's sentence is translated; the error name and the approver's words are not
    const userId = reviewer.userId;
    expect(english.body.failureReason).toBe('ApprovalRejected: Rejected: not today');
    expect(chinese.body.failureReason).toBe('ApprovalRejected：已拒绝：not today');
    expect(english.body.stages[0].failureReason).toBe(`rejected by ${userId}`);
    expect(chinese.body.stages[0].failureReason).toBe(`被 ${userId} 拒绝`);
    expect(withoutWords(chinese.body)).toEqual(withoutWords(english.body));
  });
});
