import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DeployHookPayload } from '#shared/schemas/deployments';
import {
  type DeploymentProject,
  type DeploymentView,
  deploymentEnded,
  deploymentProject,
  startDeployment,
} from '../support/deployments.ts';
import { FakeWorld } from '../support/fake-world.ts';

const apiUrl = inject('apiUrl');

/**
 * A pipeline's `test` stage runs a suite against the deployment's environment through the
 * test-run machine and gates the deployment on the suite's pass rate. The fake world's
 * /health answers 200 only once a version is deployed, so the same smoke suite fails before
 * the deploy stage and passes after it.
 */
describe('deployment pipeline test stage', () => {
  const world = new FakeWorld();
  let project: DeploymentProject;
  let environmentId: string;
  let suiteId: string;

  const call = (method: string, path: string, body?: unknown) => project.call(method, path, body);

  beforeAll(async () => {
    await world.start();
    project = await deploymentProject(apiUrl, world, 'Gated', 'G');
    environmentId = project.environmentId;
    suiteId = await suiteOfOneCase('smoke', '{{environment.url}}/health');
  });

  /** A suite (tagged `tag`) of one api case: GET `url` answers 200. */
  async function suiteOfOneCase(tag: string, url: string): Promise<string> {
    const testCase = await call('POST', '/test-cases', {
      name: `GET ${url} answers 200`,
      type: 'api',
      tags: [tag],
      spec: { request: { method: 'GET', url }, assertions: [{ type: 'status', equals: 200 }] },
    });
    expect(testCase.status, testCase.text).toBe(201);
    const suite = await call('POST', '/test-suites', { name: tag, tags: [tag] });
    expect(suite.status, suite.text).toBe(201);
    return (suite.body as { id: string }).id;
  }

  afterAll(() => world.stop());

  async function deployThrough(
    stages: unknown[],
    version: string,
    extra: Record<string, unknown> = {},
  ): Promise<DeploymentView> {
    return deploymentEnded(project, await startDeployment(project, stages, version, extra));
  }

  it('passes the gate when the suite reaches the minimum pass rate, and records the run', async () => {
    const deployment = await deployThrough(
      [
        { type: 'deploy', name: 'deploy' },
        { type: 'test', name: 'smoke', suiteId, minPassRate: 1 },
      ],
      'v1',
    );
    expect(deployment.status, JSON.stringify(deployment)).toBe('succeeded');
    const stage = deployment.stages.find((candidate) => candidate.type === 'test')!;
    expect(stage).toMatchObject({ status: 'succeeded', passRate: 1 });
    const run = await call('GET', `/test-runs/${stage.runId}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      status: 'passed',
      suiteId,
      environmentId,
      commit: 'v1',
      summary: { total: 1, passed: 1, failed: 0 },
    });
  });

  it('fails the deployment with the pass rate as the reason when the suite falls short', async () => {
    world.deployedVersion = undefined;
    const deployment = await deployThrough(
      [
        { type: 'test', name: 'smoke', suiteId, minPassRate: 0.5 },
        { type: 'deploy', name: 'deploy' },
      ],
      'v2',
    );
    expect(deployment.status).toBe('failed');
    expect(deployment.failureReason).toMatch(/pass rate 0 is below the stage minimum 0\.5/);
    const [testStage, deployStage] = deployment.stages;
    expect(testStage).toMatchObject({ status: 'failed', passRate: 0 });
    expect(deployStage?.status).toBe('skipped');
    expect(world.callsTo('/deploy', deployment.id)).toEqual([]);
    const run = await call('GET', `/test-runs/${testStage?.runId}`);
    expect(run.body).toMatchObject({ status: 'failed', summary: { total: 1, failed: 1 } });
  });

  it('rolls back to the previous healthy version when the test gate after the deploy fails', async () => {
    const healthy = await deployThrough([{ type: 'deploy', name: 'deploy' }], 'v3');
    expect(healthy.status).toBe('succeeded');
    world.unhealthy.add('v4-broken');
    const deployment = await deployThrough(
      [
        { type: 'deploy', name: 'deploy' },
        { type: 'test', name: 'smoke', suiteId, minPassRate: 1 },
      ],
      'v4-broken',
    );
    expect(deployment.status, JSON.stringify(deployment)).toBe('rolled_back');
    expect(deployment.failureReason).toMatch(/pass rate 0 is below the stage minimum 1/);
    expect(
      world.callsTo('/deploy', deployment.id).map((call) => [call.json.version, call.json.rollback ?? false]),
    ).toEqual([
      ['v4-broken', false],
      ['v3', true],
    ]);
    const environment = await call('GET', `/environments/${environmentId}`);
    expect(environment.body).toMatchObject({ currentVersion: 'v3', lastDeploymentId: healthy.id });
  });

  it('hands the deployment parameters to the deploy hook body and to the test stage as run variables', async () => {
    const parameterizedSuiteId = await suiteOfOneCase('parameterized', '{{environment.url}}/{{vars.PROBE_PATH}}');
    const parameters = { PROBE_PATH: 'health', REGION: 'eu-west-1' };
    const deployment = await deployThrough(
      [
        { type: 'deploy', name: 'deploy' },
        { type: 'test', name: 'smoke', suiteId: parameterizedSuiteId, minPassRate: 1 },
      ],
      'v5',
      { parameters, ref: 'main' },
    );
    expect(deployment.status, JSON.stringify(deployment)).toBe('succeeded');
    const [hook] = world.callsTo('/deploy', deployment.id);
    const payload = DeployHookPayload.safeParse(hook!.json);
    expect(payload.success, JSON.stringify(hook!.json)).toBe(true);
    expect(hook!.json).toMatchObject({ version: 'v5', ref: 'main', parameters });
  });

  it('refuses a test stage whose suite is not in the project', async () => {
    const pipeline = await call('POST', '/pipelines', {
      name: 'Broken',
      stages: [{ type: 'test', name: 'smoke', suiteId: '01jd0000000000000000000007', minPassRate: 1 }],
    });
    expect(pipeline.status).toBe(400);
    expect(pipeline.body).toMatchObject({ errors: [{ path: 'body.stages.0.suiteId' }] });
  });
});
