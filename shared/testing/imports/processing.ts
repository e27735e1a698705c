import { GetObjectCommand } from '@aws-sdk/client-s3';
import { logger } from '#shared/observability';
import { FINISHED_RUN_STATUSES, IMPORT_LIMITS } from '#shared/schemas/test-runs';
import { artifactsBucket, s3 } from '#shared/storage/s3';
import { IMPORT_PARSE_OPTIONS, importedRunRecord, storeImportedRun } from '#shared/testing/imports/import';
import { JUnitParseError, parseJUnit } from '#shared/testing/imports/junit-reader';
import type { ParsedReport } from '#shared/testing/imports/parsed-report';
import {
  getImport,
  type ImportRecord,
  parseImportObjectKey,
  transitionImport,
} from '#shared/testing/imports/repository';
import { getTestRun } from '#shared/testing/runs/repository';
import { announceCompletion } from '#shared/testing/runs/summary';

/** An object S3 announced as created. */
export interface CreatedObject {
  bucket: string;
  key: string;
  size?: number;
}

/**
 * Runs an uploaded import once its report landed in the artifacts bucket: streams the object
 * through the JUnit parser (never the whole file in memory), stores the run under the
 * import's id and records the outcome on the import. A report that cannot be read ends the
 * import `failed` with the reason (the parse position for malformed XML). Idempotent: S3
 * and EventBridge deliver at least once, and a finished import is left as it is; a retry
 * after a crash resumes the run it started. Other errors propagate (retries, then the DLQ).
 */
export async function processUploadedReport(object: CreatedObject): Promise<void> {
  const target = parseImportObjectKey(object.key);
  if (object.bucket !== artifactsBucket || !target) {
    logger.info('Ignoring an object that is not an import upload of this stage', { ...object });
    return;
  }
  const record = await getImport(target.projectId, target.importId);
  if (!record) {
    logger.warn('An upload arrived for an import that does not exist (expired or never created)', { ...target });
    return;
  }
  if (record.status === 'completed' || record.status === 'failed') return;
  if (object.size !== undefined && object.size > IMPORT_LIMITS.uploadBytes) {
    await fail(
      record,
      'IMPORT_TOO_LARGE',
      `The report has ${object.size} bytes; at most ${IMPORT_LIMITS.uploadBytes} are imported.`,
    );
    return;
  }
  const processing = await transitionImport(record.projectId, record.importId, ['waiting_for_upload', 'processing'], {
    status: 'processing',
  });
  if (!processing) return;

  const existing = await getTestRun(record.projectId, record.importId);
  const origin = { actorId: record.createdBy, correlationId: record.correlationId };
  if (existing && FINISHED_RUN_STATUSES.has(existing.status)) {
    // Finished by an earlier attempt, which may have failed to announce it.
    await announceCompletion(existing, origin);
    await complete(record, existing.id);
    return;
  }
  const report = await readReport(object);
  if (report instanceof JUnitParseError) {
    await fail(record, report.code, report.message);
    return;
  }
  const run =
    existing ??
    importedRunRecord(
      record.projectId,
      record.importId,
      {
        commit: record.commit ?? undefined,
        branch: record.branch ?? undefined,
        suite: record.suite ?? undefined,
        type: record.caseType,
      },
      record.createdBy,
    );
  await storeImportedRun(run, report, origin, { insert: existing === undefined, endErroredOnFailure: false });
  await complete(record, run.id);
}

/** The parsed report, or the parse error that makes it unreadable (a failed import, not a retry). */
async function readReport(object: CreatedObject): Promise<ParsedReport | JUnitParseError> {
  const response = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
  try {
    return await parseJUnit(response.Body as AsyncIterable<Uint8Array>, IMPORT_PARSE_OPTIONS);
  } catch (error) {
    if (error instanceof JUnitParseError) return error;
    throw error;
  } finally {
    // A parse error stops reading half-way: the rest of the body is not wanted.
    (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
  }
}

async function complete(record: ImportRecord, runId: string): Promise<void> {
  await transitionImport(record.projectId, record.importId, ['waiting_for_upload', 'processing'], {
    status: 'completed',
    runId,
  });
}

async function fail(record: ImportRecord, code: string, detail: string): Promise<void> {
  await transitionImport(record.projectId, record.importId, ['waiting_for_upload', 'processing'], {
    status: 'failed',
    error: { code, detail },
  });
}
