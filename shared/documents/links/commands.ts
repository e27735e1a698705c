import { getAnalysis } from '#shared/analysis/repository';
import type { Caller } from '#shared/auth/context';
import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/documents/links/messages';
import { toLinkView } from '#shared/documents/links/queries';
import {
  countDocumentLinks,
  type DocumentLinkRecord,
  deleteLink,
  getLink,
  insertLink,
  linkIdOf,
} from '#shared/documents/links/repository';
import { type LinkRequest, linkProblems } from '#shared/documents/links/rules';
import type { DocumentRecord } from '#shared/documents/model';
import { readDocumentBody, resolveDocument } from '#shared/documents/queries';
import { acceptanceCriteria } from '#shared/documents/rendering';
import { getEnvironment } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { AppError, ConflictError, NotFoundError, ValidationError } from '#shared/http/errors';
import { getPipeline } from '#shared/pipelines/repository';
import type { CreateDocumentLinkBody, DocumentLink, LinkTargetType } from '#shared/schemas/documents';
import { getTestCase } from '#shared/testing/cases/repository';

/** A document makes this many links at most (traceability reads every linked case's latest result). */
export const MAX_LINKS_PER_DOCUMENT = 500;

const origin = (caller: Caller) => ({ actorId: caller.auth.userId, correlationId: caller.correlationId });

/**
 * Links the document to a resource of the same project. The target must exist there (400
 * naming `targetId` otherwise, whatever other project may have that id); a criterion must be
 * one of the current version's acceptance criteria. The same link twice answers 409.
 */
export async function createLink(
  scope: ProjectScope,
  documentRef: string,
  input: CreateDocumentLinkBody,
): Promise<DocumentLink> {
  const { projectId, caller } = scope;
  const document = await resolveDocument(scope, documentRef);
  const request: LinkRequest = {
    type: input.type,
    targetType: input.targetType,
    targetId: await resolveTarget(scope, input.targetType, input.targetId),
    criterionId: input.criterionId?.toUpperCase() ?? null,
  };
  const problems = linkProblems(document, request);
  if (problems.length > 0) throw new ValidationError(problems);
  if (request.criterionId !== null) await assertCriterion(scope, document, request.criterionId);
  if ((await countDocumentLinks(projectId, document.id)) >= MAX_LINKS_PER_DOCUMENT) {
    throw new ConflictError('TOO_MANY_DOCUMENT_LINKS', m.tooManyLinks({ max: MAX_LINKS_PER_DOCUMENT }));
  }
  const ends = {
    projectId,
    documentId: document.id,
    linkType: request.type,
    targetType: request.targetType,
    targetId: request.targetId,
    criterionId: request.criterionId,
  };
  const record: DocumentLinkRecord = {
    id: linkIdOf(ends),
    ...ends,
    createdBy: caller.auth.userId,
    createdAt: new Date().toISOString(),
  };
  if (!(await insertLink(record))) throw new ConflictError('DOCUMENT_LINK_EXISTS', m.linkExists({ linkId: record.id }));
  await publishEvent('Document Link Added', projectId, linkEventData(record), origin(caller));
  return toLinkView(record);
}

/** Removes one of the document's links (404 when the document has no such link). */
export async function removeLink(scope: ProjectScope, documentRef: string, linkId: string): Promise<void> {
  const { projectId, caller } = scope;
  const document = await resolveDocument(scope, documentRef);
  const link = await getLink(projectId, document.id, linkId);
  if (!link || !(await deleteLink(projectId, document.id, linkId))) {
    throw new NotFoundError('DOCUMENT_LINK_NOT_FOUND', m.linkNotFound());
  }
  await publishEvent('Document Link Removed', projectId, linkEventData(link), origin(caller));
}

function linkEventData(link: DocumentLinkRecord) {
  return {
    documentId: link.documentId,
    linkId: link.id,
    type: link.linkType,
    targetType: link.targetType,
    targetId: link.targetId,
    criterionId: link.criterionId,
  };
}

/** The target's id in this project (a document's number resolved), or 400 naming `targetId`. */
async function resolveTarget(scope: ProjectScope, targetType: LinkTargetType, targetId: string): Promise<string> {
  const { projectId } = scope;
  const refused = () =>
    new ValidationError([{ path: 'body.targetId', message: m.targetNotFound({ targetType, targetId }) }]);
  if (targetType === 'document') {
    try {
      return (await resolveDocument(scope, targetId)).id;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw refused();
      throw error;
    }
  }
  const lookups: Record<Exclude<LinkTargetType, 'document'>, () => Promise<unknown>> = {
    testCase: () => getTestCase(projectId, targetId),
    environment: () => getEnvironment(projectId, targetId),
    pipeline: () => getPipeline(projectId, targetId),
    analysis: () => getAnalysis(projectId, targetId),
  };
  if ((await lookups[targetType]()) === undefined) throw refused();
  return targetId;
}

/** The criterion must be one of the acceptance criteria of the document's current version (400 naming `criterionId`). */
async function assertCriterion(scope: ProjectScope, document: DocumentRecord, criterionId: string): Promise<void> {
  const criteria = acceptanceCriteria(await readDocumentBody(scope, document));
  if (criteria.some((criterion) => criterion.id === criterionId)) return;
  const known = criteria.length > 0 ? criteria.map((criterion) => criterion.id).join(', ') : m.noCriteria();
  throw new ValidationError([
    {
      path: 'body.criterionId',
      message: m.criterionNotFound({ criterionId, version: document.version, known }),
    },
  ]);
}
