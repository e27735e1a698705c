import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import type { GateResult } from '#shared/schemas/quality-gate';
import { applyHandlerEnvironment, handlerEnvironment } from '../../scripts/local/aws-env.ts';
import { pollUntil } from '../support/client.ts';
import {
  type DeploymentProject,
  deploymentEnded,
  deploymentProject,
  getDeployment,
  startDeployment,
} from '../support/deployments.ts';
import { FakeWorld } from '../support/fake-world.ts';
import { defaultGateOn } from '../support/gates.ts';

const apiUrl = inject('apiUrl');

// The analyses are seeded through the repository, as the code-analysis machine stores them
// (the gate's evaluation in that machine is another task's): configured like a handler first.
applyHandlerEnvironment(handlerEnvironment(inject('endpoints'), inject('resources'), 'WARN'));
const { insertAnalysis, transitionAnalysis } = await import('#shared/analysis/repository');

// The default gate passes a clean change, and fails one that breaks its complexity condition.
const PASSED = defaultGateOn();
const FAILED = defaultGateOn({ max_cyclomatic_complexity: { overall: 31, newCode: 22 } });

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
  let project: DeploymentProject;

  beforeAll(async () => {
    await world.start();
    project = await deploymentProject(apiUrl, world, 'Quality gated', 'QG');
  });

  afterAll(() => world.stop());

  /** Stores an analysis of `commit` in `status` (completed ones with `summary`); answers its id. */
  async function seedAnalysis(commit: string, status: 'running' | 'completed' | 'failed', summary?: AnalysisSummary) {
    const now = new Date().toISOString();
    const id = ulid().toLowerCase();
    await insertAnalysis({
      id,
      projectId: project.projectId,
      status: 'running',
      commit,
      branch: 'main',
      baseBranch: null,
      source: { type: 'git', ref: 'main' },
      failure: null,
      summary: null,
      executionArn: null,
      createdBy: project.owner.userId,
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
      await transitionAnalysis(project.projectId, id, ['running'], { status: 'failed', failure, endedAt: now });
    }
    return id;
  }

  async function complete(analysisId: string, summary: AnalysisSummary) {
    const completed = await transitionAnalysis(project.projectId, analysisId, ['running'], {
      status: 'completed',
      summary,
      endedAt: new Date().toISOString(),
    });
    expect(completed?.status).toBe('completed');
  }

  const call = (method: string, path: string) => project.call(method, path);
  const gatedDeployment = (waitSeconds: number, version: string) =>
    startDeployment(project, gatedRelease(waitSeconds), version);
  const finished = (deploymentId: string) => deploymentEnded(project, deploymentId);

  const gatedRelease = (waitSeconds: number) => [
    { type: 'quality-gate', name: 'quality', waitSeconds },
    { type: 'deploy', name: 'deploy' },
  ];

  it('deploys when the newest completed analysis of the version passed the gate, and shows it on the stage', async () => {
    await seedAnalysis('qg-v1', 'completed', summaryWith(FAILED));
    const passedId = await seedAnalysis('qg-v1', 'completed', summaryWith(PASSED));
    // Another version's failed gate is not this deployment's business.
    await seedAnalysis('qg-other', 'completed', summaryWith(FAILED));

    const deployment = await finished(await gatedDeployment(30, 'qg-v1'));

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

    const deployment = await finished(await gatedDeployment(30, 'qg-v2'));

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
    const deployment = await finished(await gatedDeployment(2, 'qg-v3'));

    expect(deployment.status).toBe('failed');
    expect(deployment.failureReason).toContain('no analysis of version qg-v3 completed within 2 s');
    expect(deployment.stages[0]).toMatchObject({ status: 'failed' });
    expect(deployment.stages[0]?.analysisId).toBeUndefined();
    expect(world.callsTo('/deploy', deployment.id)).toEqual([]);
  });

  it('fails naming the analysis when the analysis of the version failed', async () => {
    const analysisId = await seedAnalysis('qg-v4', 'failed');

    const deployment = await finished(await gatedDeployment(30, 'qg-v4'));

    expect(deployment.status).toBe('failed');
    expect(deployment.failureReason).toContain(
      `the analysis ${analysisId} of version qg-v4 failed (ARCHIVE_TRUNCATED)`,
    );
    expect(deployment.stages[0]).toMatchObject({ status: 'failed', analysisId });
  });

  it('waits for the analysis in progress and goes on once it completes with a passed gate', async () => {
    const analysisId = await seedAnalysis('qg-v5', 'running');
    const deploymentId = await gatedDeployment(60, 'qg-v5');

    // The stage found the running analysis and waits on it.
    const waiting = await pollUntil(
      () => getDeployment(project, deploymentId),
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
  it('stops the deployment on the gate a real analysis of the version was judged by (upload → EvaluateGate → stage)', async () => {
    // A gate no branch can pass: every function must be straight-line code.
    const strict = [{ metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 1, onNewCode: false }];
    const gate = await project.call('PUT', '/quality-gate', { conditions: strict });
    expect(gate.status, gate.text).toBe(200);
    // One TypeScript function with one `if`: cyclomatic complexity 2.
    const dir = mkdtempSync(join(tmpdir(), 'qg-e2e-'));
    mkdirSync(join(dir, 'tree/src'), { recursive: true });
    writeFileSync(
      join(dir, 'tree/src/sign.ts'),
      "export function sign(value: number): string {\n  if (value < 0) return 'negative';\n  return 'positive';\n}\n",
    );
    writeFileSync(join(dir, 'tree/README.md'), '# Sign\n');
    execFileSync('tar', ['-czf', join(dir, 'tree.tar.gz'), '-C', join(dir, 'tree'), '.']);
    const bytes = readFileSync(join(dir, 'tree.tar.gz'));
    rmSync(dir, { recursive: true, force: true });

    const created = await project.call('POST', '/analyses', {
      commit: 'qg-e2e',
      branch: 'main',
      source: { type: 'archive', format: 'tar.gz', contentLength: bytes.length },
    });
    expect(created.status, created.text).toBe(201);
    const {
      id: analysisId,
      url,
      headers,
    } = created.body as { id: string; url: string; headers: Record<string, string> };
    // The deployment starts first: its stage waits for the analysis of its version to complete.
    const deploymentId = await gatedDeployment(120, 'qg-e2e');
    const put = await fetch(url, { method: 'PUT', body: bytes, headers });
    expect(put.status).toBe(200);

    const deployment = await finished(deploymentId);
    expect(deployment.status, JSON.stringify(deployment)).toBe('failed');
    expect(deployment.failureReason).toContain(
      'The quality gate failed: the highest cyclomatic complexity of a function overall is 2 (required ≤ 1).',
    );
    expect(deployment.stages[0]).toMatchObject({ status: 'failed', analysisId, gateStatus: 'failed' });
    expect(world.callsTo('/deploy', deployment.id)).toEqual([]);
    const analysis = await call('GET', `/analyses/${analysisId}`);
    expect(analysis.body).toMatchObject({ status: 'completed', summary: { gate: { status: 'failed' } } });
  });
});
