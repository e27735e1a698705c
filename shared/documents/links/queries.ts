import type { ProjectScope } from '#shared/auth/project-access';
import { table } from '#shared/data/repository';
import { requirementCoverage, type VerifyingLink } from '#shared/documents/links/coverage';
import { type DocumentLinkRecord, listDocumentLinks, listLinksToTarget } from '#shared/documents/links/repository';
import type { DocumentRecord } from '#shared/documents/model';
import { readDocumentBody, resolveDocument } from '#shared/documents/queries';
import { acceptanceCriteria } from '#shared/documents/rendering';
import { documentKey } from '#shared/documents/repository';
import type { DocumentLink, DocumentTraceability, LinkTargetType, TracedCase } from '#shared/schemas/documents';
import { getTestCases } from '#shared/testing/cases/repository';
import { caseHistory } from '#shared/testing/runs/repository';
import { chunks, mapConcurrently } from '#shared/utils/batches';

/** A document's links from both ends: those it makes, and other documents' links to it. */
export async function listLinksForCaller(
  scope: ProjectScope,
  documentRef: string,
): Promise<{ outgoing: DocumentLink[]; incoming: DocumentLink[] }> {
  const document = await resolveDocument(scope, documentRef);
  const [outgoing, incoming] = await Promise.all([
    listDocumentLinks(scope.projectId, document.id),
    listLinksToTarget(scope.projectId, 'document', document.id).then((links) => fromExistingDocuments(scope, links)),
  ]);
  return { outgoing: outgoing.map(toLinkView), incoming: incoming.map(toLinkView) };
}

/**
 * The links of the project's documents to one resource (a test case, an environment, …; a
 * document may be named by its number). Only the project's own links: the index key holds it.
 */
export async function listLinksToTargetForCaller(
  scope: ProjectScope,
  targetType: LinkTargetType,
  targetId: string,
): Promise<{ items: DocumentLink[] }> {
  const resolvedId = targetType === 'document' ? (await resolveDocument(scope, targetId)).id : targetId;
  const links = await listLinksToTarget(scope.projectId, targetType, resolvedId);
  return { items: (await fromExistingDocuments(scope, links)).map(toLinkView) };
}

/** How many reads (test cases' latest results, batches of documents) run at once. */
const HISTORY_CONCURRENCY = 8;

/**
 * The requirement coverage of the document's current version: its acceptance criteria (for a
 * Markdown requirement; other documents have none), the test cases linked `verifies` to each
 * with their latest result, and the totals. Links to deleted cases are left out.
 */
export async function traceabilityForCaller(scope: ProjectScope, documentRef: string): Promise<DocumentTraceability> {
  const { projectId } = scope;
  const document = await resolveDocument(scope, documentRef);
  const hasCriteria = document.type === 'requirement' && document.format === 'markdown';
  const [criteria, links] = await Promise.all([
    hasCriteria ? readDocumentBody(scope, document).then(acceptanceCriteria) : Promise.resolve([]),
    listDocumentLinks(projectId, document.id).then((all) =>
      all.filter((link) => link.linkType === 'verifies' && link.targetType === 'testCase'),
    ),
  ]);
  const cases = new Map(
    (await getTestCases(projectId, [...new Set(links.map((link) => link.targetId))])).map((record) => [
      record.id,
      record,
    ]),
  );
  const latest = new Map(
    await mapConcurrently([...cases.keys()], HISTORY_CONCURRENCY, async (caseId) => {
      const history = await caseHistory(caseId, { limit: 1 });
      const entry = history.items.find((item) => item.projectId === projectId);
      return [caseId, entry ? { status: entry.status, runId: entry.runId, at: entry.at } : null] as const;
    }),
  );
  const verifying: VerifyingLink[] = links.flatMap((link) => {
    const record = cases.get(link.targetId);
    if (!record) return [];
    const traced: TracedCase = {
      caseId: record.id,
      linkId: link.id,
      name: record.name,
      latestResult: latest.get(record.id) ?? null,
    };
    return [{ linkId: link.id, criterionId: link.criterionId, case: traced }];
  });
  return { documentId: document.id, version: document.version, ...requirementCoverage(criteria, verifying) };
}

/** A link as the API shows it. */
export function toLinkView(record: DocumentLinkRecord): DocumentLink {
  return {
    id: record.id,
    projectId: record.projectId,
    documentId: record.documentId,
    type: record.linkType,
    targetType: record.targetType,
    targetId: record.targetId,
    criterionId: record.criterionId,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

/** The links whose document still exists (a deleted document's links are not its project's any more). */
async function fromExistingDocuments(
  scope: ProjectScope,
  links: readonly DocumentLinkRecord[],
): Promise<DocumentLinkRecord[]> {
  const sources = [...new Set(links.map((link) => link.documentId))];
  const found = await mapConcurrently(chunks(sources, 100), HISTORY_CONCURRENCY, (ids) =>
    table.batchGet<Partial<DocumentRecord>>(ids.map((documentId) => documentKey(scope.projectId, documentId))),
  );
  const existing = new Set(found.flat().map((item) => item.id));
  return links.filter((link) => existing.has(link.documentId));
}
