import {
  changeStage,
  DeploymentNotFound,
  type DeploymentRunInput,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import * as m from '#shared/deployments/messages';
import type { DeploymentRecord } from '#shared/deployments/repository';
import { storedText, storedWith, TextError } from '#shared/i18n/stored';
import { createTestRunRecord } from '#shared/testing/runs/commands';
import * as runMessages from '#shared/testing/runs/messages';
import { getTestRun } from '#shared/testing/runs/repository';
import { endRunErrored } from '#shared/testing/runs/summary';

// A pipeline's `test` stage: the stage's suite runs against the deployment's environment as
// a child execution of the test-run machine (startExecution.sync), then its pass rate gates
// the deployment. Tasks: start-test-run → (child run) → check-test-gate.

/** The run's pass rate was below the stage's minimum, or the run broke: the deployment fails. */
export class TestGateFailed extends TextError {
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
  if (!run) throw new TestGateFailed(m.testRunMissing({ runId: input.runId }));
  if (run.status === 'queued' || run.status === 'running') {
    // The child never started, or ended without finishing the run (stopped, timed out): left
    // alone, the run would stay queued or running for good. It is errored here unless the
    // child's FailRun or ReconcileTestRun finished it first; the gate reads what it became.
    await endRunErrored(
      { projectId: run.projectId, runId: run.id },
      storedText(runMessages.stageEndedFirst({ status: run.status })),
    );
    run = (await getTestRun(run.projectId, run.id)) ?? run;
  }
  if (run.status !== 'passed' && run.status !== 'failed') {
    const reason = run.failureReason ?? storedText(m.noResults());
    // The run's reason goes in as it is stored: it is worded with the deployment's.
    throw new TestGateFailed(storedWith(m.testRunEnded, { runId: run.id, status: run.status, reason }));
  }
  // A run whose cases were all skipped has no pass rate: nothing was verified.
  const passRate = run.summary?.passRate ?? null;
  await changeStage(
    deployment,
    input.index,
    {
      passRate,
      message: storedText(
        passRate === null
          ? m.passRateNoteNone({ minimum: plan.minPassRate })
          : m.passRateNote({ passRate, minimum: plan.minPassRate }),
      ),
    },
    'running',
  );
  if (passRate === null || passRate < plan.minPassRate) {
    const minimum = plan.minPassRate;
    throw new TestGateFailed(
      passRate === null
        ? m.noCaseRan({ runId: run.id, minimum })
        : m.passRateBelow({ runId: run.id, passRate, minimum }),
    );
  }
}
