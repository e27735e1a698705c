import { expect } from 'vitest';
import { TERMINAL_STATUSES } from '#shared/schemas/deployments';
import { type ApiResponse, api, pollUntil, registerAndLogin, type TestUser } from './client.ts';
import type { FakeWorld } from './fake-world.ts';
import { createProject } from './projects.ts';

/** A call to the project's API as its owner: `path` is below `/v1/projects/{projectId}`. */
export type ProjectCall = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** A deployment stage as the tests read it. */
export interface DeploymentStageView {
  name: string;
  type: string;
  status: string;
  runId?: string;
  passRate?: number | null;
  analysisId?: string;
  gateStatus?: string;
  failureReason?: string;
}

/** A deployment as the tests read it. */
export interface DeploymentView {
  id: string;
  status: string;
  failureReason?: string;
  stages: DeploymentStageView[];
}

/** A project with its owner and one environment, `staging`, that the fake world deploys (its `/deploy` hook). */
export interface DeploymentProject {
  owner: TestUser;
  projectId: string;
  environmentId: string;
  call: ProjectCall;
}

/** Registers an owner, creates a project (key prefix `keyPrefix`) and its `staging` environment on `world`. */
export async function deploymentProject(
  apiUrl: string,
  world: FakeWorld,
  name: string,
  keyPrefix: string,
): Promise<DeploymentProject> {
  const owner = await registerAndLogin(apiUrl);
  const projectId = await createProject(apiUrl, owner, name, keyPrefix);
  const call: ProjectCall = (method, path, body) =>
    api(apiUrl, method, `/v1/projects/${projectId}${path}`, { token: owner.accessToken, body });
  const environment = await call('POST', '/environments', {
    name: 'staging',
    url: world.url,
    deployTarget: { type: 'webhook', url: `${world.url}/deploy` },
  });
  expect(environment.status, environment.text).toBe(201);
  return { owner, projectId, environmentId: (environment.body as { id: string }).id, call };
}

/** Creates a pipeline of `stages` and deploys `version` through it (202); answers the deployment's id. */
export async function startDeployment(
  project: DeploymentProject,
  stages: unknown[],
  version: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const pipeline = await project.call('POST', '/pipelines', { name: `Pipeline for ${version}`, stages });
  expect(pipeline.status, pipeline.text).toBe(201);
  const { id: pipelineId } = pipeline.body as { id: string };
  const body = { pipelineId, environmentId: project.environmentId, version, ...extra };
  const created = await project.call('POST', '/deployments', body);
  expect(created.status, created.text).toBe(202);
  return (created.body as { id: string }).id;
}

/** The deployment as GET answers it. */
export async function getDeployment(project: DeploymentProject, deploymentId: string): Promise<DeploymentView> {
  return (await project.call('GET', `/deployments/${deploymentId}`)).body as DeploymentView;
}

/** Polls the deployment until it ended (succeeded, failed, rolled back or cancelled). */
export function deploymentEnded(project: DeploymentProject, deploymentId: string): Promise<DeploymentView> {
  return pollUntil(
    () => getDeployment(project, deploymentId),
    (deployment) => (TERMINAL_STATUSES as ReadonlySet<string>).has(deployment.status),
    { timeoutMs: 60_000, description: `deployment ${deploymentId} to end` },
  );
}
