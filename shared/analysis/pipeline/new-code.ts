import type { DependencyCycle, FunctionMetrics } from '#shared/analysis/model';
import { compareWithBase, type FileDigest, type NewCode, unpackFileDigest } from '#shared/analysis/new-code';
import {
  changedFunctionsComplexity,
  chooseBase,
  duplicatedNewLines,
  newCodeSection,
  newCycles,
} from '#shared/analysis/new-code-rules';
import { type AnalysisRecord, listAnalyses } from '#shared/analysis/repository';
import { getResult, putResult } from '#shared/analysis/result-store';
import {
  RESULT_OBJECTS,
  type StoredFile,
  type StoredFileDigests,
  type StoredNewCode,
  type StoredNewLines,
} from '#shared/analysis/results';
import type { AnalysisDependencies, AnalysisSummary, DuplicationBlock } from '#shared/schemas/analyses';

// The Merge's new-code step: finds the base analysis, compares this snapshot's digests with
// its, measures the new code, and writes what the API and the coverage stage read.

/** What the Merge knows of this snapshot when it measures new code. */
export interface SnapshotResults {
  /** Every batch this analysis wrote (their digest objects). */
  batches: readonly number[];
  functionsByPath: ReadonlyMap<string, readonly FunctionMetrics[]>;
  blocks: readonly DuplicationBlock[];
  cycles: readonly DependencyCycle[];
}

/** New code of an analysis: its summary section, and per file its change and new lines; null without a base. */
export interface MeasuredNewCode {
  section: NonNullable<AnalysisSummary['newCode']>;
  comparison: NewCode;
}

/**
 * Compares the analysis with its base and writes `new-code.json` and `new-lines.json`;
 * null (nothing written) when it has no base, or its base kept no digests (analysed before
 * new code was measured).
 */
export async function measureNewCode(
  analysis: AnalysisRecord,
  snapshot: SnapshotResults,
): Promise<MeasuredNewCode | null> {
  const base = await findBaseAnalysis(analysis);
  if (!base) return null;
  const baseBatches = await batchesOf(base);
  const baseDigests = baseBatches && (await readDigests(base.projectId, base.id, baseBatches));
  if (!baseDigests) return null;
  const current = await readDigests(analysis.projectId, analysis.id, snapshot.batches);
  if (!current) throw new Error(`Analysis ${analysis.id} lacks the digests its batches write`);
  const comparison = compareWithBase(baseDigests, current);
  const baseDependencies = await getResult<AnalysisDependencies>(base.projectId, base.id, RESULT_OBJECTS.dependencies);
  const section = newCodeSection(base, comparison, {
    complexity: changedFunctionsComplexity(comparison.functions, snapshot.functionsByPath),
    duplicatedLines: duplicatedNewLines(comparison, snapshot.blocks),
    newCycles: newCycles(snapshot.cycles, baseDependencies?.cycles ?? []).length,
  });
  const stored: StoredNewCode = {
    baseAnalysisId: base.id,
    baseCommit: base.commit,
    baseBranch: base.branch,
    added: comparison.added,
    changed: comparison.changed,
    removed: comparison.removed,
    functions: [...comparison.functions].sort(
      (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.startLine - b.startLine,
    ),
  };
  const newLines: StoredNewLines = Object.fromEntries(
    [...comparison.newLines].map(([path, lines]) => [path, [...lines].sort((a, b) => a - b)]),
  );
  await Promise.all([
    putResult(analysis.projectId, analysis.id, RESULT_OBJECTS.newCode, stored),
    putResult(analysis.projectId, analysis.id, RESULT_OBJECTS.newLines, newLines),
  ]);
  return { section, comparison };
}

/** The base (new-code-rules `chooseBase`) among the analyses of `baseBranch`, or of the analysis's own branch. */
async function findBaseAnalysis(analysis: AnalysisRecord): Promise<AnalysisRecord | undefined> {
  const branch = analysis.baseBranch ?? analysis.branch;
  let cursor: string | undefined;
  do {
    const page = await listAnalyses(analysis.projectId, { branch, status: 'completed' }, { limit: 25, cursor });
    const base = chooseBase(analysis, page.items);
    if (base) return base;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return undefined;
}

/** The batches a completed analysis wrote, from its files; undefined when it kept no files. */
async function batchesOf(analysis: AnalysisRecord): Promise<number[] | undefined> {
  const files = await getResult<StoredFile[]>(analysis.projectId, analysis.id, RESULT_OBJECTS.files);
  return files && [...new Set(files.map((file) => file.batch))];
}

/** Every file digest of an analysis, by path; undefined when a batch kept none. */
async function readDigests(
  projectId: string,
  analysisId: string,
  batches: readonly number[],
): Promise<FileDigest[] | undefined> {
  const stored = await Promise.all(
    batches.map((batch) => getResult<StoredFileDigests>(projectId, analysisId, RESULT_OBJECTS.digests(batch))),
  );
  if (stored.some((digests) => digests === undefined)) return undefined;
  return stored
    .flatMap((digests) => Object.entries(digests!).map(([path, packed]) => unpackFileDigest(path, packed)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
