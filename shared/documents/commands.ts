import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import {
  bodyBytes,
  deleteDocumentBodies,
  getDocumentBody,
  putDocumentBody,
  type StoredBody,
} from '#shared/documents/bodies';
import { DOCUMENT_BODY_MAX_BYTES } from '#shared/documents/limits';
import * as m from '#shared/documents/messages';
import type { DocumentFormat, DocumentRecord, DocumentType, DocumentVersionRecord } from '#shared/documents/model';
import { validateOpenApi } from '#shared/documents/openapi/validate';
import { documentNotFound, getDocumentVersion, readDocumentBody, resolveDocument } from '#shared/documents/queries';
import {
  deleteDocumentItems,
  deleteDocumentRecord,
  getDocumentRecord,
  insertDocument,
  saveDocumentVersion,
} from '#shared/documents/repository';
import { statusAfterNewVersion } from '#shared/documents/reviews/rules';
import { toDocumentView } from '#shared/documents/views';
import { publishEvent } from '#shared/events/publisher';
import {
  ConflictError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '#shared/http/errors';
import { parseVersionTag } from '#shared/http/versioning';
import type { CreateDocumentBody, Document, UpdateDocumentBody } from '#shared/schemas/documents';

/** Tries at saving a version when a review step moves the document's status meanwhile. */
const SAVE_ATTEMPTS = 3;

/**
 * Refuses a body that is too large, or, for an OpenAPI design, not valid OpenAPI 3.0/3.1:
 * 400 naming `body`, each problem with its JSON pointer and line. Runs before anything is written.
 */
async function checkBody(format: DocumentFormat, body: string): Promise<void> {
  const bytes = bodyBytes(body);
  if (bytes > DOCUMENT_BODY_MAX_BYTES) {
    throw new ValidationError(
      [{ path: 'body.body', message: m.bodyTooLargeField({ max: DOCUMENT_BODY_MAX_BYTES }) }],
      m.bodyTooLarge({ bytes, max: DOCUMENT_BODY_MAX_BYTES }),
    );
  }
  if (format !== 'openapi') return;
  const validation = await validateOpenApi(body);
  if (validation.valid) return;
  throw new ValidationError(
    validation.problems.map((problem) => ({
      path: 'body.body',
      message: m.openApiProblemAt({ pointer: problem.pointer || '/', line: problem.line, reason: problem.message }),
    })),
    m.openApiInvalid({ count: validation.problems.length }),
  );
}

function versionRecord(
  document: DocumentRecord | Omit<DocumentRecord, 'number'>,
  stored: StoredBody,
  restoredFrom: number | null,
): DocumentVersionRecord {
  return {
    documentId: document.id,
    projectId: document.projectId,
    version: document.version,
    title: document.title,
    tags: document.tags,
    ...stored,
    restoredFrom,
    createdBy: document.versionCreatedBy,
    createdAt: document.updatedAt,
  };
}

/**
 * Creates a document with its first version (status `draft`), taking the project's next
 * number. `templateId` is stored as given; the body defaults to empty.
 */
export async function createDocument(scope: ProjectScope, input: CreateDocumentBody): Promise<Document> {
  const { projectId, caller } = scope;
  const body = input.body ?? '';
  await checkBody(input.format, body);
  const now = new Date().toISOString();
  const id = ulid().toLowerCase();
  const userId = caller.auth.userId;
  const draft: Omit<DocumentRecord, 'number'> = {
    id,
    projectId,
    title: input.title,
    type: input.type,
    format: input.format,
    tags: input.tags ?? [],
    templateId: input.templateId ?? null,
    status: 'draft',
    version: 1,
    versionCreatedBy: userId,
    reviewers: [],
    requiredApprovals: 1,
    createdBy: userId,
    createdAt: now,
    updatedAt: now,
  };
  const stored = await putDocumentBody(projectId, id, body);
  const record = await insertDocument(draft, versionRecord(draft, stored, null));
  await publishEvent(
    'Document Created',
    projectId,
    {
      documentId: id,
      number: record.number,
      title: record.title,
      type: record.type,
      format: record.format,
      version: 1,
    },
    { actorId: userId, correlationId: caller.correlationId },
  );
  return toDocumentView(record, scope.project.key, body);
}

/** The version an If-Match names; 428 without one. */
function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined) throw new PreconditionRequiredError('PRECONDITION_REQUIRED', m.ifMatchRequired());
  return parseVersionTag(ifMatch);
}

/** What a new version holds. */
interface NewVersion {
  title: string;
  type: DocumentType;
  tags: string[];
  body: string;
  restoredFrom: number | null;
}

/**
 * Saves `next` as the version after `expected`: 412 (with `currentVersion` and the ETag) when
 * the document is past it, 409 when it is obsolete. An approved document goes back to review
 * (`statusAfterNewVersion`). Of two writers with the same If-Match exactly one wins; the other's
 * body object is removed and it gets the 412.
 */
async function saveNewVersion(
  scope: ProjectScope,
  document: DocumentRecord,
  expected: number,
  next: NewVersion,
): Promise<Document> {
  const { projectId, caller } = scope;
  await checkBody(document.format, next.body);
  let current = document;
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    if (current.version !== expected) throw versionMismatch(current.version);
    if (current.status === 'obsolete') throw new ConflictError('DOCUMENT_OBSOLETE', m.documentObsolete());
    const saved: DocumentRecord = {
      ...current,
      title: next.title,
      type: next.type,
      tags: next.tags,
      status: statusAfterNewVersion(current.status),
      version: current.version + 1,
      versionCreatedBy: caller.auth.userId,
      updatedAt: new Date().toISOString(),
    };
    const stored = await putDocumentBody(projectId, current.id, next.body);
    if (await saveDocumentVersion(saved, versionRecord(saved, stored, next.restoredFrom), current)) {
      await publishEvent(
        'Document Updated',
        projectId,
        {
          documentId: saved.id,
          number: saved.number,
          title: saved.title,
          version: saved.version,
          restoredFrom: next.restoredFrom,
          status: saved.status,
        },
        { actorId: caller.auth.userId, correlationId: caller.correlationId },
      );
      return toDocumentView(saved, scope.project.key, next.body);
    }
    await deleteDocumentBodies([stored.bodyKey]);
    const reread = await getDocumentRecord(projectId, current.id);
    if (!reread) throw documentNotFound();
    current = reread;
  }
  throw versionMismatch(current.version);
}

/** The 412 of a stale If-Match: the current version in the problem (`currentVersion`) and the ETag. */
function versionMismatch(currentVersion: number): PreconditionFailedError {
  return new PreconditionFailedError('VERSION_MISMATCH', m.versionMismatch({ current: currentVersion }), {
    members: { currentVersion },
    headers: { etag: `"${currentVersion}"` },
  });
}

/** Saves a new version of a document (PUT): the fields given replace the current ones; If-Match required. */
export async function updateDocument(
  scope: ProjectScope,
  ref: string,
  patch: UpdateDocumentBody,
  ifMatch: string | undefined,
): Promise<Document> {
  const expected = expectedVersion(ifMatch);
  const document = await resolveDocument(scope, ref);
  const body = patch.body ?? (await readDocumentBody(scope, document));
  return saveNewVersion(scope, document, expected, {
    title: patch.title ?? document.title,
    type: patch.type ?? document.type,
    tags: patch.tags ?? document.tags,
    body,
    restoredFrom: null,
  });
}

/** Saves an older version's body, title and tags as the next version (If-Match required). */
export async function restoreDocumentVersion(
  scope: ProjectScope,
  ref: string,
  version: number,
  ifMatch: string | undefined,
): Promise<Document> {
  const expected = expectedVersion(ifMatch);
  const document = await resolveDocument(scope, ref);
  const restored = await getDocumentVersion(scope, document, version);
  const body = await getDocumentBody(restored.bodyKey);
  return saveNewVersion(scope, document, expected, {
    title: restored.title,
    type: document.type,
    tags: restored.tags,
    body,
    restoredFrom: version,
  });
}

/**
 * Deletes a document: first the document and its number's alias (from then on nothing serves
 * it, and the number is never given again), then its versions, approvals, comments and own
 * links, then the bodies.
 */
export async function deleteDocument(scope: ProjectScope, ref: string): Promise<void> {
  const { projectId, caller } = scope;
  const document = await resolveDocument(scope, ref);
  if (!(await deleteDocumentRecord(document))) throw documentNotFound();
  const bodyKeys = await deleteDocumentItems(projectId, document.id);
  await deleteDocumentBodies(bodyKeys);
  await publishEvent(
    'Document Deleted',
    projectId,
    { documentId: document.id, number: document.number },
    { actorId: caller.auth.userId, correlationId: caller.correlationId },
  );
}
