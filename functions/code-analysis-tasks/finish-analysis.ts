import { getWorkJson, WORK_OBJECTS } from '#shared/analysis/pipeline/objects';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { finishAnalysis } from '#shared/analysis/workflow';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import { taskHandler } from '#shared/workflows/task';

// The summary the Merge wrote becomes the analysis's, in DynamoDB, with Code Analysis Completed.
export const handler = taskHandler(async (input: AnalysisTaskInput) =>
  finishAnalysis(input, await getWorkJson<AnalysisSummary>(input, WORK_OBJECTS.summary)),
);
