import { startAnalysis } from '#shared/analysis/commands';
import * as m from '#shared/analysis/messages';
import { getAnalysis, parseUploadObjectKey, transitionAnalysis } from '#shared/analysis/repository';
import { logger } from '#shared/observability';
import { ANALYSIS_LIMITS } from '#shared/schemas/analyses';
import { artifactsBucket } from '#shared/storage/s3';

/** An object S3 announced as created. */
export interface CreatedObject {
  bucket: string;
  key: string;
  size?: number;
}

/**
 * Starts the analysis an archive was uploaded for (S3 "Object Created" → StartUploadedAnalysis):
 * queued, and its execution started under the analysis's id. Idempotent: S3 and EventBridge
 * deliver at least once, an analysis that has moved on is left as it is, and a second start
 * of the named execution is a no-op. Other errors propagate (retries, then the DLQ).
 */
export async function startUploadedAnalysis(object: CreatedObject): Promise<void> {
  const target = parseUploadObjectKey(object.key);
  if (object.bucket !== artifactsBucket || !target) {
    logger.info('Ignoring an object that is not an analysis upload of this stage', { ...object });
    return;
  }
  const record = await getAnalysis(target.projectId, target.analysisId);
  if (!record) {
    logger.warn('An upload arrived for an analysis that does not exist (expired or never created)', { ...target });
    return;
  }
  if (record.status !== 'waiting_for_upload') return;
  if (object.size !== undefined && object.size > ANALYSIS_LIMITS.archiveBytes) {
    // The presigned PUT is bound to a length within the limit: only a stray object gets here.
    await transitionAnalysis(record.projectId, record.id, ['waiting_for_upload'], {
      status: 'failed',
      failure: {
        code: 'ARCHIVE_TOO_LARGE',
        message: m.archiveTooLarge({ size: object.size, max: ANALYSIS_LIMITS.archiveBytes }),
      },
      endedAt: new Date().toISOString(),
    });
    return;
  }
  await startAnalysis(record, ['waiting_for_upload']);
}
