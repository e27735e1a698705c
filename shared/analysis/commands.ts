import { SFNClient } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import * as m from '#shared/analysis/messages';
import {
  type AnalysisRecord,
  findIdempotentAnalysis,
  getAnalysis,
  insertAnalysis,
  transitionAnalysis,
  uploadObjectKey,
} from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import type { ProjectScope } from '#shared/auth/project-access';
import { requireStateMachineArn } from '#shared/config/env';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { type IdempotentRequest, idempotentRequest } from '#shared/http/idempotency';
import * as httpMessages from '#shared/http/messages';
import { logger } from '#shared/observability';
import {
  ANALYSIS_LIMITS,
  type AnalysisStatus,
  type CreateAnalysisBody,
  type CreatedAnalysis,
} from '#shared/schemas/analyses';
import { presignedPut } from '#shared/storage/presign';
import { artifactsBucket } from '#shared/storage/s3';
import { startNamedExecution } from '#shared/workflows/executions';
import { CODE_ANALYSIS_MACHINE } from '#shared/workflows/state-machines';

let client: SFNClient | undefined;

/** What POST .../analyses answers, and whether an earlier request with the same key created it. */
export interface CreateAnalysisOutcome {
  answer: CreatedAnalysis;
  replayed: boolean;
}

/**
 * Creates an analysis of a snapshot. An archive waits for its upload: the answer carries a
 * presigned PUT (15 minutes, bound to `contentLength`, single-use) and the S3 upload starts
 * the machine (StartUploadedAnalysis). A git ref of the project's repository is queued and its
 * execution started at once. An `Idempotency-Key` replays the first answer (an archive's with
 * a fresh link while it still waits); the same key with another body is a 409.
 */
export async function createAnalysis(
  scope: ProjectScope,
  body: CreateAnalysisBody,
  idempotencyKey: string | undefined,
): Promise<CreateAnalysisOutcome> {
  const { projectId, caller } = scope;
  if (body.source.type === 'git' && !scope.project.repository?.url) {
    throw new ConflictError('REPOSITORY_NOT_SET', m.repositoryNotSet());
  }
  const idempotency = idempotentRequest(idempotencyKey, body, {
    callerId: caller.auth.userId,
    operation: 'CreateAnalysis',
  });
  if (idempotency) {
    const replay = await replayOf(projectId, idempotency);
    if (replay) return replay;
  }
  const now = new Date().toISOString();
  const record: AnalysisRecord = {
    id: ulid().toLowerCase(),
    projectId,
    status: body.source.type === 'archive' ? 'waiting_for_upload' : 'queued',
    commit: body.commit,
    branch: body.branch,
    baseBranch: body.baseBranch ?? null,
    source: body.source,
    failure: null,
    summary: null,
    executionArn: null,
    createdBy: caller.auth.userId,
    correlationId: caller.correlationId,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    endedAt: null,
  };
  const outcome = await insertAnalysis(record, idempotency);
  if (outcome === 'duplicate') {
    // Another request with the same key won the race: answer what it created.
    const replay = await replayOf(projectId, idempotency!);
    if (replay) return replay;
  }
  if (record.source.type === 'archive') return { answer: await uploadFor(record), replayed: false };
  await startAnalysis(record, ['queued']);
  return { answer: { id: record.id, status: 'queued' }, replayed: false };
}

/**
 * Starts the execution of a stored analysis (named after it, so a second start is a no-op),
 * moving it to queued from one of `from`. An analysis that cannot start is failed rather than
 * left queued forever, and the error propagates.
 */
export async function startAnalysis(record: AnalysisRecord, from: readonly AnalysisStatus[]): Promise<void> {
  const queued = await transitionAnalysis(record.projectId, record.id, from, { status: 'queued' });
  if (!queued) return;
  try {
    client ??= new SFNClient({});
    const executionArn = await startNamedExecution(client, requireStateMachineArn(CODE_ANALYSIS_MACHINE), record.id, {
      projectId: record.projectId,
      analysisId: record.id,
    } satisfies AnalysisTaskInput);
    await transitionAnalysis(record.projectId, record.id, ['queued', 'running'], { executionArn });
  } catch (error) {
    logger.error('Could not start the analysis', { analysisId: record.id, error });
    await transitionAnalysis(record.projectId, record.id, ['queued'], {
      status: 'failed',
      failure: { code: 'ANALYSIS_NOT_STARTED', message: m.analysisNotStarted() },
      endedAt: new Date().toISOString(),
    });
    throw error;
  }
}

async function uploadFor(record: AnalysisRecord): Promise<CreatedAnalysis> {
  if (record.source.type !== 'archive') throw new Error('Only archive analyses take an upload');
  const upload = await presignedPut(
    artifactsBucket,
    uploadObjectKey(record.projectId, record.id, record.source.format),
    {
      expiresInSeconds: ANALYSIS_LIMITS.uploadUrlSeconds,
      contentLength: record.source.contentLength,
    },
  );
  return { id: record.id, status: 'waiting_for_upload', ...upload };
}

async function replayOf(projectId: string, request: IdempotentRequest): Promise<CreateAnalysisOutcome | undefined> {
  const previous = await findIdempotentAnalysis(projectId, request.key);
  if (!previous) return undefined;
  if (previous.requestHash !== request.requestHash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', httpMessages.idempotencyKeyReused());
  }
  const record = await getAnalysis(projectId, previous.analysisId);
  if (!record) throw new NotFoundError('ANALYSIS_NOT_FOUND', m.analysisNotFound());
  if (record.status === 'waiting_for_upload') return { answer: await uploadFor(record), replayed: true };
  return { answer: { id: record.id, status: record.status }, replayed: true };
}
