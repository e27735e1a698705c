import type { AcceptanceCriterion } from '#shared/documents/rendering';
import type { CriterionCoverage, DocumentTraceability, TracedCase } from '#shared/schemas/documents';

// Requirement coverage, as TestRail and Xray compute it, from a requirement's acceptance
// criteria, its `verifies` links to test cases and each case's latest result. A criterion is:
//  - not_covered: no test case is linked to it;
//  - failed:      a linked case's latest result failed or errored (one failure is enough: NOK);
//  - untested:    no linked case failed, but one has no result yet or was skipped (NOTRUN);
//  - passed:      every linked case passed on its latest result (OK).
// A link to the whole document (no criterion) counts for no criterion: it covers the
// requirement as a whole, which TestRail and Xray would not split either.

/** A `verifies` link from the requirement to a test case, with the case as found now. */
export interface VerifyingLink {
  linkId: string;
  criterionId: string | null;
  case: TracedCase;
}

/** The coverage of one criterion from its cases' latest results. */
export function criterionCoverage(cases: readonly TracedCase[]): CriterionCoverage {
  if (cases.length === 0) return 'not_covered';
  const statuses = cases.map((traced) => traced.latestResult?.status);
  if (statuses.some((status) => status === 'failed' || status === 'errored')) return 'failed';
  if (statuses.some((status) => status !== 'passed')) return 'untested';
  return 'passed';
}

/** The traceability view of one version of a requirement (everything but its id and version). */
export function requirementCoverage(
  criteria: readonly AcceptanceCriterion[],
  links: readonly VerifyingLink[],
): Omit<DocumentTraceability, 'documentId' | 'version'> {
  const known = new Set(criteria.map((criterion) => criterion.id));
  const casesOf = new Map<string, TracedCase[]>();
  const documentCases: TracedCase[] = [];
  const staleLinks: DocumentTraceability['staleLinks'] = [];
  for (const link of links) {
    if (link.criterionId === null) documentCases.push(link.case);
    else if (!known.has(link.criterionId)) {
      staleLinks.push({ linkId: link.linkId, criterionId: link.criterionId, caseId: link.case.caseId });
    } else casesOf.set(link.criterionId, [...(casesOf.get(link.criterionId) ?? []), link.case]);
  }
  const rows = criteria.map((criterion) => {
    const cases = casesOf.get(criterion.id) ?? [];
    return { id: criterion.id, text: criterion.text, coverage: criterionCoverage(cases), cases };
  });
  const count = (coverage: CriterionCoverage) => rows.filter((row) => row.coverage === coverage).length;
  return {
    criteria: rows,
    documentCases,
    withoutPassingTest: rows
      .filter((row) => !row.cases.some((traced) => traced.latestResult?.status === 'passed'))
      .map((row) => row.id),
    staleLinks,
    totals: {
      criteria: rows.length,
      covered: rows.length - count('not_covered'),
      notCovered: count('not_covered'),
      passed: count('passed'),
      failed: count('failed'),
      untested: count('untested'),
    },
  };
}
