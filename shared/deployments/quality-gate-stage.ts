import { type AnalysisRecord, listAnalysesOfCommit } from '#shared/analysis/repository';
import { ENV } from '#shared/config/env';
import {
  changeStage,
  DeploymentNotFound,
  type DeploymentRunInput,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import { judgeQualityGate, type VersionAnalysis } from '#shared/deployments/quality-gate-rules';
import type { StageProgress } from '#shared/deployments/repository';
import { TextError } from '#shared/i18n/stored';
import { GateResult } from '#shared/schemas/quality-gate';

// A pipeline's `quality-gate` stage: the deployment goes on only when the code analysis of its
// version passed the project's quality gate. One task (check-quality-gate) looks for the
// analysis; the state machine waits `pollSeconds` and asks again until the task says done or
// fails. The decision is shared/deployments/quality-gate-rules.ts.

/** The gate failed on the version's analysis, the analysis failed, or none completed in time: the deployment fails. */
export class QualityGateFailed extends TextError {
  override name = 'QualityGateFailed';
}

const DEFAULT_POLL_SECONDS = 10;
const POLL_SECONDS = pollSecondsOf(process.env[ENV.qualityGatePollSeconds]);
/** Analyses of one version looked at, newest first: re-runs of one commit are few. */
const ANALYSES_READ = 20;

function pollSecondsOf(value: string | undefined): number {
  const seconds = Number(value);
  return value && Number.isInteger(seconds) && seconds > 0 ? seconds : DEFAULT_POLL_SECONDS;
}

/**
 * One look at the analyses of the deployment's version: `done` when the gate passed (the
 * stage is left running with its analysis and verdict; NextStage marks it succeeded), else
 * how long to wait before the next look. Throws QualityGateFailed with the reason otherwise.
 */
export async function checkQualityGate(
  input: DeploymentRunInput & { index: number },
): Promise<{ done: boolean; pollSeconds: number }> {
  let deployment = await loadActiveDeployment(input);
  const plan = deployment.plan[input.index];
  if (plan?.type !== 'quality-gate') throw new DeploymentNotFound(`Stage ${input.index} is not a quality gate`);
  if (deployment.stages[input.index]?.status === 'pending') {
    deployment = await changeStage(deployment, input.index, { status: 'running' }, 'running', { attempt: true });
  }
  const stage = deployment.stages[input.index] as StageProgress;
  const analyses = await listAnalysesOfCommit(deployment.projectId, deployment.version, ANALYSES_READ);
  const now = Date.now();
  const verdict = judgeQualityGate(deployment.version, analyses.map(versionAnalysisOf), {
    startedAt: stage.startedAt ? Date.parse(stage.startedAt) : now,
    now,
    waitSeconds: plan.waitSeconds,
    pollSeconds: POLL_SECONDS,
  });
  const found: Partial<StageProgress> = {
    ...(verdict.analysisId ? { analysisId: verdict.analysisId } : {}),
    ...(verdict.outcome !== 'waiting' && verdict.gateStatus ? { gateStatus: verdict.gateStatus } : {}),
  };
  if (Object.entries(found).some(([name, value]) => stage[name as keyof StageProgress] !== value)) {
    await changeStage(deployment, input.index, found, 'running');
  }
  // The reason reaches the stage as a stored text (id and values), worded when the deployment is read.
  if (verdict.outcome === 'failed') throw new QualityGateFailed(verdict.reason);
  return { done: verdict.outcome === 'passed', pollSeconds: verdict.outcome === 'waiting' ? verdict.pollSeconds : 0 };
}

/** What the decision reads of an analysis; a summary stored before gates were evaluated has no `gate`. */
function versionAnalysisOf(record: AnalysisRecord): VersionAnalysis {
  const gate = GateResult.safeParse((record.summary as { gate?: unknown } | null)?.gate);
  return {
    id: record.id,
    status: record.status,
    gate: gate.success ? gate.data : null,
    failureCode: record.failure?.code ?? null,
  };
}
