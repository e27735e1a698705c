import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_GATE_CONDITIONS, evaluateGate, type GateMeasures } from '#shared/analysis/gate/rules';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import { TERMINAL_STATUSES } from '#shared/schemas/deployments';
import type { GateResult } from '#shared/schemas/quality-gate';
import { applyHandlerEnvironment, handlerEnvironment } from '../../scripts/local/aws-env.ts';
import { api, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { FakeWorld } from '../support/fake-world.ts';
import { createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');

// The analyses are seeded through the repository, as the code-analysis machine stores them
// (the gate's evaluation in that machine is another task's): configured like a handler first.
applyHandlerEnvironment(handlerEnvironment(inject('endpoints'), inject('resources'), 'WARN'));
const { insertAnalysis, transitionAnalysis } = await import('#shared/analysis/repository');

interface Stage {
  name: string;
  type: string;
  status: string;
  analysisId?: string;
  gateStatus?: string;
  failureReason?: string;
}
interface Deployment {
  id: string;
  status: string;
  failureReason?: string;
  stages: Stage[];
}

// Measures of a change that keeps the default gate, and of one that breaks its complexity condition.
const CLEAN: GateMeasures = {
  max_cyclomatic_complexity: { overall: 31, newCode: 6 },
  max_cognitive_complexity: { overall: 40, newCode: 4 },
  duplicated_lines_percent: { overall: 7.5, newCode: 0 },
  line_coverage_percent: { overall: 61, newCode: 92.5 },
  dependency_cycles: { overall: 2, newCode: 0 },
};
const PASSED = evaluateGate(DEFAULT_GATE_CONDITIONS, CLEAN);
const FAILED = evaluateGate(DEFAULT_GATE_CONDITIONS, {
  ...CLEAN,
  max_cyclomatic_complexity: { overall: 31, newCode: 22 },
});

/** A completed analysis's summary with the gate's verdict (the shape the Merge and EvaluateGate tasks store). */
function summaryWith(gate: GateResult | null): AnalysisSummary {
  return {
    files: { analysed: 1, skipped: {} },
    lines: { code: 10, comment: 0, blank: 0 },
    languages: [{ language: 'TypeScript', files: 1, code: 10, comment: 0, blank: 0 }],
    functions: null,
    duplication: null,
    dependencies: null,
    newCode: null,
    coverage: null,
    gate,
  } as AnalysisSummary;
}

/**
 * A pipeline's `quality-gate` stage lets a deployment go on only when the analysis whose
 * commit is the deployment's version completed and passed the project's quality gate.
 */
describe('deployment pipeline quality-gate stage', () => {
  const world = new FakeWorld();
  let owner: TestUser;
  let projectId: string;
  let environmentId: string;

  const call = (method: string, path: string, body?: unknown) =>
    api(apiUrl, method, `/v1/projects/${projectId}${path}`, { token: owner.accessToken, body });

  beforeAll(async () => {
    await world.start();
    owner = await registerAndLogin(apiUrl);
    projectId = await createProject(apiUrl, owner, 'Quality gated', 'QG');
    const environment = await call('POST', '/environments', {
      name: 'staging',
      url: world.url,
      deployTarget: { type: 'webhook', url: `${world.url}/deploy` },
    });
    expect(environment.status, environment.text).toBe(201);
    environmentId = (environment.body as { id: string }).id;
  });

  afterAll(() => world.stop());

  /** Stores an analysis of `commit` in `status` (completed ones with `summary`); answers its id. */
  async function seedAnalysis(commit: string, status: 'running' | 'completed' | 'failed', summary?: AnalysisSummary) {
    const now = new Date().toISOString();
    const id = ulid().toLowerCase();
    await insertAnalysis({
      id,
      projectId,
      status: 'running',
      commit,
      branch: 'main',
      baseBranch: null,
      source: { type: 'git', ref: 'main' },
      failure: null,
      summary: null,
      executionArn: null,
      createdBy: owner.userId,
      correlationId: id,
      createdAt: now,
      updatedAt: now,
      startedAt: now,
      endedAt: null,
    });
    if (status === 'completed') await complete(id, summary ?? summaryWith(PASSED));
    if (status === 'failed') {
      const failure = {
        code: 'ARCHIVE_TRUNCATED',
        message: { id: 'test.failure', texts: { en: 'cut', 'zh-CN': '截断' }, params: {} },
      };
      await transitionAnalysis(projectId, id, ['running'], { status: 'failed', failure, endedAt: now });
    }
    return id;
  }

  async function complete(analysisId: string, summary: AnalysisSummary) {
    const completed = await transitionAnalysis(projectId, analysisId, ['running'], {
      status: 'completed',
      summary,
      endedAt: new Date().toISOString(),
    });
    expect(completed?.status).toBe('completed');
  }

  async function startDeployment(stages: unknown[], version: string): Promise<string> {
    const pipeline = await call('POST', '/pipelines', { name: `Gated ${version}`, stages });
    expect(pipeline.status, pipeline.text).toBe(201);
    const { id: pipelineId } = pipeline.body as { id: string };
    const created = await call('POST', '/deployments', { pipelineId, environmentId, version });
    expect(created.status, created.text).toBe(202);
    return (created.body as { id: string }).id;
  }

  const getDeployment = async (id: string) => (await call('GET', `/deployments/${id}`)).body as Deployment;

  function finished(id: string): Promise<Deployment> {
    return pollUntil(
      () => getDeployment(id),
      (deployment) => (TERMINAL_STATUSES as ReadonlySet<string>).has(deployment.status),
      { timeoutMs: 60_000, description: `deployment ${id} to finish` },
    );
  }

  const gatedRelease = (waitSeconds: number) => [
    { type: 'quality-gate', name: 'quality', waitSeconds },
    { type: 'deploy', name: 'deploy' },
  ];

  it('deploys when the newest completed analysis of the version passed the gate, and shows it on the stage', async () => {
    await seedAnalysis('qg-v1', 'completed', summaryWith(FAILED));
    const passedId = await seedAnalysis('qg-v1', 'completed', summaryWith(PASSED));
    // Another version's failed gate is not this deployment's business.
    await seedAnalysis('qg-other', 'completed', summaryWith(FAILED));

    const deployment = await finished(await startDeployment(gatedRelease(30), 'qg-v1'));

    expect(deployment.status, JSON.stringify(deployment)).toBe('succeeded');
    expect(deployment.stages).toMatchObject([
      { name: 'quality', type: 'quality-gate', status: 'succeeded', analysisId: passedId, gateStatus: 'passed' },
      { name: 'deploy', status: 'succeeded' },
    ]);
    expect(world.callsTo('/deploy', deployment.id).map((hook) => hook.json.version)).toEqual(['qg-v1']);
    const analysis = await call('GET', `/analyses/${passedId}`);
    expect(analysis.body).toMatchObject({ commit: 'qg-v1', status: 'completed' });
  });

  it('stops the deployment when the gate failed, with the failing conditions as the reason', async () => {
    const analysisId = await seedAnalysis('qg-v2', 'completed', summaryWith(FAILED));

    const deployment = await finished(await startDeployment(gatedRelease(30), 'qg-v2'));

    expect(deployment.status).toBe('failed');
    const condition = 'the highest cyclomatic complexity of a function on new code is 22 (required ≤ 15)';
    expect(deployment.failureReason).toContain(`The quality gate failed: ${condition}.`);
    const [gate, deploy] = deployment.stages;
    expect(gate).toMatchObject({ status: 'failed', analysisId, gateStatus: 'failed' });
    expect(gate?.failureReason).toContain(condition);
    expect(deploy?.status).toBe('skipped');
    expect(world.callsTo('/deploy', deployment.id)).toEqual([]);
  });

  it('fails when no analysis of the version completed within waitSeconds', async () => {
    const deployment = await finished(await startDeployment(gatedRelease(2), 'qg-v3'));

    expect(deployment.status).toBe('failed');
    expect(deployment.failureReason).toContain('no analysis of version qg-v3 completed within 2 s');
    expect(deployment.stages[0]).toMatchObject({ status: 'failed' });
    expect(deployment.stages[0]?.analysisId).toBeUndefined();
    expect(world.callsTo('/deploy', deployment.id)).toEqual([]);
  });

  it('fails naming the analysis when the analysis of the version failed', async () => {
    const analysisId = await seedAnalysis('qg-v4', 'failed');

    const deployment = await finished(await startDeployment(gatedRelease(30), 'qg-v4'));

    expect(deployment.status).toBe('failed');
    expect(deployment.failureReason).toContain(
      `the analysis ${analysisId} of version qg-v4 failed (ARCHIVE_TRUNCATED)`,
    );
    expect(deployment.stages[0]).toMatchObject({ status: 'failed', analysisId });
  });

  it('waits for the analysis in progress and goes on once it completes with a passed gate', async () => {
    const analysisId = await seedAnalysis('qg-v5', 'running');
    const deploymentId = await startDeployment(gatedRelease(60), 'qg-v5');

    // The stage found the running analysis and waits on it.
    const waiting = await pollUntil(
      () => getDeployment(deploymentId),
      (deployment) => deployment.stages[0]?.analysisId === analysisId,
      { timeoutMs: 30_000, description: 'the stage to find the running analysis' },
    );
    expect(waiting.status).toBe('running');
    expect(waiting.stages[0]).toMatchObject({ status: 'running' });
    expect(waiting.stages[0]?.gateStatus).toBeUndefined();
    await complete(analysisId, summaryWith(PASSED));

    const deployment = await finished(deploymentId);
    expect(deployment.status, JSON.stringify(deployment)).toBe('succeeded');
    expect(deployment.stages[0]).toMatchObject({ status: 'succeeded', analysisId, gateStatus: 'passed' });
  });
});
