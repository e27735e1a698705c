import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { type CreateImportUploadBody, IMPORT_LIMITS, type ImportUpload } from '#shared/schemas/test-runs';
import { presignedPut } from '#shared/storage/presign';
import { artifactsBucket } from '#shared/storage/s3';
import { importObjectKey, insertImport } from '#shared/testing/imports/repository';

/**
 * POST .../test-runs/imports/uploads: records an import waiting for its report and hands out
 * a presigned PUT for it: 15 minutes, bound to `contentLength`, single-use (a second PUT
 * cannot replace the report). The import runs once the object lands (S3 "Object Created" →
 * ProcessUploadedImport); the raw upload expires by the bucket's lifecycle rule.
 */
export async function createImportUpload(scope: ProjectScope, body: CreateImportUploadBody) {
  const { projectId, caller } = scope;
  const importId = ulid().toLowerCase();
  const now = new Date().toISOString();
  await insertImport({
    importId,
    projectId,
    status: 'waiting_for_upload',
    commit: body.commit ?? null,
    branch: body.branch ?? null,
    suite: body.suite ?? null,
    caseType: body.type ?? 'unit',
    contentLength: body.contentLength,
    runId: null,
    error: null,
    createdBy: caller.auth.userId,
    correlationId: caller.correlationId,
    createdAt: now,
    updatedAt: now,
  });
  const upload = await presignedPut(artifactsBucket, importObjectKey(projectId, importId), {
    expiresInSeconds: IMPORT_LIMITS.uploadUrlSeconds,
    contentLength: body.contentLength,
  });
  return { id: importId, ...upload } satisfies ImportUpload;
}
