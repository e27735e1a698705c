import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/deployments/messages';
import { wordDeploymentText } from '#shared/deployments/reason-texts';
import {
  type DeploymentRecord,
  getDeployment,
  listDeployments,
  type StageProgress,
} from '#shared/deployments/repository';
import { requireEnvironment } from '#shared/environments/queries';
import { NotFoundError } from '#shared/http/errors';
import type { Deployment, DeploymentStage, ListDeploymentsQuery } from '#shared/schemas/deployments';

export async function getDeploymentForCaller(scope: ProjectScope, deploymentId: string): Promise<Deployment> {
  const { projectId } = scope;
  const deployment = await getDeployment(projectId, deploymentId);
  if (!deployment) throw new NotFoundError('DEPLOYMENT_NOT_FOUND', m.deploymentNotFound());
  return toDeploymentView(deployment);
}

/** Newest first, optionally for one environment and/or in one status. */
export async function listDeploymentsForCaller(scope: ProjectScope, query: ListDeploymentsQuery) {
  const { projectId } = scope;
  if (query.environmentId) await requireEnvironment(projectId, query.environmentId);
  const result = await listDeployments(
    projectId,
    { environmentId: query.environmentId, status: query.status },
    { limit: query.limit, cursor: query.cursor },
  );
  return { items: result.items.map(toDeploymentView), nextCursor: result.nextCursor };
}

/** A deployment as the API shows it: no task tokens, no execution internals. */
export function toDeploymentView(deployment: DeploymentRecord): Deployment {
  return {
    id: deployment.id,
    projectId: deployment.projectId,
    environmentId: deployment.environmentId,
    pipelineId: deployment.pipelineId,
    pipelineVersion: deployment.pipelineVersion,
    version: deployment.version,
    ...(deployment.ref ? { ref: deployment.ref } : {}),
    previousVersion: deployment.previousVersion,
    ...(deployment.parameters ? { parameters: deployment.parameters } : {}),
    status: deployment.status,
    stages: deployment.stages.map(toStageView),
    createdBy: deployment.createdBy,
    createdAt: deployment.createdAt,
    updatedAt: deployment.updatedAt,
    ...(deployment.startedAt ? { startedAt: deployment.startedAt } : {}),
    ...(deployment.endedAt ? { endedAt: deployment.endedAt } : {}),
    ...(deployment.failureReason ? { failureReason: wordDeploymentText(deployment.failureReason) } : {}),
  };
}

/** A stage as the API shows it: the stored `testRunId` is the `runId` the test-runs routes take. */
function toStageView({ testRunId, message, failureReason, ...stage }: StageProgress): DeploymentStage {
  return {
    ...stage,
    ...(testRunId !== undefined ? { runId: testRunId } : {}),
    ...(message !== undefined ? { message: wordDeploymentText(message) } : {}),
    ...(failureReason !== undefined ? { failureReason: wordDeploymentText(failureReason) } : {}),
  };
}
