import * as m from '#shared/documents/links/messages';
import type { DocumentType } from '#shared/documents/model';
import type { FieldProblem } from '#shared/http/errors';
import type { DocumentLinkType, LinkTargetType } from '#shared/schemas/documents';

// Which link may point where: `verifies` a test case (optionally one acceptance criterion of a
// requirement), `supersedes` another document, `relates` to any resource a document may be
// about. Pure, so the API's refusals are tested without a table.

/** The target types each link type accepts. */
export const LINK_TARGETS: Readonly<Record<DocumentLinkType, readonly LinkTargetType[]>> = {
  verifies: ['testCase'],
  supersedes: ['document'],
  relates: ['document', 'testCase', 'environment', 'pipeline', 'analysis'],
};

/** A link as asked for, its target resolved (a document number replaced by the document's id). */
export interface LinkRequest {
  type: DocumentLinkType;
  targetType: LinkTargetType;
  targetId: string;
  criterionId: string | null;
}

/**
 * What is wrong with a link from `source` before any target is looked up: the type and target
 * type must agree, a document never links to itself, and a criterion is named only by a
 * `verifies` link of a requirement. Empty when the link may be made.
 */
export function linkProblems(source: { id: string; type: DocumentType }, link: LinkRequest): FieldProblem[] {
  const allowed = LINK_TARGETS[link.type];
  if (!allowed.includes(link.targetType)) {
    return [
      {
        path: 'body.targetType',
        message: m.linkTargetRefused({ type: link.type, targetType: link.targetType, allowed: allowed.join(', ') }),
      },
    ];
  }
  if (link.targetType === 'document' && link.targetId === source.id) {
    return [{ path: 'body.targetId', message: m.selfLink() }];
  }
  if (link.criterionId === null) return [];
  if (link.type !== 'verifies') return [{ path: 'body.criterionId', message: m.criterionNeedsVerifies() }];
  if (source.type !== 'requirement') {
    return [{ path: 'body.criterionId', message: m.criterionNeedsRequirement({ type: source.type }) }];
  }
  return [];
}
