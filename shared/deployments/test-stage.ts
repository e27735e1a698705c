import {
  changeStage,
  DeploymentNotFound,
  type DeploymentRunInput,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import type { DeploymentRecord } from '#shared/deployments/repository';
import { createTestRunRecord } from '#shared/testing/runs/commands';
import { getTestRun } from '#shared/testing/runs/repository';
import { endRunErrored } from '#shared/testing/runs/summary';

// A pipeline's `test` stage: the stage's suite runs against the deployment's environment as
// a child execution of the test-run machine (startExecution.sync), then its pass rate gates
// the deployment. Tasks: start-test-run → (child run) → check-test-gate.

/** The run's pass rate was below the stage's minimum, or the run broke: the deployment fails. */
export class TestGateFailed extends Error {
  override name = 'TestGateFailed';
}

function testPlan(deployment: DeploymentRecord, index: number) {
  const plan = deployment.plan[index];
  if (plan?.type !== 'test') throw new DeploymentNotFound(`Stage ${index} is not a test stage`);
  return plan;
}

/**
 * Queues the stage's test run (the state machine then runs it as its child) and records it
 * on the stage. A retried task reuses the run it already created.
 */
export async function startTestStage(input: DeploymentRunInput & { index: number }): Promise<{ runId: string }> {
  let deployment = await loadActiveDeployment(input);
  const plan = testPlan(deployment, input.index);
  const existing = deployment.stages[input.index]?.testRunId;
  if (existing) return { runId: existing };
  const run = await createTestRunRecord(
    deployment.projectId,
    // The version under test is the run's commit: a case that passes and fails on one version is flaky.
    // The deployment's parameters become the run's variables ({{vars.name}} in the cases).
    {
      suiteId: plan.suiteId,
      environmentId: deployment.environmentId,
      commit: deployment.version,
      ...(deployment.parameters ? { vars: deployment.parameters } : {}),
    },
    deployment.createdBy,
    { deploymentId: deployment.id },
  );
  deployment = await changeStage(deployment, input.index, { status: 'running', testRunId: run.id }, 'running', {
    attempt: true,
  });
  return { runId: run.id };
}

/** Passes the stage when the run finished with at least the stage's pass rate. */
export async function checkTestGate(input: DeploymentRunInput & { index: number; runId: string }): Promise<void> {
  const deployment = await loadActiveDeployment(input);
  const plan = testPlan(deployment, input.index);
  let run = await getTestRun(deployment.projectId, input.runId);
  if (!run) throw new TestGateFailed(`Test run ${input.runId} does not exist`);
  if (run.status === 'queued' || run.status === 'running') {
    // The child never started, or ended without finishing the run (stopped, timed out): left
    // alone, the run would stay queued or running for good. It is errored here unless the
    // child's FailRun or ReconcileTestRun finished it first; the gate reads what it became.
    await endRunErrored(
      { projectId: run.projectId, runId: run.id },
      `the deployment's test stage ended before the run finished (it was ${run.status})`,
    );
    run = (await getTestRun(run.projectId, run.id)) ?? run;
  }
  if (run.status !== 'passed' && run.status !== 'failed') {
    throw new TestGateFailed(`Test run ${run.id} ended ${run.status}: ${run.failureReason ?? 'no results'}`);
  }
  // A run whose cases were all skipped has no pass rate: nothing was verified.
  const passRate = run.summary?.passRate ?? null;
  await changeStage(
    deployment,
    input.index,
    { passRate, message: `pass rate ${passRate === null ? 'n/a' : passRate} (minimum ${plan.minPassRate})` },
    'running',
  );
  if (passRate === null || passRate < plan.minPassRate) {
    throw new TestGateFailed(
      `Test run ${run.id}: pass rate ${passRate === null ? 'n/a (no case ran)' : passRate} is below the stage minimum ${plan.minPassRate}`,
    );
  }
}
