import type { FunctionMetrics } from '#shared/analysis/model';
import type { FunctionChange, PackedFileDigest } from '#shared/analysis/new-code';
import type { AnalysisFile, AnalysisNewCodeChanges } from '#shared/schemas/analyses';

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
  /** StoredFileDigests of one batch (written by that batch's task): what the branch's next analysis compares with. */
  digests: (batch: number) => `digests/${String(batch).padStart(5, '0')}.json.gz`,
  /** StoredNewCode (written by Merge when the analysis has a base). */
  newCode: 'new-code.json',
  /** StoredNewLines (written by Merge when the analysis has a base, `{}` when nothing is new). */
  newLines: 'new-lines.json',
  /** StoredCoverageReport: a coverage report as attached, with the report's own paths (POST …/coverage). */
  coverageReport: (version: string) => `coverage/${version}/report.json`,
  /** StoredCoverageFiles: that report mapped onto the snapshot's files (written when it is evaluated). */
  coverageFiles: (version: string) => `coverage/${version}/files.json`,
} as const;

/** A parsed coverage report: per report path, [line, hits] pairs. */
export interface StoredCoverageReport {
  format: 'lcov' | 'cobertura' | 'jacoco';
  files: { path: string; lines: [number, number][] }[];
}

/** A coverage report mapped onto the snapshot: per snapshot path its line counts, and the report paths left over. */
export interface StoredCoverageFiles {
  files: Record<string, { coveredLines: number; instrumentedLines: number }>;
  unmatched: string[];
}

/**
 * A file as files.json stores it: the API's view plus the batch whose objects hold its functions.
 * `change` and `newLines` are absent in files stored before new code was measured (read as null);
 * its coverage is joined from the coverage object when it is read.
 */
export type StoredFile = Omit<AnalysisFile, 'change' | 'newLines' | 'coveredLines' | 'instrumentedLines'> &
  Partial<Pick<AnalysisFile, 'change' | 'newLines'>> & { batch: number };

/** A batch's functions by path. */
export type StoredFileFunctions = Record<string, FunctionMetrics[]>;

/** A batch's file digests by path (new-code.ts `packFileDigest`): read once by each later analysis of the branch. */
export type StoredFileDigests = Record<string, PackedFileDigest>;

/** What changed since the base analysis (the new-code route's data, unpaged). */
export type StoredNewCode = Omit<AnalysisNewCodeChanges, 'functions' | 'nextCursor'> & { functions: FunctionChange[] };

/** The new or changed lines (1-based, ascending) of each file of the snapshot that has any. */
export type StoredNewLines = Record<string, number[]>;
