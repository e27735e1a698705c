import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredResult, TestRunRecord } from '#shared/testing/runs/repository';

// The run's storage and the bus, in memory: what is asserted is what a retry finds stored and
// what reaches the bus, whatever calls get there.
const store = vi.hoisted(() => ({
  runs: new Map<string, Record<string, unknown>>(),
  sealed: [] as string[],
  published: [] as { type: string; data: Record<string, unknown> }[],
  failPublishes: 0,
}));

vi.mock('#shared/events/publisher', () => ({
  publishEvent: async (type: string, _projectId: string, data: Record<string, unknown>) => {
    if (store.failPublishes > 0) {
      store.failPublishes--;
      throw new Error('PutEvents rejected: InternalFailure');
    }
    store.published.push({ type, data });
    return 'event-id';
  },
}));

vi.mock('#shared/testing/runs/repository', () => ({
  getTestRun: async (_projectId: string, runId: string) => structuredClone(store.runs.get(runId)),
  updateTestRun: async (
    _projectId: string,
    runId: string,
    changes: Record<string, unknown>,
    onlyIf?: readonly string[],
  ) => {
    const run = store.runs.get(runId);
    if (!run || (onlyIf && !onlyIf.includes(run.status as string))) return undefined;
    Object.assign(run, changes);
    return structuredClone(run);
  },
  sealResults: async (runId: string) => {
    store.sealed.push(runId);
  },
  earlierFinishedRuns: async () => [],
  resultsOf: async () => [],
}));

const { announceCompletion, completeRun, endRunErrored } = await import('#shared/testing/runs/summary');
const { completionStep } = await import('#shared/testing/runs/summary-rules');

const origin = { actorId: 'user-1', correlationId: 'corr-1' };

function storedRun(changes: Partial<TestRunRecord> = {}): TestRunRecord {
  const run: TestRunRecord = {
    id: 'run-1',
    projectId: 'project-1',
    status: 'running',
    source: 'execution',
    suiteKey: 'suite-1',
    suiteId: 'suite-1',
    suiteName: 'Smoke',
    environmentId: null,
    deploymentId: null,
    retries: 0,
    commit: null,
    branch: null,
    summary: null,
    newFailures: [],
    failureReason: null,
    createdBy: 'user-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: null,
    ...changes,
  };
  store.runs.set(run.id, structuredClone(run) as unknown as Record<string, unknown>);
  return run;
}

function result(caseId: string, status: StoredResult['status']): StoredResult {
  return {
    caseId,
    name: caseId,
    type: 'api',
    status,
    attempts: 1,
    durationMs: 5,
    assertions: [],
    flaky: false,
    runId: 'run-1',
    projectId: 'project-1',
    commit: null,
    branch: null,
    at: '2025-01-01T00:00:01.000Z',
  };
}

const stored = () => structuredClone(store.runs.get('run-1')) as unknown as TestRunRecord;
const summary = { total: 1, passed: 0, failed: 1, errored: 0, skipped: 0, flaky: 0, passRate: 0, durationMs: 10 };

beforeEach(() => {
  store.runs.clear();
  store.sealed = [];
  store.published = [];
  store.failPublishes = 0;
});

describe('completionStep', () => {
  it('finishes a queued or running run, announces a finished one not announced yet, and leaves the rest', () => {
    expect(completionStep({ status: 'queued' })).toBe('finish');
    expect(completionStep({ status: 'running' })).toBe('finish');
    expect(completionStep({ status: 'passed' })).toBe('announce');
    expect(completionStep({ status: 'failed', announcedAt: undefined })).toBe('announce');
    expect(completionStep({ status: 'failed', announcedAt: '2025-01-01T00:00:02.000Z' })).toBe('none');
    expect(completionStep({ status: 'errored' })).toBe('none');
  });
});

describe('completeRun', () => {
  it('announces a run it finished and records that it did', async () => {
    const run = storedRun();

    const finished = await completeRun(run, [result('a', 'passed'), result('b', 'failed')], origin);

    expect(finished).toMatchObject({ status: 'failed', announcedAt: expect.any(String) });
    expect(stored()).toMatchObject({ status: 'failed', announcedAt: expect.any(String) });
    expect(store.published).toEqual([
      {
        type: 'Test Run Completed',
        data: expect.objectContaining({ runId: 'run-1', status: 'failed', summary: finished.summary }),
      },
    ]);
  });

  it('leaves a run whose announcement failed finished but unannounced, and a retry announces it once', async () => {
    // Prepare: the first attempt stores the finished run, then PutEvents fails
    const run = storedRun();
    store.failPublishes = 1;
    await expect(completeRun(run, [result('a', 'passed')], origin)).rejects.toThrow(/PutEvents/);
    const afterFailure = stored();

    // Act: the retry (SummarizeRun again, or the upload processed again) reads the run as stored
    const retried = await completeRun(afterFailure, [], origin);
    const again = await completeRun(stored(), [], origin);

    // Assess
    expect(afterFailure).toMatchObject({ status: 'passed', summary: { total: 1, passed: 1 } });
    expect(afterFailure.announcedAt).toBeUndefined();
    expect(retried).toMatchObject({ status: 'passed', announcedAt: expect.any(String) });
    expect(store.published).toEqual([
      {
        type: 'Test Run Completed',
        data: expect.objectContaining({ runId: 'run-1', status: 'passed', summary: afterFailure.summary }),
      },
    ]);
    // Announcing does not finish the run again: its results were sealed once.
    expect(store.sealed).toEqual(['run-1']);
    expect(again.announcedAt).toBe(retried.announcedAt);
  });

  it('announces the stored outcome when another attempt finished the run meanwhile', async () => {
    const stale = storedRun();
    storedRun({ status: 'failed', summary, endedAt: '2025-01-01T00:00:02.000Z' });

    const answered = await completeRun(stale, [result('a', 'passed')], origin);

    expect(answered).toMatchObject({ status: 'failed', summary, announcedAt: expect.any(String) });
    expect(store.published).toEqual([
      { type: 'Test Run Completed', data: expect.objectContaining({ status: 'failed', summary }) },
    ]);
  });

  it('announces nothing for a run that ended errored', async () => {
    const run = storedRun({ status: 'errored', failureReason: 'stopped' });

    const answered = await completeRun(run, [result('a', 'passed')], origin);

    expect(answered).toMatchObject({ status: 'errored' });
    expect(store.published).toEqual([]);
    expect(store.sealed).toEqual([]);
  });
});

describe('announceCompletion', () => {
  it('publishes nothing for a run already announced', async () => {
    const run = storedRun({ status: 'passed', summary, announcedAt: '2025-01-01T00:00:03.000Z' });

    expect(await announceCompletion(run, origin)).toEqual(run);
    expect(store.published).toEqual([]);
  });
});

describe('endRunErrored', () => {
  it('announces a finished run whose completion was lost instead of erroring it', async () => {
    storedRun({ status: 'failed', summary, endedAt: '2025-01-01T00:00:02.000Z' });

    const outcome = await endRunErrored({ projectId: 'project-1', runId: 'run-1' }, 'SummarizeRun failed');

    expect(outcome).toEqual({ status: 'failed' });
    expect(stored()).toMatchObject({ status: 'failed', failureReason: null, announcedAt: expect.any(String) });
    expect(store.published.map((event) => event.type)).toEqual(['Test Run Completed']);
  });

  it('errors a running run and announces the failure', async () => {
    storedRun();

    const outcome = await endRunErrored({ projectId: 'project-1', runId: 'run-1' }, 'SummarizeRun failed');

    expect(outcome).toEqual({ status: 'errored' });
    expect(store.published.map((event) => event.type)).toEqual(['Test Run Failed']);
  });
});
