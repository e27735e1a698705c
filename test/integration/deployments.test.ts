import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signatureHeaders, signatureProblem } from '#shared/deployments/signing';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { FakeWorld } from '../support/fake-world.ts';
import { addMember } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
const CI_SECRET = 'ci-callback-secret-0123456789';
const DEPLOY_SECRET = 'deploy-target-secret-0123456789';

const dynamodb = new DynamoDBClient({
  endpoint: inject('endpoints').dynamodb,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

const sfn = new SFNClient({
  endpoint: inject('endpoints').stepFunctions,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

async function lockHolder(projectId: string, environmentId: string): Promise<string | undefined> {
  const result = await dynamodb.send(
    new GetItemCommand({
      TableName: inject('resources').tableName,
      Key: { PK: { S: `PROJECT#${projectId}` }, SK: { S: `ENVLOCK#${environmentId}` } },
      ConsistentRead: true,
    }),
  );
  return result.Item?.deploymentId?.S;
}

interface Team {
  projectId: string;
  owner: TestUser;
  maintainer: TestUser;
  reviewer: TestUser;
  developer: TestUser;
}

async function team(): Promise<Team> {
  const [owner, maintainer, reviewer, developer] = await Promise.all([
    registerAndLogin(apiUrl),
    registerAndLogin(apiUrl),
    registerAndLogin(apiUrl),
    registerAndLogin(apiUrl),
  ]);
  const created = await api(apiUrl, 'POST', '/v1/projects', {
    token: owner.accessToken,
    body: { name: 'Shipping', key: `D${Math.random().toString(36).slice(2, 9).toUpperCase()}` },
  });
  const { id: projectId } = created.body as { id: string };
  for (const [user, role] of [
    [maintainer, 'maintainer'],
    [reviewer, 'maintainer'],
    [developer, 'developer'],
  ] as const) {
    await addMember(apiUrl, projectId, owner, role, user);
  }
  return { projectId, owner, maintainer, reviewer, developer };
}

async function environment(t: Team, world: FakeWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/environments`, {
    token: t.owner.accessToken,
    body: {
      name: `env-${Math.random().toString(36).slice(2, 8)}`,
      url: world.url,
      healthCheck: { path: '/health', attempts: 2, intervalSeconds: 1, timeoutMs: 2000 },
      deployTarget: { type: 'webhook', url: `${world.url}/deploy`, secret: DEPLOY_SECRET },
      ...overrides,
    },
  });
  expect(response.status, response.text).toBe(201);
  return (response.body as { id: string }).id;
}

async function pipeline(t: Team, stages: unknown[]): Promise<string> {
  const response = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/pipelines`, {
    token: t.owner.accessToken,
    body: { name: 'Release', stages },
  });
  expect(response.status, response.text).toBe(201);
  return (response.body as { id: string }).id;
}

async function deploy(
  t: Team,
  by: TestUser,
  pipelineId: string,
  environmentId: string,
  version: string,
  headers = {},
  extra: Record<string, unknown> = {},
) {
  return api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments`, {
    token: by.accessToken,
    headers,
    body: { pipelineId, environmentId, version, ...extra },
  });
}

async function deploymentOf(t: Team, id: string) {
  const response = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/deployments/${id}`, {
    token: t.owner.accessToken,
  });
  return response.body as {
    status: string;
    stages: {
      name: string;
      status: string;
      approvals?: { userId: string; at: string }[];
      logUrl?: string;
      failureReason?: string;
      startedAt?: string;
    }[];
    failureReason?: string;
    previousVersion: string | null;
  };
}

function untilStatus(t: Team, id: string, statuses: string[], timeoutMs = 30_000) {
  return pollUntil(
    () => deploymentOf(t, id),
    (deployment) => statuses.includes(deployment.status),
    { timeoutMs, intervalMs: 150, description: `deployment ${id} to reach ${statuses.join('|')}` },
  );
}

const approvalStage = (timeoutSeconds = 600) => ({ type: 'approval', name: 'sign-off', timeoutSeconds });

describe('deployment pipelines', () => {
  const world = new FakeWorld();
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('runs webhook (callback) → approval → deploy end to end, signed, and moves currentVersion', async () => {
    const t = await team();
    const environmentId = await environment(t, world);
    const pipelineId = await pipeline(t, [
      {
        type: 'webhook',
        name: 'build',
        url: `${world.url}/ci`,
        secret: CI_SECRET,
        waitForCallback: true,
        timeoutSeconds: 120,
      },
      approvalStage(),
      { type: 'deploy', name: 'release' },
    ]);
    const accepted = await deploy(t, t.maintainer, pipelineId, environmentId, 'v1.0.0');
    expect(accepted.status, accepted.text).toBe(202);
    const { id } = accepted.body as { id: string; status: string };
    expect(accepted.body).toMatchObject({ status: 'queued' });

    await untilStatus(t, id, ['waiting_for_callback']);
    const hook = await pollUntil(() => world.callsTo('/ci', id)[0], { description: 'the CI webhook' });
    expect(signatureProblem(hook!.body, hook!.headers as Record<string, string>, CI_SECRET)).toBeNull();
    expect(hook!.json).toMatchObject({
      deploymentId: id,
      projectId: t.projectId,
      version: 'v1.0.0',
      stage: 'build',
      environment: { id: environmentId },
    });
    const callbackPath = new URL(hook!.json.callbackUrl as string).pathname;
    const callbackId = callbackPath.split('/').pop();

    const report = JSON.stringify({ status: 'succeeded', logUrl: 'https://ci.example.com/runs/42' });
    const forged = await api(apiUrl, 'POST', callbackPath, {
      rawBody: report,
      headers: signatureHeaders(report, 'not-the-secret-at-all', Date.now(), callbackId),
    });
    expect(forged.status).toBe(401);
    const stale = await api(apiUrl, 'POST', callbackPath, {
      rawBody: report,
      headers: signatureHeaders(report, CI_SECRET, Date.now() - 600_000, callbackId),
    });
    expect(stale.status).toBe(401);
    const unsigned = await api(apiUrl, 'POST', callbackPath, { rawBody: report });
    expect(unsigned.status).toBe(401);
    expect((await deploymentOf(t, id)).status).toBe('waiting_for_callback');
    const good = await api(apiUrl, 'POST', callbackPath, {
      rawBody: report,
      headers: signatureHeaders(report, CI_SECRET, Date.now(), callbackId),
    });
    expect(good.status, good.text).toBe(204);
    const again = await api(apiUrl, 'POST', callbackPath, {
      rawBody: report,
      headers: signatureHeaders(report, CI_SECRET, Date.now(), callbackId),
    });
    expect(again.status).toBe(409);

    const waiting = await untilStatus(t, id, ['waiting_for_approval']);
    expect(waiting.stages[0]).toMatchObject({
      name: 'build',
      status: 'succeeded',
      logUrl: 'https://ci.example.com/runs/42',
    });
    const self = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${id}/approvals`, {
      token: t.maintainer.accessToken,
      body: { decision: 'approve' },
    });
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'SELF_APPROVAL' });
    const notApprover = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${id}/approvals`, {
      token: t.developer.accessToken,
      body: { decision: 'approve' },
    });
    expect(notApprover.status).toBe(403);
    const approved = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${id}/approvals`, {
      token: t.reviewer.accessToken,
      body: { decision: 'approve', comment: 'ship it' },
    });
    expect(approved.status, approved.text).toBe(200);

    const done = await untilStatus(t, id, ['succeeded', 'failed', 'rolled_back']);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.stages.map((stage) => stage.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const [deployCall] = world.callsTo('/deploy', id);
    expect(signatureProblem(deployCall!.body, deployCall!.headers as Record<string, string>, DEPLOY_SECRET)).toBeNull();
    const env = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}`, {
      token: t.owner.accessToken,
    });
    expect(env.body).toMatchObject({ currentVersion: 'v1.0.0', lastDeploymentId: id });
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
    const history = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}/deployments`, {
      token: t.owner.accessToken,
    });
    expect((history.body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
    const types = (await readPublishedEvents(dataDir))
      .filter((event) => event.detail?.data?.deploymentId === id)
      .map((event) => event['detail-type']);
    expect(types).toEqual(
      expect.arrayContaining([
        'Deployment Queued',
        'Deployment Started',
        'Approval Requested',
        'Approval Granted',
        'Deployment Succeeded',
      ]),
    );
  });

  it('gates every deployment to a protected environment, whatever its pipeline says', async () => {
    const t = await team();
    const environmentId = await environment(t, world, {
      protection: {
        requiredApprovals: 1,
        approverRoles: [],
        approverUserIds: [t.reviewer.userId],
        preventSelfApproval: true,
        waitTimerSeconds: 2,
        allowedRefs: ['main', 'release/*'],
      },
    });
    const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
    for (const extra of [{ ref: 'feature/x' }, { ref: 'release/1/x' }, {}]) {
      const refused = await deploy(t, t.developer, pipelineId, environmentId, 'p0', {}, extra);
      expect(refused.status, JSON.stringify(extra)).toBe(403);
      expect(refused.body).toMatchObject({ code: 'REF_NOT_ALLOWED' });
    }
    const history = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}/deployments`, {
      token: t.owner.accessToken,
    });
    expect((history.body as { items: unknown[] }).items).toEqual([]);

    const accepted = await deploy(t, t.developer, pipelineId, environmentId, 'p1', {}, { ref: 'release/1.2' });
    expect(accepted.status, accepted.text).toBe(202);
    const { id } = accepted.body as { id: string };
    const waiting = await untilStatus(t, id, ['waiting_for_approval', 'succeeded', 'failed']);
    expect(waiting.status).toBe('waiting_for_approval');
    expect(world.callsTo('/deploy', id)).toEqual([]);
    const approve = (user: TestUser) =>
      api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${id}/approvals`, {
        token: user.accessToken,
        body: { decision: 'approve' },
      });
    const maintainer = await approve(t.maintainer);
    expect(maintainer.status).toBe(403);
    expect(maintainer.body).toMatchObject({ code: 'NOT_AN_APPROVER' });
    const named = await approve(t.reviewer);
    expect(named.status, named.text).toBe(200);

    const done = await untilStatus(t, id, ['succeeded', 'failed', 'rolled_back']);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    const [gate, release] = done.stages;
    expect(gate).toMatchObject({
      status: 'succeeded',
      approvals: [expect.objectContaining({ userId: t.reviewer.userId })],
    });
    // The wait timer runs between the approval and the deploy.
    expect(Date.parse(release!.startedAt!) - Date.parse(gate!.approvals![0]!.at)).toBeGreaterThanOrEqual(2_000);
    expect(world.callsTo('/deploy', id)).toHaveLength(1);
  });

  it('refuses a deployment whose approval stage leaves nobody the environment lets approve (409, nothing written)', async () => {
    // Prepare: the environment takes owners and maintainers; the pipeline's gate stage only developers
    const t = await team();
    const environmentId = await environment(t, world, {
      protection: { requiredApprovals: 1, approverRoles: ['owner', 'maintainer'], preventSelfApproval: true },
    });
    const narrowed = await pipeline(t, [
      { type: 'approval', name: 'qa', approverRoles: ['developer'] },
      { type: 'deploy', name: 'ship' },
    ]);
    const overlapping = await pipeline(t, [
      { type: 'approval', name: 'qa', approverRoles: ['developer', 'maintainer'] },
      { type: 'deploy', name: 'ship' },
    ]);

    // Act
    const refused = await deploy(t, t.developer, narrowed, environmentId, 'n1');
    const accepted = await deploy(t, t.developer, overlapping, environmentId, 'n2');

    // Assess: refused up front; with an overlap only the common role approves, and the 403 says so
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ code: 'APPROVAL_GATE_UNSATISFIABLE' });
    expect(accepted.status, accepted.text).toBe(202);
    const history = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}/deployments`, {
      token: t.owner.accessToken,
    });
    expect((history.body as { items: { version: string }[] }).items.map((item) => item.version)).toEqual(['n2']);
    const { id } = accepted.body as { id: string };
    expect((await untilStatus(t, id, ['waiting_for_approval', 'failed'])).status).toBe('waiting_for_approval');
    const byOwner = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${id}/approvals`, {
      token: t.owner.accessToken,
      body: { decision: 'approve' },
    });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body).toMatchObject({
      code: 'NOT_AN_APPROVER',
      detail: 'Approvals for this stage come from: maintainer.',
    });
  });

  it("holds a deployment for the environment's wait timer even without approvals", async () => {
    const t = await team();
    const environmentId = await environment(t, world, { protection: { requiredApprovals: 0, waitTimerSeconds: 2 } });
    const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
    const { id } = (await deploy(t, t.developer, pipelineId, environmentId, 'w1')).body as { id: string };
    const done = await untilStatus(t, id, ['succeeded', 'failed', 'rolled_back']);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    const [gate, release] = done.stages;
    expect(gate).toMatchObject({ name: expect.stringMatching(/^environment\//), status: 'succeeded' });
    expect(Date.parse(release!.startedAt!) - Date.parse(gate!.startedAt!)).toBeGreaterThanOrEqual(2_000);
  });

  it('refuses a signed callback replayed onto another deployment of the same pipeline', async () => {
    const t = await team();
    const [envA, envB] = [await environment(t, world), await environment(t, world)];
    const pipelineId = await pipeline(t, [
      { type: 'webhook', name: 'build', url: `${world.url}/ci`, secret: CI_SECRET, waitForCallback: true },
    ]);
    const a = (await deploy(t, t.developer, pipelineId, envA, 'a1')).body as { id: string };
    const b = (await deploy(t, t.developer, pipelineId, envB, 'b1')).body as { id: string };
    const callbackPathOf = async (id: string) => {
      const hook = await pollUntil(() => world.callsTo('/ci', id)[0], { description: `the CI webhook of ${id}` });
      return new URL(hook!.json.callbackUrl as string).pathname;
    };
    const [pathA, pathB] = [await callbackPathOf(a.id), await callbackPathOf(b.id)];
    const report = JSON.stringify({ status: 'succeeded' });
    const capturedOnA = signatureHeaders(report, CI_SECRET, Date.now(), pathA.split('/').pop());

    const replayed = await api(apiUrl, 'POST', pathB, { rawBody: report, headers: capturedOnA });
    expect(replayed.status, replayed.text).toBe(401);
    expect(replayed.body).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect((await deploymentOf(t, b.id)).status).toBe('waiting_for_callback');
    const genuine = await api(apiUrl, 'POST', pathA, { rawBody: report, headers: capturedOnA });
    expect(genuine.status, genuine.text).toBe(204);
    expect((await untilStatus(t, a.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${b.id}/cancel`, {
      token: t.developer.accessToken,
    });
  });

  it('fails the run when the approval times out, and releases the lock', async () => {
    const t = await team();
    const environmentId = await environment(t, world);
    const pipelineId = await pipeline(t, [approvalStage(2), { type: 'deploy', name: 'release' }]);
    const { id } = (await deploy(t, t.developer, pipelineId, environmentId, 'v9')).body as { id: string };
    const failed = await untilStatus(t, id, ['failed', 'succeeded']);
    expect(failed).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/timed out/) });
    expect(failed.stages.map((stage) => stage.status)).toEqual(['failed', 'skipped']);
    expect(world.callsTo('/deploy', id)).toEqual([]);
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
  });

  it('rolls an unhealthy deploy back to the previous healthy version', async () => {
    const t = await team();
    const environmentId = await environment(t, world);
    const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
    const first = (await deploy(t, t.developer, pipelineId, environmentId, 'good-1')).body as { id: string };
    expect((await untilStatus(t, first.id, ['succeeded', 'failed', 'rolled_back'])).status).toBe('succeeded');

    world.unhealthy.add('bad-2');
    const second = (await deploy(t, t.developer, pipelineId, environmentId, 'bad-2')).body as { id: string };
    const rolledBack = await untilStatus(t, second.id, ['succeeded', 'failed', 'rolled_back']);
    expect(rolledBack).toMatchObject({
      status: 'rolled_back',
      previousVersion: 'good-1',
      failureReason: expect.stringContaining('503'),
    });
    expect(world.callsTo('/deploy', second.id).map((call) => [call.json.version, call.json.rollback ?? false])).toEqual(
      [
        ['bad-2', false],
        ['good-1', true],
      ],
    );
    const env = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}`, {
      token: t.owner.accessToken,
    });
    expect(env.body).toMatchObject({ currentVersion: 'good-1', lastDeploymentId: first.id });
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
  });

  describe('a deploy is healthy only when the new version runs', () => {
    const slow = new FakeWorld();
    beforeAll(() => slow.start());
    afterAll(() => slow.stop());
    const versionedHealth = {
      path: '/health',
      attempts: 3,
      intervalSeconds: 1,
      timeoutMs: 2000,
      consecutiveSuccesses: 2,
      expectVersion: { jsonPath: '$.version' },
    };
    const environmentOf = async (t: Team, overrides: Record<string, unknown> = {}) => {
      slow.slowRollouts = false;
      const environmentId = await environment(t, slow, { healthCheck: versionedHealth, ...overrides });
      return environmentId;
    };
    const currentVersion = async (t: Team, environmentId: string) =>
      (
        (
          await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}`, {
            token: t.owner.accessToken,
          })
        ).body as { currentVersion: string | null }
      ).currentVersion;

    it('keeps checking while the old version still answers, and succeeds once the new one runs', async () => {
      const t = await team();
      const environmentId = await environmentOf(t, { healthCheck: { ...versionedHealth, attempts: 20 } });
      const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
      const first = (await deploy(t, t.developer, pipelineId, environmentId, 'old-1')).body as { id: string };
      expect((await untilStatus(t, first.id, ['succeeded', 'failed', 'rolled_back'])).status).toBe('succeeded');

      slow.slowRollouts = true;
      const second = (await deploy(t, t.developer, pipelineId, environmentId, 'new-2')).body as { id: string };
      await pollUntil(() => slow.callsTo('/deploy', second.id)[0], { description: 'the deploy hook' });
      const probesBefore = slow.healthProbes;
      await pollUntil(
        () => slow.healthProbes >= probesBefore + 3,
        (enough) => enough,
        { description: 'health probes against the old version' },
      );
      expect((await deploymentOf(t, second.id)).status).toBe('running');
      expect(await currentVersion(t, environmentId)).toBe('old-1');

      slow.finishRollout();
      const done = await untilStatus(t, second.id, ['succeeded', 'failed', 'rolled_back']);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      expect(await currentVersion(t, environmentId)).toBe('new-2');
    });

    it('rolls back when the new version never comes up, and currentVersion stays what runs', async () => {
      const t = await team();
      const environmentId = await environmentOf(t);
      const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
      const first = (await deploy(t, t.developer, pipelineId, environmentId, 'stay-1')).body as { id: string };
      expect((await untilStatus(t, first.id, ['succeeded', 'failed', 'rolled_back'])).status).toBe('succeeded');

      slow.slowRollouts = true;
      const second = (await deploy(t, t.developer, pipelineId, environmentId, 'never-2')).body as { id: string };
      const done = await untilStatus(t, second.id, ['succeeded', 'failed', 'rolled_back']);
      expect(done).toMatchObject({
        status: 'rolled_back',
        failureReason: expect.stringContaining('version stay-1 at $.version, expected never-2'),
      });
      expect(await currentVersion(t, environmentId)).toBe('stay-1');
    });

    it('waits for the deployer to report the rollout before any health check (deploy callbacks)', async () => {
      const t = await team();
      const environmentId = await environmentOf(t, {
        deployTarget: {
          type: 'webhook',
          url: `${slow.url}/deploy`,
          secret: DEPLOY_SECRET,
          waitForCallback: true,
          timeoutSeconds: 120,
        },
      });
      slow.slowRollouts = true;
      const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
      const probesBefore = slow.healthProbes;
      const { id } = (await deploy(t, t.developer, pipelineId, environmentId, 'cb-1')).body as { id: string };
      await untilStatus(t, id, ['waiting_for_callback']);
      const hook = await pollUntil(() => slow.callsTo('/deploy', id)[0], { description: 'the deploy hook' });
      expect(signatureProblem(hook!.body, hook!.headers as Record<string, string>, DEPLOY_SECRET)).toBeNull();
      const callbackPath = new URL(hook!.json.callbackUrl as string).pathname;
      expect(slow.healthProbes).toBe(probesBefore);

      slow.finishRollout();
      const report = JSON.stringify({ status: 'succeeded', logUrl: 'https://deployer.example.com/rollouts/7' });
      const reported = await api(apiUrl, 'POST', callbackPath, {
        rawBody: report,
        headers: signatureHeaders(report, DEPLOY_SECRET, Date.now(), callbackPath.split('/').pop()),
      });
      expect(reported.status, reported.text).toBe(204);
      const done = await untilStatus(t, id, ['succeeded', 'failed', 'rolled_back']);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      expect(done.stages[0]).toMatchObject({ status: 'succeeded', logUrl: 'https://deployer.example.com/rollouts/7' });
      expect(slow.healthProbes).toBeGreaterThanOrEqual(probesBefore + 2);
      expect(await currentVersion(t, environmentId)).toBe('cb-1');
    });
  });

  it('refuses a second deployment with 409 under reject, and cancel releases the lock', async () => {
    const t = await team();
    const environmentId = await environment(t, world, { concurrency: 'reject' });
    const pipelineId = await pipeline(t, [approvalStage(), { type: 'deploy', name: 'release' }]);
    const first = (await deploy(t, t.developer, pipelineId, environmentId, 'r1')).body as { id: string };
    await untilStatus(t, first.id, ['waiting_for_approval']);
    const busy = await deploy(t, t.developer, pipelineId, environmentId, 'r2');
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'ENVIRONMENT_BUSY' });

    const cancelled = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${first.id}/cancel`, {
      token: t.developer.accessToken,
      body: { reason: 'wrong version' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
    // The run itself stops, rather than waiting out its approval timeout.
    const execution = await pollUntil(
      () =>
        sfn.send(
          new DescribeExecutionCommand({
            executionArn: `${inject('resources').stateMachineArns.DeploymentPipeline!.replace(':stateMachine:', ':execution:')}:${first.id}`,
          }),
        ),
      (described) => described.status !== 'RUNNING',
      { description: 'the cancelled run to stop' },
    );
    expect(execution.status).toBe('ABORTED');
    const third = await deploy(t, t.developer, pipelineId, environmentId, 'r3');
    expect(third.status).toBe(202);
    const thirdId = (third.body as { id: string }).id;
    await untilStatus(t, thirdId, ['waiting_for_approval']);
    await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${thirdId}/cancel`, {
      token: t.developer.accessToken,
      body: {},
    });
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
  });

  it('queues a second deployment and runs it after the first', async () => {
    const t = await team();
    const environmentId = await environment(t, world);
    const pipelineId = await pipeline(t, [approvalStage(), { type: 'deploy', name: 'release' }]);
    const first = (await deploy(t, t.developer, pipelineId, environmentId, 'q1')).body as { id: string };
    await untilStatus(t, first.id, ['waiting_for_approval']);
    const second = await deploy(t, t.developer, pipelineId, environmentId, 'q2');
    expect(second.status).toBe(202);
    const secondId = (second.body as { id: string }).id;
    expect((await deploymentOf(t, secondId)).status).toBe('queued');
    expect(await lockHolder(t.projectId, environmentId)).toBe(first.id);

    await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${first.id}/approvals`, {
      token: t.reviewer.accessToken,
      body: { decision: 'approve' },
    });
    expect((await untilStatus(t, first.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    await untilStatus(t, secondId, ['waiting_for_approval']);
    expect(await lockHolder(t.projectId, environmentId)).toBe(secondId);
    const rejected = await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${secondId}/approvals`, {
      token: t.reviewer.accessToken,
      body: { decision: 'reject', comment: 'not today' },
    });
    expect(rejected.status).toBe(200);
    const failed = await untilStatus(t, secondId, ['failed', 'succeeded']);
    expect(failed.failureReason).toMatch(/not today/);
    expect(await lockHolder(t.projectId, environmentId)).toBeUndefined();
  });

  it('caps the queue per environment: past maxQueued a deployment is refused with 409 and nothing is written', async () => {
    const t = await team();
    const environmentId = await environment(t, world, { maxQueued: 1 });
    const pipelineId = await pipeline(t, [approvalStage(), { type: 'deploy', name: 'release' }]);
    const running = (await deploy(t, t.developer, pipelineId, environmentId, 'c1')).body as { id: string };
    await untilStatus(t, running.id, ['waiting_for_approval']);
    expect((await deploy(t, t.developer, pipelineId, environmentId, 'c2')).status).toBe(202);

    const full = await deploy(t, t.developer, pipelineId, environmentId, 'c3');
    expect(full.status, full.text).toBe(409);
    expect(full.body).toMatchObject({ code: 'DEPLOYMENT_QUEUE_FULL' });
    const history = await api(apiUrl, 'GET', `/v1/projects/${t.projectId}/environments/${environmentId}/deployments`, {
      token: t.owner.accessToken,
    });
    expect((history.body as { items: { version: string }[] }).items.map((item) => item.version).sort()).toEqual([
      'c1',
      'c2',
    ]);
    await api(apiUrl, 'POST', `/v1/projects/${t.projectId}/deployments/${running.id}/cancel`, {
      token: t.developer.accessToken,
    });
  });

  it('honours Idempotency-Key', async () => {
    const t = await team();
    const environmentId = await environment(t, world);
    const pipelineId = await pipeline(t, [{ type: 'deploy', name: 'release' }]);
    const key = `release-${Date.now()}`;
    const first = await deploy(t, t.developer, pipelineId, environmentId, 'i1', { 'idempotency-key': key });
    const replay = await deploy(t, t.developer, pipelineId, environmentId, 'i1', { 'idempotency-key': key });
    expect(replay.status).toBe(202);
    expect((replay.body as { id: string }).id).toBe((first.body as { id: string }).id);
    const misuse = await deploy(t, t.developer, pipelineId, environmentId, 'i2', { 'idempotency-key': key });
    expect(misuse.status).toBe(409);
    await untilStatus(t, (first.body as { id: string }).id, ['succeeded', 'failed']);
  });
});
