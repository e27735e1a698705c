import { createHash } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { requireStateMachineArn } from '#shared/config/env';
import { requireEnvironment } from '#shared/environments/queries';
import { ValidationError } from '#shared/http/errors';
import { type Accepted, type IdempotentRequest, idempotentRequest, replayIdempotent } from '#shared/http/idempotency';
import { storedText } from '#shared/i18n/stored';
import { logger } from '#shared/observability';
import type { CreateTestRunBody, TestRunStatus } from '#shared/schemas/test-runs';
import { getTestCases } from '#shared/testing/cases/repository';
import { requireTestSuite } from '#shared/testing/cases/suite-repository';
import { checkRunLoadTargets } from '#shared/testing/load/targets';
import * as m from '#shared/testing/runs/messages';
import { requireTestRun } from '#shared/testing/runs/queries';
import {
  findIdempotentTestRun,
  insertTestRun,
  newTestRunRecord,
  type TestRunRecord,
  updateTestRun,
} from '#shared/testing/runs/repository';
import type { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { startNamedExecution } from '#shared/workflows/executions';
import { TEST_RUN_MACHINE } from '#shared/workflows/state-machines';

let client: SFNClient | undefined;

/**
 * Read when a run is started, not at import: the deployment pipeline's test stage creates
 * runs through this module too, and its Lambda starts no execution of its own (the
 * pipeline starts the run as its child).
 */
function testRunMachineArn(): string {
  return requireStateMachineArn(TEST_RUN_MACHINE);
}

/**
 * Queues a run of a suite or of a list of cases against an environment and starts its
 * execution. An `Idempotency-Key` replays the first answer; the same key with another body
 * is a 409.
 */
export async function createTestRun(
  scope: ProjectScope,
  input: CreateTestRunBody,
  idempotencyKey: string | undefined,
): Promise<Accepted<TestRunStatus>> {
  const { projectId, caller } = scope;
  const idempotency = idempotentRequest(idempotencyKey, input, {
    callerId: caller.auth.userId,
    operation: 'CreateTestRun',
  });
  if (idempotency) {
    const replay = await replayOf(projectId, idempotency);
    if (replay) return replay;
  }
  const run = await newRun(projectId, input, caller.auth.userId, {});
  await checkRunLoadTargets(projectId, input);
  const outcome = await insertTestRun(run, idempotency);
  if (outcome === 'duplicate') {
    // Another request with the same key won the race: answer what it created.
    const replay = await replayOf(projectId, idempotency!);
    if (replay) return replay;
  }
  await startRun(run);
  return { id: run.id, status: 'queued', replayed: false };
}

/**
 * Stores a queued run of a suite without starting it: the deployment pipeline's test stage
 * runs it as a child execution (input `{projectId, runId}`). NotFoundError for a missing
 * suite or environment.
 */
export async function createTestRunRecord(
  projectId: string,
  input: {
    suiteId: string;
    environmentId?: string;
    vars?: Record<string, string>;
    retries?: number;
    commit?: string;
  },
  createdBy: string,
  extra: { deploymentId?: string } = {},
): Promise<TestRunRecord> {
  const run = await newRun(projectId, { ...input, retries: input.retries ?? 0 }, createdBy, extra);
  await insertTestRun(run);
  return run;
}

/** Starts the execution of a stored run; it is named after the run, so a second start is a no-op. */
export async function startTestRunExecution(projectId: string, runId: string): Promise<string> {
  client ??= new SFNClient({});
  return startNamedExecution(client, testRunMachineArn(), runId, { projectId, runId } satisfies TestRunTaskInput);
}

/** Checks what the run refers to and builds its record (status queued). */
async function newRun(
  projectId: string,
  input: Omit<CreateTestRunBody, 'retries'> & { retries: number },
  createdBy: string,
  extra: { deploymentId?: string },
): Promise<TestRunRecord> {
  const [suite] = await Promise.all([
    input.suiteId ? requireTestSuite(projectId, input.suiteId) : undefined,
    input.environmentId ? requireEnvironment(projectId, input.environmentId) : undefined,
    input.caseIds ? requireCases(projectId, input.caseIds) : undefined,
  ]);
  return newTestRunRecord({
    id: ulid().toLowerCase(),
    projectId,
    status: 'queued',
    source: 'execution',
    suiteKey: suite ? suite.id : caseListKey(input.caseIds ?? []),
    suiteId: suite?.id,
    suiteName: suite?.name,
    caseIds: input.caseIds,
    environmentId: input.environmentId,
    deploymentId: extra.deploymentId,
    vars: input.vars,
    retries: input.retries,
    commit: input.commit,
    branch: input.branch,
    createdBy,
  });
}

/** Every listed case must be one of the project's: 400 naming each missing one. */
async function requireCases(projectId: string, caseIds: readonly string[]): Promise<void> {
  const found = new Set((await getTestCases(projectId, caseIds)).map((testCase) => testCase.id));
  const missing = caseIds.flatMap((caseId, index) =>
    found.has(caseId) ? [] : [{ path: `body.caseIds.${index}`, message: 'no such test case in this project' }],
  );
  if (missing.length > 0) throw new ValidationError(missing, m.casesMissing());
}

/** "The same suite" of a run of an explicit case list: the same set of cases, in any order. */
export function caseListKey(caseIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...caseIds].sort().join('\n'))
    .digest('hex');
  return `cases:${digest.slice(0, 16)}`;
}

async function startRun(run: TestRunRecord): Promise<void> {
  try {
    const executionArn = await startTestRunExecution(run.projectId, run.id);
    await updateTestRun(run.projectId, run.id, { executionArn });
  } catch (error) {
    // A run that cannot start must not stay queued forever.
    logger.error('Could not start the test run', { runId: run.id, error });
    await updateTestRun(
      run.projectId,
      run.id,
      { status: 'errored', failureReason: storedText(m.runNotStarted()), endedAt: new Date().toISOString() },
      ['queued'],
    );
    throw error;
  }
}

async function replayOf(projectId: string, request: IdempotentRequest) {
  return replayIdempotent(request, await findIdempotentTestRun(projectId, request.key), (previous) =>
    requireTestRun(projectId, previous.runId),
  );
}
