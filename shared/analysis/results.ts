import type { FunctionMetrics } from '#shared/analysis/model';
import type { AnalysisFile } from '#shared/schemas/analyses';

// The objects an analysis keeps in the artifacts bucket (under repository.resultKey): what the
// state machine's tasks write and the query Lambdas read. Internal data, not the API's shapes.

/** Object names of one analysis, relative to its results folder. */
export const RESULT_OBJECTS = {
  /** StoredFile[] by path: every analysed file (written by Merge). */
  files: 'files.json',
  /** StoredFileFunctions of one batch (written by that batch's task). */
  functions: (batch: number) => `functions/${String(batch).padStart(5, '0')}.json`,
  /** DuplicationBlock[] largest first (written by Merge, when the duplication stage ran). */
  duplications: 'duplications.json',
  /** AnalysisDependencies (written by Merge, when the dependencies stage ran). */
  dependencies: 'dependencies.json',
  /** The CycloneDX 1.6 SBOM (written by Merge, when the dependencies stage ran). */
  sbom: 'sbom.cdx.json',
} as const;

/** A file as files.json stores it: the API's view plus the batch whose objects hold its functions. */
export type StoredFile = AnalysisFile & { batch: number };

/** A batch's functions by path. */
export type StoredFileFunctions = Record<string, FunctionMetrics[]>;
