import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import {
  api,
  pollUntil,
  readDeadLetters,
  readPublishedEvents,
  registerAndLogin,
  type TestUser,
} from '../support/client.ts';
import { inProcessHandler } from '../support/handlers.ts';
import { createProject } from '../support/projects.ts';
import { stackExecutionArn, statusChangeOf, stopAsOperator } from '../support/step-functions.ts';

// A deployment run that ends without its Finish task (here: an operator stops the execution
// in the console) must not leave the environment locked: Step Functions announces the end on
// the default bus, and the ReconcileDeploymentRun rule finishes the deployment.

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
const endpoints = inject('endpoints');
const resources = inject('resources');

const credentials = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, ...credentials });
const sfn = new SFNClient({ endpoint: endpoints.stepFunctions, ...credentials });

/** Nothing listens there: a single approval stage never calls it. */
const UNREACHABLE = 'http://127.0.0.1:9';

afterAll(() => {
  dynamodb.destroy();
  sfn.destroy();
});

async function lockHolder(projectId: string, environmentId: string): Promise<string | undefined> {
  const result = await dynamodb.send(
    new GetItemCommand({
      TableName: resources.tableName,
      Key: { PK: { S: `PROJECT#${projectId}` }, SK: { S: `ENVLOCK#${environmentId}` } },
      ConsistentRead: true,
    }),
  );
  return result.Item?.deploymentId?.S;
}

/** The run of a deployment: the pipeline's execution named after it. */
const executionArnOf = (deploymentId: string) => stackExecutionArn('DeploymentPipeline', deploymentId);

interface Setup {
  owner: TestUser;
  projectId: string;
  environmentId: string;
  pipelineId: string;
}

/** A project with one environment and a pipeline of a single approval stage. */
async function setup(): Promise<Setup> {
  const owner = await registerAndLogin(apiUrl);
  const projectId = await createProject(apiUrl, owner, 'Orphans', 'O');
  const environment = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
    token: owner.accessToken,
    body: {
      name: `env-${Math.random().toString(36).slice(2, 8)}`,
      url: UNREACHABLE,
      deployTarget: { type: 'webhook', url: `${UNREACHABLE}/deploy`, secret: 'deploy-target-secret-0123456789' },
    },
  });
  expect(environment.status, environment.text).toBe(201);
  const pipeline = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
    token: owner.accessToken,
    body: { name: 'Sign-off only', stages: [{ type: 'approval', name: 'sign-off', timeoutSeconds: 600 }] },
  });
  expect(pipeline.status, pipeline.text).toBe(201);
  return {
    owner,
    projectId,
    environmentId: (environment.body as { id: string }).id,
    pipelineId: (pipeline.body as { id: string }).id,
  };
}

async function deploy(s: Setup, version: string): Promise<string> {
  const response = await api(apiUrl, 'POST', `/v1/projects/${s.projectId}/deployments`, {
    token: s.owner.accessToken,
    body: { pipelineId: s.pipelineId, environmentId: s.environmentId, version },
  });
  expect(response.status, response.text).toBe(202);
  return (response.body as { id: string }).id;
}

interface Deployment {
  status: string;
  failureReason?: string;
  endedAt?: string;
  stages: { status: string }[];
}

async function deploymentOf(s: Setup, id: string): Promise<Deployment> {
  const response = await api(apiUrl, 'GET', `/v1/projects/${s.projectId}/deployments/${id}`, {
    token: s.owner.accessToken,
  });
  return response.body as Deployment;
}

function untilStatus(s: Setup, id: string, statuses: string[]): Promise<Deployment> {
  return pollUntil(
    () => deploymentOf(s, id),
    (deployment) => statuses.includes(deployment.status),
    { timeoutMs: 30_000, intervalMs: 150, description: `deployment ${id} to reach ${statuses.join('|')}` },
  );
}

/** Stops a run as an operator in the console would: StopExecution, no error, no cause. */
const stopRun = (deploymentId: string) => stopAsOperator(sfn, executionArnOf(deploymentId));

describe('deployment runs that end without their Finish task', () => {
  it('fails a deployment whose run was stopped, frees the environment, and lets the next deployment start', async () => {
    // Prepare
    const s = await setup();
    const first = await deploy(s, 'o1');
    await untilStatus(s, first, ['waiting_for_approval']);
    expect(await lockHolder(s.projectId, s.environmentId)).toBe(first);

    // Act
    await stopRun(first);

    // Assess
    const failed = await untilStatus(s, first, ['failed']);
    expect(failed.failureReason).toMatch(/^the run ended aborted/);
    expect(failed.stages.map((stage) => stage.status)).toEqual(['failed']);
    await pollUntil(async () => (await lockHolder(s.projectId, s.environmentId)) === undefined, {
      description: 'the environment lock to be released',
    });
    const event = await statusChangeOf(executionArnOf(first));
    expect(event).toMatchObject({
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        executionArn: executionArnOf(first),
        stateMachineArn: resources.stateMachineArns.DeploymentPipeline,
        name: first,
        status: 'ABORTED',
        startDate: expect.any(Number),
        stopDate: expect.any(Number),
        input: JSON.stringify({ projectId: s.projectId, deploymentId: first }),
      },
    });
    const announced = (await readPublishedEvents(dataDir)).filter(
      (published) => published['detail-type'] === 'Deployment Failed' && published.detail.data?.deploymentId === first,
    );
    expect(announced).toHaveLength(1);
    expect(announced[0]?.detail.data?.reason).toMatch(/aborted/);

    const second = await deploy(s, 'o2');
    await untilStatus(s, second, ['waiting_for_approval']);
    expect(await lockHolder(s.projectId, s.environmentId)).toBe(second);
    await stopRun(second);
    await untilStatus(s, second, ['failed']);
  });

  it('hands the environment to the queued deployment when the running one is stopped', async () => {
    // Prepare
    const s = await setup();
    const first = await deploy(s, 'q1');
    await untilStatus(s, first, ['waiting_for_approval']);
    const queued = await deploy(s, 'q2');
    expect((await deploymentOf(s, queued)).status).toBe('queued');

    // Act
    await stopRun(first);

    // Assess
    expect((await untilStatus(s, first, ['failed'])).failureReason).toMatch(/aborted/);
    await untilStatus(s, queued, ['waiting_for_approval']);
    expect(await lockHolder(s.projectId, s.environmentId)).toBe(queued);
    await stopRun(queued);
    await untilStatus(s, queued, ['failed']);
  });

  it('changes nothing when the same event is delivered again, and nothing for a deployment already finished', async () => {
    // Prepare: a stopped run, reconciled, and a next deployment that holds the lock now.
    const s = await setup();
    const first = await deploy(s, 'r1');
    await untilStatus(s, first, ['waiting_for_approval']);
    await stopRun(first);
    const failed = await untilStatus(s, first, ['failed']);
    await pollUntil(async () => (await lockHolder(s.projectId, s.environmentId)) === undefined, {
      description: 'the environment lock to be released',
    });
    const second = await deploy(s, 'r2');
    await untilStatus(s, second, ['waiting_for_approval']);
    const event = await statusChangeOf(executionArnOf(first));
    // The consumer in this process, configured as the stack configures it (at-least-once delivery).
    const reconcile = await inProcessHandler('functions/deployments/reconcile-run.ts', 'ReconcileDeploymentRun');

    // Act
    await reconcile(event);

    // Assess
    expect(await deploymentOf(s, first)).toEqual(failed);
    expect(await lockHolder(s.projectId, s.environmentId)).toBe(second);
    expect((await deploymentOf(s, second)).status).toBe('waiting_for_approval');
    const announced = (await readPublishedEvents(dataDir)).filter(
      (published) => published['detail-type'] === 'Deployment Failed' && published.detail.data?.deploymentId === first,
    );
    expect(announced).toHaveLength(1);
    expect((await readDeadLetters(dataDir)).filter((letter) => letter.ruleId === 'ReconcileDeploymentRun')).toEqual([]);
    await stopRun(second);
    await untilStatus(s, second, ['failed']);
  });
});
