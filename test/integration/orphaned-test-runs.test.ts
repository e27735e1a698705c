import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { wordDeploymentText } from '#shared/deployments/reason-texts';
import { storedTextIn } from '#shared/i18n/stored';
import { type PublishedEvent, pollUntil, readDeadLetters, readPublishedEvents } from '../support/client.ts';
import { inProcessHandler } from '../support/handlers.ts';
import { localStepFunctions } from '../support/local-clients.ts';
import { stackExecutionArn, statusChangeOf, stopAsOperator } from '../support/step-functions.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  getTestRun,
  type OwnedProject,
  ownedProject,
  postedId,
  projectApi,
  runReaching,
  startedRunId,
  TargetServer,
} from '../support/test-runs.ts';

// A test run whose execution ends without SummarizeRun or FailRun (an operator stops it, a
// deployment's test stage is cut short) must not stay queued or running: Step Functions
// announces the end on the default bus and the ReconcileTestRun rule errors the run, and a
// deployment's test gate errors a run its child execution never finished.

const dataDir = inject('dataDir');
const resources = inject('resources');

const sfn = localStepFunctions();

interface Run {
  id: string;
  status: string;
  failureReason: string | null;
  endedAt: string | null;
}

interface Deployment {
  status: string;
  failureReason?: string;
  stages: { type: string; status: string; runId?: string }[];
}

/** The execution of a run: the TestRun machine's, named after the run. */
const executionArnOf = (runId: string) => stackExecutionArn('TestRun', runId);

/** Every `Test Run Failed` announcement of a run. */
async function failuresAnnounced(runId: string): Promise<PublishedEvent[]> {
  return (await readPublishedEvents(dataDir)).filter(
    (event) => event['detail-type'] === 'Test Run Failed' && event.detail.data?.runId === runId,
  );
}

describe('test runs whose execution ends without SummarizeRun or FailRun', () => {
  const target = new TargetServer();
  let p: OwnedProject;
  let environmentId: string;
  /** A performance case whose three requests to /silent each wait out their 10 s timeout, one after another. */
  let slowCaseId: string;

  const runOf = (runId: string) => getTestRun<Run>(p, runId);
  const untilRun = (runId: string, statuses: string[]) => runReaching<Run>(p, runId, statuses, 30_000);

  /** A performance case of `requests` GETs of `url`, one at a time, with no threshold. */
  const loadCase = (name: string, url: string, requests: number) =>
    createTestCase(p, {
      name,
      type: 'performance',
      spec: { request: { method: 'GET', url }, load: { connections: 1, requests }, thresholds: {} },
    });

  /** Starts a run of the slow case and waits until its execution has prepared it. */
  async function runningRun(): Promise<string> {
    const runId = await startedRunId(p, { caseIds: [slowCaseId], environmentId });
    await untilRun(runId, ['running']);
    return runId;
  }

  beforeAll(async () => {
    await target.start();
    p = await ownedProject('Orphaned runs', 'OT');
    environmentId = await createEnvironment(p, target.url);
    slowCaseId = await loadCase('Load on a target that never answers', '{{environment.url}}/silent', 3);
  });

  afterAll(async () => {
    sfn.destroy();
    await target.stop();
  });

  it('errors a run whose execution was stopped, naming the status, and announces it once', async () => {
    // Prepare
    const runId = await runningRun();

    // Act
    await stopAsOperator(sfn, executionArnOf(runId));

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
        input: JSON.stringify({ projectId: p.projectId, runId }),
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
    await stopAsOperator(sfn, executionArnOf(runId));
    const errored = await untilRun(runId, ['errored']);
    const event = await statusChangeOf(executionArnOf(runId));
    const unreachableId = await loadCase('Load on a closed port', 'http://127.0.0.1:9/', 1);
    const finishedId = await startedRunId(p, { caseIds: [unreachableId] });
    const done = await untilRun(finishedId, ['failed']);
    // The consumer in this process, configured as the stack configures it (at-least-once delivery).
    const reconcile = await inProcessHandler('functions/test-runs/reconcile-test-run.ts', 'ReconcileTestRun');
    const endedAs = (id: string, status: string, stateMachineArn = resources.stateMachineArns.TestRun) => ({
      ...event,
      detail: {
        ...event.detail,
        executionArn: executionArnOf(id),
        stateMachineArn,
        name: id,
        status,
        input: JSON.stringify({ projectId: p.projectId, runId: id }),
        error: 'States.Runtime',
        cause: 'Not that run',
      },
    });

    // Act
    await reconcile(event);
    await reconcile(endedAs(finishedId, 'FAILED'));
    await reconcile(endedAs(finishedId, 'TIMED_OUT', resources.stateMachineArns.DeploymentPipeline));

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
      suiteId = await createSuite(p, [slowCaseId], 'Slow');
    });

    async function deploy(stages: unknown[], version: string): Promise<string> {
      const pipelineId = await postedId(p, '/pipelines', { name: `Gated ${version}`, stages });
      return postedId(p, '/deployments', { pipelineId, environmentId, version }, 202);
    }
    const deploymentOf = async (id: string) => (await projectApi(p, 'GET', `/deployments/${id}`)).body as Deployment;
    const untilDeployment = (id: string, until: (deployment: Deployment) => boolean, description: string) =>
      pollUntil(() => deploymentOf(id), until, { timeoutMs: 30_000, intervalMs: 150, description });

    it('fails the gate and leaves the run errored, announced once, when its child execution is stopped', async () => {
      // Prepare
      const deploymentId = await deploy([{ type: 'test', name: 'slow', suiteId, minPassRate: 1 }], 't1');
      const { stages } = await untilDeployment(
        deploymentId,
        (deployment) => deployment.stages[0]?.runId !== undefined,
        'the test stage to record its run',
      );
      const runId = stages[0]!.runId!;
      await untilRun(runId, ['running']);

      // Act
      await stopAsOperator(sfn, executionArnOf(runId));

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
      const task = async (name: string, input: unknown) =>
        (await inProcessHandler(`functions/deployment-pipeline-tasks/${name}.ts`, name))(input);
      const { runId } = (await task('start-test-run', { projectId: p.projectId, deploymentId, index: 1 })) as {
        runId: string;
      };
      expect((await runOf(runId)).status).toBe('queued');

      // Act
      const gate = task('check-test-gate', { projectId: p.projectId, deploymentId, index: 1, runId });

      // Assess
      const reason = "the deployment's test stage ended before the run finished (it was queued)";
      const failure = await gate.then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.name).toBe('TestGateFailed');
      // The task's error carries the reason as a stored text (id and values), worded when the deployment is read.
      const stored = storedTextIn(failure?.message ?? '');
      expect(stored && wordDeploymentText(stored, 'en')).toBe(`Test run ${runId} ended errored: ${reason}`);
      expect(await runOf(runId)).toMatchObject({ status: 'errored', failureReason: reason });
      const announced = await failuresAnnounced(runId);
      expect(announced).toHaveLength(1);
      expect(announced[0]?.detail.data).toMatchObject({ runId, reason });

      // The deployment's own run is stopped (ReconcileDeploymentRun fails it).
      await stopAsOperator(sfn, stackExecutionArn('DeploymentPipeline', deploymentId));
      await untilDeployment(deploymentId, (deployment) => deployment.status === 'failed', 'the deployment to fail');
    });
  });
});
