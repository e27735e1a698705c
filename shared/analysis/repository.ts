import { ITEM_EXISTS, putIfAbsentItem, transact, updateAndGetIf } from '#shared/data/conditional-writes';
import { type Page, recordOf, table } from '#shared/data/repository';
import type { LocalizedText } from '#shared/i18n/catalogue';
import {
  ANALYSIS_UPLOAD_PREFIX,
  type AnalysisStatus,
  type AnalysisSummary,
  type ArchiveFormat,
} from '#shared/schemas/analyses';

/**
 * Storage of code analyses.
 *
 *  - analysis:     PK = PROJECT#<projectId>, SK = ANALYSIS#<analysisId>
 *                  GSI1PK = ANALYSISBRANCH#<projectId>#<branch>, GSI1SK = ANALYSIS#<analysisId>
 *                  GSI2PK = ANALYSISCOMMIT#<projectId>#<commit>, GSI2SK = ANALYSIS#<analysisId>
 *  - idempotency:  PK = PROJECT#<projectId>, SK = ANALYSISKEY#<key> (TTL 24 h)
 *
 * The summary lives on the analysis item (it is bounded: one row per language); per-file
 * results, functions, duplication blocks and dependencies are objects of the artifacts bucket
 * under `analyses/<projectId>/<analysisId>/` (resultKey), written by the state machine's tasks
 * and read by the query Lambdas. Analysis ids are ULIDs, so lists read newest first.
 */
export type AnalysisSource =
  | { type: 'archive'; format: ArchiveFormat; contentLength: number }
  | {
      type: 'git';
      ref: string /** The commit the ref pointed to when the Inventory fetched it. */;
      fetchedCommit?: string;
    };

/** Why an analysis failed: a stable code and the message, worded in the reader's language when read. */
export interface StoredFailure {
  code: string;
  message: LocalizedText;
}

export interface AnalysisRecord {
  id: string;
  projectId: string;
  status: AnalysisStatus;
  commit: string;
  branch: string;
  baseBranch: string | null;
  source: AnalysisSource;
  failure: StoredFailure | null;
  summary: AnalysisSummary | null;
  executionArn: string | null;
  createdBy: string;
  /** The create request's correlation id, carried into the analysis's events. */
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /**
   * The coverage report attached last (`POST …/coverage`): the version names its objects
   * (results.ts `coverageReport`). Absent until one is attached. The summary is written only
   * together with a check that it still is the version the summary's coverage was made from.
   */
  coverageVersion?: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const analysisKey = (projectId: string, analysisId: string) => ({
  PK: partition(projectId),
  SK: `ANALYSIS#${analysisId}`,
});
const branchIndex = (projectId: string, branch: string) => `ANALYSISBRANCH#${projectId}#${branch}`;
const commitIndex = (projectId: string, commit: string) => `ANALYSISCOMMIT#${projectId}#${commit}`;
const idempotencyKey = (projectId: string, key: string) => ({ PK: partition(projectId), SK: `ANALYSISKEY#${key}` });

/** Stores a new analysis and its idempotency key; 'duplicate' when the key was used before. */
export async function insertAnalysis(
  record: AnalysisRecord,
  idempotency?: { key: string; requestHash: string },
): Promise<'created' | 'duplicate'> {
  const failed = await transact([
    putIfAbsentItem({
      ...analysisKey(record.projectId, record.id),
      GSI1PK: branchIndex(record.projectId, record.branch),
      GSI1SK: `ANALYSIS#${record.id}`,
      GSI2PK: commitIndex(record.projectId, record.commit),
      GSI2SK: `ANALYSIS#${record.id}`,
      type: 'Analysis',
      ...record,
    }),
    ...(idempotency
      ? [
          putIfAbsentItem({
            ...idempotencyKey(record.projectId, idempotency.key),
            type: 'AnalysisIdempotencyKey',
            analysisId: record.id,
            requestHash: idempotency.requestHash,
            expiresAt: Math.floor(Date.now() / 1000) + 86_400,
          }),
        ]
      : []),
  ]);
  if (failed < 0) return 'created';
  if (failed === 1) return 'duplicate';
  throw new Error('Analysis id collision');
}

/** What an idempotency key was used for, if it was. */
export async function findIdempotentAnalysis(
  projectId: string,
  key: string,
): Promise<{ analysisId: string; requestHash: string } | undefined> {
  const { PK, SK } = idempotencyKey(projectId, key);
  const item = await table.get(PK, SK);
  return item ? { analysisId: item.analysisId as string, requestHash: item.requestHash as string } : undefined;
}

export async function getAnalysis(projectId: string, analysisId: string): Promise<AnalysisRecord | undefined> {
  const key = analysisKey(projectId, analysisId);
  return recordOf<AnalysisRecord>(await table.get(key.PK, key.SK));
}

/**
 * Sets fields of an analysis while its status is one of `from`; returns the updated record,
 * or undefined when it had moved on (or never existed).
 */
export async function transitionAnalysis(
  projectId: string,
  analysisId: string,
  from: readonly AnalysisStatus[],
  changes: Partial<
    Pick<AnalysisRecord, 'status' | 'failure' | 'summary' | 'executionArn' | 'startedAt' | 'endedAt' | 'source'>
  >,
): Promise<AnalysisRecord | undefined> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const sets = Object.entries({ ...changes, updatedAt: new Date().toISOString() })
    .filter(([, value]) => value !== undefined)
    .map(([name, value], index) => {
      names[`#f${index}`] = name;
      values[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
  from.forEach((status, index) => {
    values[`:s${index}`] = status;
  });
  const updated = await updateAndGetIf({
    Key: analysisKey(projectId, analysisId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `${ITEM_EXISTS} AND #status IN (${from.map((_, index) => `:s${index}`).join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return recordOf<AnalysisRecord>(updated);
}

/**
 * running → completed with `summary`, made from the coverage report `coverageVersion` (none:
 * undefined). 'coverage_changed' when a report was attached since (the caller evaluates again),
 * 'ended' when the analysis is no longer running (a retried Finish, a failure recorded).
 */
export async function completeAnalysis(
  projectId: string,
  analysisId: string,
  summary: AnalysisSummary,
  coverageVersion: string | undefined,
): Promise<{ completed: AnalysisRecord } | 'coverage_changed' | 'ended'> {
  const now = new Date().toISOString();
  const updated = await updateAndGetIf({
    Key: analysisKey(projectId, analysisId),
    UpdateExpression: 'SET #status = :completed, summary = :summary, endedAt = :now, updatedAt = :now',
    ConditionExpression: `${ITEM_EXISTS} AND #status = :running AND ${coverageIs(coverageVersion)}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':completed': 'completed',
      ':running': 'running',
      ':summary': summary,
      ':now': now,
      ...(coverageVersion === undefined ? {} : { ':coverage': coverageVersion }),
    },
  });
  if (updated) return { completed: recordOf<AnalysisRecord>(updated)! };
  const current = await getAnalysis(projectId, analysisId);
  return current?.status === 'running' ? 'coverage_changed' : 'ended';
}

function coverageIs(version: string | undefined): string {
  return version === undefined ? 'attribute_not_exists(coverageVersion)' : 'coverageVersion = :coverage';
}

/**
 * Makes `version` the analysis's coverage report, unless it failed (or never existed); returns
 * the record as this write left it, whose status says who evaluates the report: a completed
 * analysis's by the caller, a queued or running one's by the machine (its Finish checks the version).
 */
export async function setCoverageVersion(
  projectId: string,
  analysisId: string,
  version: string,
): Promise<AnalysisRecord | undefined> {
  const updated = await updateAndGetIf({
    Key: analysisKey(projectId, analysisId),
    UpdateExpression: 'SET coverageVersion = :version, updatedAt = :now',
    ConditionExpression: `${ITEM_EXISTS} AND #status <> :failed`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':version': version, ':now': new Date().toISOString(), ':failed': 'failed' },
  });
  return recordOf<AnalysisRecord>(updated);
}

/**
 * Replaces a completed analysis's summary (new coverage, its gate) if `coverageVersion` is
 * still its coverage report: a report attached later wins, whichever write comes last.
 */
export async function replaceCompletedSummary(
  projectId: string,
  analysisId: string,
  summary: AnalysisSummary,
  coverageVersion: string,
): Promise<AnalysisRecord | undefined> {
  const updated = await updateAndGetIf({
    Key: analysisKey(projectId, analysisId),
    UpdateExpression: 'SET summary = :summary, updatedAt = :now',
    ConditionExpression: `${ITEM_EXISTS} AND #status = :completed AND coverageVersion = :coverage`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':summary': summary,
      ':now': new Date().toISOString(),
      ':completed': 'completed',
      ':coverage': coverageVersion,
    },
  });
  return recordOf<AnalysisRecord>(updated);
}

/** Newest first; by branch through GSI1, else the project's partition; optionally of one status. */
export async function listAnalyses(
  projectId: string,
  filter: { branch?: string; status?: AnalysisStatus },
  page: { limit: number; cursor?: string },
): Promise<Page<AnalysisRecord>> {
  const statusFilter = filter.status
    ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
    : {};
  const statusValue = filter.status ? { ':status': filter.status } : {};
  const result = filter.branch
    ? await table.queryPage(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :branch AND begins_with(GSI1SK, :analysis)',
          ExpressionAttributeValues: {
            ':branch': branchIndex(projectId, filter.branch),
            ':analysis': 'ANALYSIS#',
            ...statusValue,
          },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        { attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], partition: { GSI1PK: branchIndex(projectId, filter.branch) } },
      )
    : await table.queryPage(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :analysis)',
          ExpressionAttributeValues: { ':pk': partition(projectId), ':analysis': 'ANALYSIS#', ...statusValue },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
      );
  return { items: result.items.map((item) => recordOf<AnalysisRecord>(item)!), nextCursor: result.nextCursor };
}

/**
 * The newest analyses of one commit of the project (a deployment's version), newest first, at
 * most `limit`. Read from GSI2, which is eventually consistent: an analysis that just changed
 * may show its previous status for a moment. Analyses stored before GSI2 existed are not in it.
 */
export async function listAnalysesOfCommit(
  projectId: string,
  commit: string,
  limit: number,
): Promise<AnalysisRecord[]> {
  const result = await table.queryPage(
    {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :commit AND begins_with(GSI2SK, :analysis)',
      ExpressionAttributeValues: { ':commit': commitIndex(projectId, commit), ':analysis': 'ANALYSIS#' },
      ScanIndexForward: false,
    },
    { limit },
    { attributes: ['PK', 'SK', 'GSI2PK', 'GSI2SK'], partition: { GSI2PK: commitIndex(projectId, commit) } },
  );
  return result.items.map((item) => recordOf<AnalysisRecord>(item)!);
}

// ---------------------------------------------------------------------------------------------
// Objects in the artifacts bucket

/** The artifacts-bucket key an archive upload goes to. */
export function uploadObjectKey(projectId: string, analysisId: string, format: ArchiveFormat): string {
  return `${ANALYSIS_UPLOAD_PREFIX}${projectId}/${analysisId}.${format}`;
}

const UPLOAD_OBJECT_KEY = new RegExp(`^${ANALYSIS_UPLOAD_PREFIX}([0-9a-z]{26})/([0-9a-z]{26})\\.(zip|tar\\.gz)$`);

/** The project and analysis an uploaded object belongs to; undefined for any other key. */
export function parseUploadObjectKey(
  key: string,
): { projectId: string; analysisId: string; format: ArchiveFormat } | undefined {
  const match = UPLOAD_OBJECT_KEY.exec(key);
  if (!match) return undefined;
  return { projectId: match[1] as string, analysisId: match[2] as string, format: match[3] as ArchiveFormat };
}
