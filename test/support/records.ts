// Stored records as the repositories write them, for tests that seed or stub the table
// directly: one complete default, changed by the fields a test cares about.
import type { TestRunRecord } from '#shared/testing/runs/repository';

const SOME_TIME = '2025-01-01T00:00:00.000Z';

/** A running test run of suite `suite-1` with no result yet, with `changes` applied. */
export function testRunRecord(changes: Partial<TestRunRecord> = {}): TestRunRecord {
  return {
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
    createdAt: SOME_TIME,
    updatedAt: SOME_TIME,
    startedAt: SOME_TIME,
    endedAt: null,
    ...changes,
  };
}
