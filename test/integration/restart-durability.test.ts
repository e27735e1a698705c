import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureProblem } from '#shared/deployments/signing';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_RESOURCE_NAMES } from '../../scripts/local/aws-env.ts';
import { getFreePort } from '../../scripts/local/ports.ts';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { FakeWorld } from '../support/fake-world.ts';
import { descendantsOf, isRunning, type NpmStart, startNpm } from '../support/processes.ts';
import { addMember } from '../support/projects.ts';

/**
 * State that survives a restart of `npm start`: a deployment waiting for approval when the
 * platform stops can still be approved after it starts again on the same data folder, and
 * its run (resumed by the local Step Functions endpoint's replay) deploys exactly once.
 * Its own `npm start`, not the shared stack: this test has to stop and start it.
 */

const DEPLOY_SECRET = 'restart-deploy-secret-0123456789';

/** Distinct free ports for the API and every emulator, kept across the restart. */
async function fixedPorts(): Promise<Record<string, string>> {
  const names = ['PORT', 'DYNAMODB_PORT', 'S3_PORT', 'COGNITO_PORT', 'EVENTBRIDGE_PORT'];
  const taken = new Set<number>();
  while (taken.size < names.length) taken.add(await getFreePort());
  const ports = [...taken];
  return Object.fromEntries(names.map((name, index) => [name, String(ports[index])]));
}

async function logIn(apiUrl: string, user: TestUser): Promise<TestUser> {
  const response = await api(apiUrl, 'POST', '/v1/auth/login', {
    body: { email: user.email, password: user.password },
  });
  expect(response.status, response.text).toBe(200);
  return { ...user, ...(response.body as Pick<TestUser, 'accessToken' | 'idToken' | 'refreshToken'>) };
}

interface Deployment {
  status: string;
  version: string;
  stages: { name: string; status: string; approvals?: { userId: string; decision: string }[] }[];
  failureReason?: string;
}

describe('npm start restart durability', () => {
  let dataDir = '';
  const target = new FakeWorld();
  const runs: NpmStart[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trellis-restart-'));
    await target.start();
  });
  afterAll(async () => {
    for (const run of runs) run.kill();
    await target.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** `npm start` on the test's data folder and ports; resolves once it serves the API. */
  async function start(ports: Record<string, string>) {
    const run = startNpm({ TRELLIS_DATA_DIR: dataDir, ...ports });
    runs.push(run);
    const apiUrl = await run.apiUrl;
    // Everything it runs (tsx, node, setpriv, DynamoDB Local's JVM, cognito-local), to check on stop.
    const processes = descendantsOf(run.pid);
    return { run, apiUrl, processes };
  }

  /** SIGTERM, as Ctrl+C would; waits for npm and every process under it to be gone. */
  async function stop({ run, processes }: Awaited<ReturnType<typeof start>>) {
    process.kill(run.pid, 'SIGTERM');
    const exit = await run.exited;
    // npm exits 0 when its script does; the `sh -c` in between can re-raise SIGTERM instead.
    expect(exit.code === 0 || exit.signal === 'SIGTERM', `npm exit ${JSON.stringify(exit)}\n${run.output()}`).toBe(
      true,
    );
    await pollUntil(
      () => processes.filter((child) => isRunning(child.pid)),
      (left) => left.length === 0,
      { timeoutMs: 15_000, description: 'every process npm start ran to exit' },
    );
  }

  it('approves a deployment that was waiting for approval before a restart, and deploys it exactly once', async () => {
    const startedAt = Date.now();
    const ports = await fixedPorts();

    // Prepare: a fresh platform, a team, a protected environment on loopback, a two-stage pipeline.
    const first = await start(ports);
    let apiUrl = first.apiUrl;
    expect(apiUrl).toBe(`http://127.0.0.1:${ports.PORT}`);
    let [owner, maintainer] = await Promise.all([
      registerAndLogin(apiUrl, { name: 'Owner' }),
      registerAndLogin(apiUrl, { name: 'Maintainer' }),
    ]);
    const project = await api(apiUrl, 'POST', '/v1/projects', {
      token: owner.accessToken,
      body: { name: 'Restart', key: `R${Math.random().toString(36).slice(2, 8).toUpperCase()}` },
    });
    expect(project.status, project.text).toBe(201);
    const { id: projectId } = project.body as { id: string };
    await addMember(apiUrl, projectId, owner, 'maintainer', maintainer);
    const environment = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body: {
        name: 'production',
        url: target.url,
        healthCheck: { path: '/health', attempts: 2, intervalSeconds: 1, timeoutMs: 2000 },
        deployTarget: { type: 'webhook', url: `${target.url}/deploy`, secret: DEPLOY_SECRET },
        protection: { approverRoles: ['maintainer'], preventSelfApproval: true },
      },
    });
    expect(environment.status, environment.text).toBe(201);
    const { id: environmentId } = environment.body as { id: string };
    const pipeline = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: {
        name: 'Release',
        stages: [
          { type: 'approval', name: 'sign-off' },
          { type: 'deploy', name: 'release' },
        ],
      },
    });
    expect(pipeline.status, pipeline.text).toBe(201);
    const { id: pipelineId } = pipeline.body as { id: string };

    const deploymentOf = async (id: string) => {
      const response = await api(apiUrl, 'GET', `/v1/projects/${projectId}/deployments/${id}`, {
        token: owner.accessToken,
      });
      expect(response.status, response.text).toBe(200);
      return response.body as Deployment;
    };
    const untilStatus = (id: string, statuses: string[], timeoutMs = 30_000) =>
      pollUntil(
        () => deploymentOf(id),
        (deployment) => statuses.includes(deployment.status),
        { timeoutMs, intervalMs: 200, description: `deployment ${id} to reach ${statuses.join('|')}` },
      );
    const deploy = (version: string) =>
      api(apiUrl, 'POST', `/v1/projects/${projectId}/deployments`, {
        token: owner.accessToken,
        body: { pipelineId, environmentId, version },
      });

    const accepted = await deploy('v1.0.0');
    expect(accepted.status, accepted.text).toBe(202);
    const { id } = accepted.body as { id: string };
    const waiting = await untilStatus(id, ['waiting_for_approval', 'failed', 'succeeded']);
    expect(waiting.status, JSON.stringify(waiting)).toBe('waiting_for_approval');
    expect(waiting.stages.map((stage) => stage.status)).toEqual(['waiting_for_approval', 'pending']);
    expect(target.callsTo('/deploy', id)).toEqual([]);
    const restartAt = Date.now();

    // Act: stop the platform while the run waits for its approval, start it again on the same folder and ports.
    await stop(first);
    const second = await start(ports);
    console.info(`npm start restarted (SIGTERM → API line) in ${Date.now() - restartAt} ms`);
    expect(second.apiUrl).toBe(apiUrl);
    apiUrl = second.apiUrl;
    expect(second.run.output()).toMatch(/resumed 1 running execution/);
    [owner, maintainer] = await Promise.all([logIn(apiUrl, owner), logIn(apiUrl, maintainer)]);

    expect((await deploymentOf(id)).status).toBe('waiting_for_approval');
    const approved = await api(apiUrl, 'POST', `/v1/projects/${projectId}/deployments/${id}/approvals`, {
      token: maintainer.accessToken,
      body: { decision: 'approve' },
    });
    expect(approved.status, approved.text).toBe(200);

    // Assess: the resumed run deployed the version once, healthily, and let go of the environment.
    const done = await untilStatus(id, ['succeeded', 'failed', 'rolled_back', 'cancelled'], 60_000);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.stages.map((stage) => stage.status)).toEqual(['succeeded', 'succeeded']);
    expect(done.stages[0]?.approvals).toMatchObject([{ userId: maintainer.userId, decision: 'approve' }]);
    const calls = target.callsTo('/deploy', id);
    expect(calls.map((call) => call.json.version)).toEqual(['v1.0.0']);
    expect(signatureProblem(calls[0]!.body, calls[0]!.headers as Record<string, string>, DEPLOY_SECRET)).toBeNull();

    const env = await api(apiUrl, 'GET', `/v1/projects/${projectId}/environments/${environmentId}`, {
      token: owner.accessToken,
    });
    expect(env.status, env.text).toBe(200);
    expect(env.body).toMatchObject({ currentVersion: 'v1.0.0', lastDeploymentId: id });
    const dynamodb = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports.DYNAMODB_PORT}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const lock = await dynamodb.send(
        new GetItemCommand({
          TableName: LOCAL_RESOURCE_NAMES.tableName,
          Key: { PK: { S: `PROJECT#${projectId}` }, SK: { S: `ENVLOCK#${environmentId}` } },
          ConsistentRead: true,
        }),
      );
      expect(lock.Item).toBeUndefined();
    } finally {
      dynamodb.destroy();
    }

    // The replay retraced the first run instead of doing its steps again: each lifecycle event once.
    const lifecycle = await pollUntil(
      async () =>
        (await readPublishedEvents(dataDir))
          .filter((event) => event.detail?.data?.deploymentId === id)
          .map((event) => event['detail-type']),
      (types) => types.includes('Deployment Succeeded'),
      { timeoutMs: 10_000, description: 'the Deployment Succeeded event' },
    );
    for (const type of ['Deployment Queued', 'Deployment Started', 'Approval Requested', 'Approval Granted']) {
      expect(
        lifecycle.filter((published) => published === type),
        `${type} in ${lifecycle.join(', ')}`,
      ).toHaveLength(1);
    }

    // The lock is free: the next deployment starts at once (it would queue behind a held lock).
    const next = await deploy('v1.0.1');
    expect(next.status, next.text).toBe(202);
    const nextId = (next.body as { id: string }).id;
    const nextWaiting = await untilStatus(nextId, ['waiting_for_approval', 'failed', 'succeeded']);
    expect(nextWaiting.status, JSON.stringify(nextWaiting)).toBe('waiting_for_approval');
    expect(target.callsTo('/deploy', id)).toHaveLength(1);

    await stop(second);
    console.info(`restart durability: ${Date.now() - startedAt} ms in all`);
  }, 150_000);
});
