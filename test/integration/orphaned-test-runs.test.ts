import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyHandlerEnvironment,
  handlerEnvironment,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from '../../scripts/local/aws-env.ts';
import { createLambdaContext, type LambdaHandler, wrapHandler } from '../../scripts/local/lambda-runtime.ts';
import {
  api,
  type PublishedEvent,
  pollUntil,
  readDeadLetters,
  readPublishedEvents,
  registerAndLogin,
  type TestUser,
} from '../support/client.ts';
import { createProject } from '../support/projects.ts';

// A test run whose execution ends without SummarizeRun or FailRun (an operator stops it, a
// deployment's test stage is cut short) must not stay queued or running: Step Functions
// announces the end on the default bus and the ReconcileTestRun rule errors the run, and a
// deployment's test gate errors a run its child execution never finished.

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
const endpoints = inject('endpoints');
const resources = inject('resources');

const sfn = new SFNClient({ endpoint: endpoints.stepFunctions, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** A target on loopback that takes requests and never answers them, until it is stopped. */
class SilentTarget {
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer((request) => request.resume());
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Run {
  id: string;
  status: string;
  failureReason: string | null;
  endedAt: string | null;
}

interface Deployment {
  status: string;
  failureReason?: string;
  stages: { type: string; status: string; testRunId?: string }[];
}

/** The execution of a run: the TestRun machine's, named after the run. */
const executionArnOf = (runId: string) =>
  `${resources.stateMachineArns.TestRun?.replace(':stateMachine:', ':execution:')}:${runId}`;

/** Stops an execution as an operator in the console would: StopExecution, no error, no cause. */
async function stopExecution(executionArn: string): Promise<void> {
  await sfn.send(new StopExecutionCommand({ executionArn }));
  expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
}

/** The status-change event of an execution, as the local Step Functions put it on the default bus. */
function statusChangeOf(executionArn: string): Promise<PublishedEvent> {
  return pollUntil(
    async () =>
      (await readPublishedEvents(dataDir)).find(
        (event) => event.source === 'aws.states' && event.resources.includes(executionArn),
      ),
    { description: `the status change of ${executionArn}` },
  ) as Promise<PublishedEvent>;
}

/** Every `Test Run Failed` announcement of a run. */
async function failuresAnnounced(runId: string): Promise<PublishedEvent[]> {
  return (await readPublishedEvents(dataDir)).filter(
    (event) => event['detail-type'] === 'Test Run Failed' && event.detail.data?.runId === runId,
  );
}

describe('test runs whose execution ends without SummarizeRun or FailRun', () => {
  const target = new SilentTarget();
  let owner: TestUser;
  let projectId: string;
  let environmentId: string;
  /** A performance case whose three requests each wait out their 10 s timeout, one after another. */
  let slowCaseId: string;

  const call = (method: string, path: string, body?: unknown) =>
    api(apiUrl, method, `/v1/projects/${projectId}${path}`, { token: owner.accessToken, body });
  const runOf = async (runId: string) => (await call('GET', `/test-runs/${runId}`)).body as Run;
  const untilRun = (runId: string, statuses: string[]) =>
    pollUntil(
      () => runOf(runId),
      (run) => statuses.includes(run.status),
      { timeoutMs: 30_000, intervalMs: 150, description: `test run ${runId} to be ${statuses.join('|')}` },
    );

  /** Starts a run of the slow case and waits until its execution has prepared it. */
  async function runningRun(): Promise<string> {
    const started = await call('POST', '/test-runs', { caseIds: [slowCaseId], environmentId });
    expect(started.status, started.text).toBe(202);
    const runId = (started.body as { id: string }).id;
    await untilRun(runId, ['running']);
    return runId;
  }

  beforeAll(async () => {
    await target.start();
    owner = await registerAndLogin(apiUrl);
    projectId = await createProject(apiUrl, owner, 'Orphaned runs', 'OT');
    const environment = await call('POST', '/environments', {
      name: `env-${Math.random().toString(36).slice(2, 8)}`,
      url: target.url,
      deployTarget: { type: 'webhook', url: `${target.url}/deploy` },
    });
    expect(environment.status, environment.text).toBe(201);
    environmentId = (environment.body as { environmentId: string }).environmentId;
    const slowCase = await call('POST', '/test-cases', {
      name: 'Load on a target that never answers',
      type: 'performance',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/silent' },
        load: { connections: 1, requests: 3 },
        thresholds: {},
      },
    });
    expect(slowCase.status, slowCase.text).toBe(201);
    slowCaseId = (slowCase.body as { id: string }).id;
  });

  afterAll(async () => {
    sfn.destroy();
    await target.stop();
  });

  it('errors a run whose execution was stopped, naming the status, and announces it once', async () => {
    // Prepare
    const runId = await runningRun();

    // Act
    await stopExecution(executionArnOf(runId));

    // Assess
    const errored = await untilRun(runId, ['errored']);
    expect(errored.failureReason).toBe('the run ended aborted');
    expect(errored.endedAt).toEqual(expect.any(String));
    const event = await statusChangeOf(executionArnOf(runId));
    expect(event).toMatchObject({
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        executionArn: executionArnOf(runId),
        stateMachineArn: resources.stateMachineArns.TestRun,
        name: runId,
        status: 'ABORTED',
        input: JSON.stringify({ projectId, runId }),
      },
    });
    const announced = await failuresAnnounced(runId);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.detail.data).toMatchObject({ runId, reason: 'the run ended aborted' });
  });

  it("takes the status and cause of the stop into the run's reason", async () => {
    // Prepare
    const runId = await runningRun();

    // Act
    await sfn.send(
      new StopExecutionCommand({ executionArn: executionArnOf(runId), error: 'Maintenance', cause: 'Bus drained' }),
    );

    // Assess
    const errored = await untilRun(runId, ['errored']);
    expect(errored.failureReason).toBe('the run ended aborted: Maintenance: Bus drained');
  });

  it('changes nothing when the event is delivered again, for a finished run, or for another machine', async () => {
    // Prepare: a stopped run, reconciled; a run that finished on its own (failed: nothing answers).
    const runId = await runningRun();
    await stopExecution(executionArnOf(runId));
    const errored = await untilRun(runId, ['errored']);
    const event = await statusChangeOf(executionArnOf(runId));
    const unreachable = await call('POST', '/test-cases', {
      name: 'Load on a closed port',
      type: 'performance',
      spec: {
        request: { method: 'GET', url: 'http://127.0.0.1:9/' },
        load: { connections: 1, requests: 1 },
        thresholds: {},
      },
    });
    expect(unreachable.status, unreachable.text).toBe(201);
    const finished = await call('POST', '/test-runs', { caseIds: [(unreachable.body as { id: string }).id] });
    expect(finished.status, finished.text).toBe(202);
    const finishedId = (finished.body as { id: string }).id;
    const done = await untilRun(finishedId, ['failed']);
    // The consumer in this process, configured as the stack configures it (at-least-once delivery).
    applyHandlerEnvironment(handlerEnvironment(endpoints, resources, 'WARN'));
    const { handler } = (await import('../../functions/test-runs/reconcile-test-run.ts')) as {
      handler: LambdaHandler;
    };
    const context = createLambdaContext('ReconcileTestRun', wrapHandler(handler), 30_000);
    const endedAs = (id: string, status: string, stateMachineArn = resources.stateMachineArns.TestRun) => ({
      ...event,
      detail: {
        ...event.detail,
        executionArn: executionArnOf(id),
        stateMachineArn,
        name: id,
        status,
        input: JSON.stringify({ projectId, runId: id }),
        error: 'States.Runtime',
        cause: 'Not that run',
      },
    });

    // Act
    await handler(event, context);
    await handler(endedAs(finishedId, 'FAILED'), context);
    await handler(endedAs(finishedId, 'TIMED_OUT', resources.stateMachineArns.DeploymentPipeline), context);

    // Assess
    expect(await runOf(runId)).toEqual(errored);
    expect(await runOf(finishedId)).toEqual(done);
    expect(await failuresAnnounced(runId)).toHaveLength(1);
    expect(await failuresAnnounced(finishedId)).toEqual([]);
    expect((await readDeadLetters(dataDir)).filter((letter) => letter.ruleId === 'ReconcileTestRun')).toEqual([]);
  });

  describe("a deployment's test stage", () => {
    let suiteId: string;

    beforeAll(async () => {
      const suite = await call('POST', '/test-suites', { name: 'Slow', caseIds: [slowCaseId] });
      expect(suite.status, suite.text).toBe(201);
      suiteId = (suite.body as { id: string }).id;
    });

    async function deploy(stages: unknown[], version: string): Promise<string> {
      const pipeline = await call('POST', '/pipelines', { name: `Gated ${version}`, stages });
      expect(pipeline.status, pipeline.text).toBe(201);
      const { pipelineId } = pipeline.body as { pipelineId: string };
      const created = await call('POST', '/deployments', { pipelineId, environmentId, version });
      expect(created.status, created.text).toBe(202);
      return (created.body as { id: string }).id;
    }
    const deploymentOf = async (id: string) => (await call('GET', `/deployments/${id}`)).body as Deployment;
    const untilDeployment = (id: string, until: (deployment: Deployment) => boolean, description: string) =>
      pollUntil(() => deploymentOf(id), until, { timeoutMs: 30_000, intervalMs: 150, description });

    it('fails the gate and leaves the run errored, announced once, when its child execution is stopped', async () => {
      // Prepare
      const deploymentId = await deploy([{ type: 'test', name: 'slow', suiteId, minPassRate: 1 }], 't1');
      const { stages } = await untilDeployment(
        deploymentId,
        (deployment) => deployment.stages[0]?.testRunId !== undefined,
        'the test stage to record its run',
      );
      const runId = stages[0]!.testRunId!;
      await untilRun(runId, ['running']);

      // Act
      await stopExecution(executionArnOf(runId));

      // Assess: ReconcileTestRun or the gate, whichever comes first, errors the run.
      const failed = await untilDeployment(deploymentId, (deployment) => deployment.status === 'failed', 'failure');
      const run = await untilRun(runId, ['errored']);
      expect(run.failureReason).toMatch(/^(the run ended aborted|the deployment's test stage ended before)/);
      expect(failed.failureReason).toContain(`Test run ${runId} ended errored: ${run.failureReason}`);
      expect(failed.stages[0]?.status).toBe('failed');
      await pollUntil(async () => (await failuresAnnounced(runId)).length > 0, { description: 'Test Run Failed' });
      expect(await failuresAnnounced(runId)).toHaveLength(1);
    });

    it('errors a run whose child execution never started before failing the gate', async () => {
      // Prepare: a deployment waiting for approval ahead of its test stage; the test stage's
      // tasks, run here as the pipeline would run them had RunTests never started the child.
      const deploymentId = await deploy(
        [
          { type: 'approval', name: 'sign-off', timeoutSeconds: 600 },
          { type: 'test', name: 'slow', suiteId, minPassRate: 1 },
        ],
        't2',
      );
      await untilDeployment(
        deploymentId,
        (deployment) => deployment.status === 'waiting_for_approval',
        'the approval wait',
      );
      applyHandlerEnvironment(handlerEnvironment(endpoints, resources, 'WARN'));
      const task = async (name: string, input: unknown) => {
        const { handler } = (await import(`../../functions/deployment-pipeline/${name}.ts`)) as {
          handler: LambdaHandler;
        };
        return handler(input, createLambdaContext(name, wrapHandler(handler), 30_000));
      };
      const { runId } = (await task('start-test-run', { projectId, deploymentId, index: 1 })) as { runId: string };
      expect((await runOf(runId)).status).toBe('queued');

      // Act
      const gate = task('check-test-gate', { projectId, deploymentId, index: 1, runId });

      // Assess
      const reason = "the deployment's test stage ended before the run finished (it was queued)";
      await expect(gate).rejects.toMatchObject({
        name: 'TestGateFailed',
        message: `Test run ${runId} ended errored: ${reason}`,
      });
      expect(await runOf(runId)).toMatchObject({ status: 'errored', failureReason: reason });
      const announced = await failuresAnnounced(runId);
      expect(announced).toHaveLength(1);
      expect(announced[0]?.detail.data).toMatchObject({ runId, reason });

      // The deployment's own run is stopped (ReconcileDeploymentRun fails it).
      await stopExecution(
        `${resources.stateMachineArns.DeploymentPipeline?.replace(':stateMachine:', ':execution:')}:${deploymentId}`,
      );
      await untilDeployment(deploymentId, (deployment) => deployment.status === 'failed', 'the deployment to fail');
    });
  });
});
