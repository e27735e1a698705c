import { finishAnalysis } from '#shared/analysis/pipeline/finish';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { taskHandler } from '#shared/workflows/task';

// The summary EvaluateGate judged becomes the analysis's, in DynamoDB, with Code Analysis Completed.
export const handler = taskHandler((input: AnalysisTaskInput) => finishAnalysis(input));
