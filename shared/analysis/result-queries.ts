import * as m from '#shared/analysis/messages';
import { requireAnalysis } from '#shared/analysis/queries';
import type { AnalysisRecord } from '#shared/analysis/repository';
import { getResult } from '#shared/analysis/result-store';
import {
  RESULT_OBJECTS,
  type StoredCoverageFiles,
  type StoredFile,
  type StoredFileFunctions,
  type StoredNewCode,
} from '#shared/analysis/results';
import type { ProjectScope } from '#shared/auth/project-access';
import * as dataMessages from '#shared/data/messages';
import { BadRequestError, ConflictError, NotFoundError } from '#shared/http/errors';
import type {
  AnalysisDependencies,
  AnalysisFile,
  AnalysisFileDetail,
  AnalysisNewCodeChanges,
  DuplicationBlock,
  ListAnalysisFilesQuery,
} from '#shared/schemas/analyses';

// The results of a completed analysis, read from the artifacts bucket (the analysis record
// itself is queries.ts, whose Lambdas need no bucket).

/**
 * A page of a completed analysis's files: by path, or largest first by code lines, worst
 * function complexity or duplicated lines; narrowed to a language, a path prefix, or the files
 * added or changed since the base analysis.
 */
export async function listAnalysisFilesForCaller(
  scope: ProjectScope,
  analysisId: string,
  query: ListAnalysisFilesQuery,
): Promise<{ items: AnalysisFile[]; nextCursor: string | null }> {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  const files = (await readResult<StoredFile[]>(analysis, RESULT_OBJECTS.files, 'files')).filter(
    (file) =>
      (query.language === undefined || file.language === query.language) &&
      (query.path === undefined || file.path.startsWith(query.path)) &&
      (query.newCode !== true || (file.change ?? null) !== null),
  );
  const order = FILE_ORDER[query.sort];
  if (order) files.sort((a, b) => order(b) - order(a) || (a.path < b.path ? -1 : 1));
  const page = pageOfList(files, query);
  const coverage = await readCoverageFiles(analysis);
  return { ...page, items: page.items.map((file) => fileView(file, coverage)) };
}

/** One analysed file with its functions; 404 for a path the analysis did not analyse. */
export async function getAnalysisFileForCaller(
  scope: ProjectScope,
  analysisId: string,
  path: string,
): Promise<AnalysisFileDetail> {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  const files = await readResult<StoredFile[]>(analysis, RESULT_OBJECTS.files, 'files');
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new NotFoundError('ANALYSIS_FILE_NOT_FOUND', m.fileNotFound({ path }));
  const [functions, coverage] = await Promise.all([
    file.functions === null
      ? undefined
      : getResult<StoredFileFunctions>(analysis.projectId, analysis.id, RESULT_OBJECTS.functions(file.batch)),
    readCoverageFiles(analysis),
  ]);
  return { ...fileView(file, coverage), functionList: functions?.[path] ?? [] };
}

/** A page of the duplicated blocks of a completed analysis, largest first. */
export async function listDuplicationsForCaller(
  scope: ProjectScope,
  analysisId: string,
  query: { limit: number; cursor?: string },
) {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  return pageOfList(await readResult<DuplicationBlock[]>(analysis, RESULT_OBJECTS.duplications, 'duplication'), query);
}

/** A completed analysis's external dependencies and import cycles, or its CycloneDX SBOM. */
export async function getDependenciesForCaller(
  scope: ProjectScope,
  analysisId: string,
  format: 'json' | 'cyclonedx',
): Promise<AnalysisDependencies | Record<string, unknown>> {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  if (format === 'cyclonedx') return readResult(analysis, RESULT_OBJECTS.sbom, 'dependencies');
  return readResult<AnalysisDependencies>(analysis, RESULT_OBJECTS.dependencies, 'dependencies');
}

/**
 * What changed since a completed analysis's base: the files added, changed and removed, and a
 * page of the new or changed functions; 404 when the analysis has no base (the first of its
 * branch, or one whose base was analysed before new code was measured).
 */
export async function getNewCodeForCaller(
  scope: ProjectScope,
  analysisId: string,
  query: { limit: number; cursor?: string },
): Promise<AnalysisNewCodeChanges> {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  const stored = await getResult<StoredNewCode>(analysis.projectId, analysis.id, RESULT_OBJECTS.newCode);
  if (!stored) throw new NotFoundError('ANALYSIS_NO_BASE', m.noBaseAnalysis());
  const { functions, ...files } = stored;
  const page = pageOfList(functions, query);
  return { ...files, functions: page.items, nextCursor: page.nextCursor };
}

/** The analysis, or 404; 409 while it is not completed (its results are not all written yet). */
export async function requireCompletedAnalysis(projectId: string, analysisId: string): Promise<AnalysisRecord> {
  const analysis = await requireAnalysis(projectId, analysisId);
  if (analysis.status !== 'completed') {
    throw new ConflictError('ANALYSIS_NOT_COMPLETED', m.analysisNotCompleted({ status: analysis.status }));
  }
  return analysis;
}

/** A result object of a completed analysis; 404 when the stage that writes it did not run for it. */
async function readResult<T>(analysis: AnalysisRecord, name: string, stage: string): Promise<T> {
  const value = await getResult<T>(analysis.projectId, analysis.id, name);
  if (value === undefined) throw new NotFoundError('ANALYSIS_STAGE_NOT_RUN', m.stageNotRun({ stage }));
  return value;
}

/** Sort keys, largest first; `path` keeps the stored (path) order. */
const FILE_ORDER: Record<ListAnalysisFilesQuery['sort'], ((file: StoredFile) => number) | undefined> = {
  path: undefined,
  code: (file) => file.code,
  complexity: (file) => file.maxCyclomatic ?? -1,
  duplication: (file) => file.duplicatedLines ?? -1,
};

/** The per-file coverage of the analysis's report; undefined without one (or before it is evaluated). */
async function readCoverageFiles(analysis: AnalysisRecord): Promise<StoredCoverageFiles | undefined> {
  if (analysis.coverageVersion === undefined) return undefined;
  return getResult<StoredCoverageFiles>(
    analysis.projectId,
    analysis.id,
    RESULT_OBJECTS.coverageFiles(analysis.coverageVersion),
  );
}

/**
 * The API's view of a stored file with its coverage; one stored before new code was measured
 * has no change or new lines (null).
 */
function fileView(
  { batch: _batch, change = null, newLines = null, ...file }: StoredFile,
  coverage: StoredCoverageFiles | undefined,
): AnalysisFile {
  const lines = coverage?.files[file.path];
  return {
    ...file,
    change,
    newLines,
    coveredLines: lines?.coveredLines ?? null,
    instrumentedLines: lines?.instrumentedLines ?? null,
  };
}

/**
 * A page of an in-memory list. The cursor is the offset of the next item (opaque to clients,
 * base64url like the table's cursors); anything else is a 400.
 */
function pageOfList<T>(items: readonly T[], page: { limit: number; cursor?: string }) {
  const offset = page.cursor === undefined ? 0 : decodeOffset(page.cursor);
  const end = offset + page.limit;
  return {
    items: items.slice(offset, end),
    nextCursor: end < items.length ? Buffer.from(`o${end}`).toString('base64url') : null,
  };
}

function decodeOffset(cursor: string): number {
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestError('INVALID_CURSOR', dataMessages.invalidCursor());
  return Number(match[1]);
}
