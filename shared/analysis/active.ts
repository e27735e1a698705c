import { type AnalysisRecord, getAnalysis } from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';

// Which analyses the CodeAnalysis machine's tasks may work on (apart from workflow.ts, so that
// tasks that announce nothing need no event bus).

/** The analysis is not (or no longer) one the machine may work on: retrying cannot help. */
export class AnalysisNotActive extends Error {
  override name = 'AnalysisNotActive';
}

/** An analysis the machine works on: queued or running; AnalysisNotActive otherwise. */
export async function activeAnalysis(input: AnalysisTaskInput): Promise<AnalysisRecord> {
  const record = await getAnalysis(input.projectId, input.analysisId);
  if (!record || (record.status !== 'queued' && record.status !== 'running')) {
    throw new AnalysisNotActive(`Analysis ${input.analysisId} is ${record?.status ?? 'missing'}`);
  }
  return record;
}
