import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/client.ts';
import { startTarget } from '../support/http-target.ts';
import { addMember } from '../support/projects.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  type OwnedProject,
  ownedProject,
  projectApi,
  startTestRun,
} from '../support/test-runs.ts';

const PERFORMANCE_SPEC = (url: string) => ({
  request: { method: 'GET', url },
  load: { connections: 1, durationSeconds: 1 },
  thresholds: { maxErrorRate: 1 },
});

describe('load tests only target hosts the project controls', () => {
  let p: OwnedProject;
  let served = '';
  let target: Awaited<ReturnType<typeof startTarget>>;

  beforeAll(async () => {
    target = await startTarget((request, response) => {
      if (request.url === '/.well-known/trellis-verification.txt' && served !== '') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`${served}\n`);
      } else response.writeHead(404).end();
    });
    p = await ownedProject('Load targets', 'LT');
  });
  afterAll(() => target.stop());

  it('refuses a run whose performance case targets a host that is neither verified nor allow-listed (400, no run)', async () => {
    // Prepare
    const caseId = await createTestCase(p, {
      name: 'someone else under load',
      type: 'performance',
      spec: PERFORMANCE_SPEC('https://load-target.example.com/checkout'),
    });
    const suiteId = await createSuite(p, [caseId], 'Foreign load');

    // Act
    const response = await startTestRun(p, { suiteId });

    // Assess
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe('LOAD_TARGET_NOT_VERIFIED');
    expect(response.body.detail).toMatch(/someone else under load.*load-target\.example\.com/);
    const runs = await projectApi(p, 'GET', '/test-runs');
    expect(runs.body.items).toEqual([]);
  });

  it('still runs load tests against loopback locally (the stage allow-list)', async () => {
    const environmentId = await createEnvironment(p, target.url);
    const caseId = await createTestCase(p, {
      name: 'local load',
      type: 'performance',
      spec: PERFORMANCE_SPEC('{{environment.url}}/'),
    });
    const response = await startTestRun(p, { caseIds: [caseId], environmentId });
    expect(response.status, response.text).toBe(202);
  });

  it("verifies an environment's host by its well-known token; only members who may edit it see the token", async () => {
    // Prepare
    const environmentId = await createEnvironment(p, `${target.url}/app`);
    const path = `/environments/${environmentId}`;
    const before = await projectApi(p, 'GET', path);
    expect(before.body.ownershipVerification).toEqual({
      token: expect.stringMatching(/^trellis-verification=[0-9a-f]{40}$/),
      host: '127.0.0.1',
      verifiedAt: null,
      method: null,
    });
    const { token } = before.body.ownershipVerification as { token: string };

    // Act: first without the token in place, then with it
    const unverified = await projectApi(p, 'POST', `${path}/verify`);
    served = token;
    const verified = await projectApi(p, 'POST', `${path}/verify`);

    // Assess
    expect(unverified.status, unverified.text).toBe(400);
    expect(unverified.body.code).toBe('OWNERSHIP_NOT_VERIFIED');
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toMatchObject({ token, host: '127.0.0.1', method: 'http', verifiedAt: expect.any(String) });
    const after = await projectApi(p, 'GET', path);
    expect(after.body.ownershipVerification.verifiedAt).toBe(verified.body.verifiedAt);

    const viewer = await addMember(inject('apiUrl'), p.projectId, p.owner, 'viewer');
    const asViewer = await api(inject('apiUrl'), 'GET', `/v1/projects/${p.projectId}${path}`, {
      token: viewer.accessToken,
    });
    expect(asViewer.status).toBe(200);
    expect(asViewer.body).not.toHaveProperty('ownershipVerification');
  });
});
