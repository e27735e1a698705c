import * as z from 'zod/mini';

/**
 * What a CodeAnalysis execution is started with (by the create command for a git ref, by
 * StartUploadedAnalysis for an archive) and passes to every task; the reconciler checks an
 * ended execution's input against it.
 */
export const AnalysisTaskInput = z.object({
  projectId: z.string().check(z.minLength(1)),
  analysisId: z.string().check(z.minLength(1)),
});
export type AnalysisTaskInput = z.infer<typeof AnalysisTaskInput>;
