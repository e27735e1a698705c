import { matchOrCreateImportedCases } from '#shared/testing/cases/repository';
import { caseKey } from '#shared/testing/imports/case-key';
import { allResults, getTestRun, putHistoryEntries } from '#shared/testing/runs/repository';

/**
 * After a run completed: each result joins its case's history, and the cases an import
 * named are created if the project did not have them yet. Runs off the request path (the
 * consumer of 'Test Run Completed', with retries and a DLQ), so that a 10,000-case import
 * answers as soon as its results are sealed. Idempotent: every write is a put by key.
 */
export async function indexCompletedRun(projectId: string, runId: string): Promise<void> {
  const run = await getTestRun(projectId, runId);
  if (!run) return; // Deleted with its project meanwhile: nothing left to index.
  const results = await allResults(runId);
  if (run.source === 'import') {
    // An imported result is named as the report named it: classname + name is its identity.
    const cases = results.map((result) => ({
      key: caseKey(result.classname ?? '', result.name),
      classname: result.classname ?? '',
      name: result.name,
      type: run.importedType ?? 'unit',
    }));
    await matchOrCreateImportedCases(projectId, cases, run.createdBy);
  }
  await putHistoryEntries(results);
}
