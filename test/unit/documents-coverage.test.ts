import { describe, expect, it } from 'vitest';
import { criterionCoverage, requirementCoverage, type VerifyingLink } from '#shared/documents/links/coverage';
import { linkProblems } from '#shared/documents/links/rules';
import { acceptanceCriteria } from '#shared/documents/rendering';
import { formatText } from '#shared/i18n/catalogue';
import type { TracedCase } from '#shared/schemas/documents';

// Requirement coverage by Xray's rules (OK when every linked test passed, NOK when one failed,
// NOTRUN when none failed but one has not run, UNCOVERED without tests), on a requirement
// written the way the requirement template writes one.

const REQUIREMENT = `# Sign-in

## Acceptance criteria

1. [AC-1] A member signs in with a password.
2. [AC-2] A wrong password is refused.
3. [AC-3] Five failures lock the account.
4. [AC-4] A locked account can be unlocked by email.
5. [AC-5] Sessions expire after an hour.
`;

let sequence = 0;
function traced(status: 'passed' | 'failed' | 'errored' | 'skipped' | null): TracedCase {
  sequence += 1;
  const id = String(sequence).padStart(26, '0');
  return {
    caseId: id,
    linkId: id,
    name: `case ${sequence}`,
    latestResult: status === null ? null : { status, runId: id, at: '2026-12-03T10:00:00.000Z' },
  };
}
const link = (criterionId: string | null, status: Parameters<typeof traced>[0]): VerifyingLink => {
  const tracedCase = traced(status);
  return { linkId: tracedCase.linkId, criterionId, case: tracedCase };
};

describe('criterion coverage', () => {
  it.each([
    [[], 'not_covered'],
    [['passed', 'passed'], 'passed'],
    [['passed', 'failed'], 'failed'],
    [['errored', null], 'failed'],
    [['passed', null], 'untested'],
    [['passed', 'skipped'], 'untested'],
    [[null], 'untested'],
  ] as const)('of cases whose latest results are %j is %s', (statuses, expected) => {
    // Act
    const coverage = criterionCoverage(statuses.map((status) => traced(status)));
    // Assess
    expect(coverage).toBe(expected);
  });
});

describe('requirement coverage', () => {
  it('answers each criterion with its cases, the criteria without a passing test and the totals', () => {
    // Arrange: AC-1 passes twice, AC-2 one pass one failure, AC-3 never run, AC-4 and AC-5 unlinked;
    // one case verifies the whole document, one a criterion the document no longer has.
    const links = [
      link('AC-1', 'passed'),
      link('AC-1', 'passed'),
      link('AC-2', 'passed'),
      link('AC-2', 'failed'),
      link('AC-3', null),
      link(null, 'passed'),
      link('AC-9', 'passed'),
    ];
    // Act
    const coverage = requirementCoverage(acceptanceCriteria(REQUIREMENT), links);
    // Assess
    expect(coverage.criteria.map((row) => [row.id, row.coverage, row.cases.length])).toEqual([
      ['AC-1', 'passed', 2],
      ['AC-2', 'failed', 2],
      ['AC-3', 'untested', 1],
      ['AC-4', 'not_covered', 0],
      ['AC-5', 'not_covered', 0],
    ]);
    expect(coverage.criteria[1]?.text).toBe('A wrong password is refused.');
    expect(coverage.withoutPassingTest).toEqual(['AC-3', 'AC-4', 'AC-5']);
    expect(coverage.totals).toEqual({ criteria: 5, covered: 3, notCovered: 2, passed: 1, failed: 1, untested: 1 });
    expect(coverage.documentCases.map((tracedCase) => tracedCase.caseId)).toEqual([links[5]?.case.caseId]);
    expect(coverage.staleLinks).toEqual([
      { linkId: links[6]?.linkId, criterionId: 'AC-9', caseId: links[6]?.case.caseId },
    ]);
  });

  it('counts nothing covered for a requirement without links', () => {
    // Act
    const coverage = requirementCoverage(acceptanceCriteria(REQUIREMENT), []);
    // Assess
    expect(coverage.totals).toEqual({ criteria: 5, covered: 0, notCovered: 5, passed: 0, failed: 0, untested: 0 });
    expect(coverage.withoutPassingTest).toHaveLength(5);
  });
});

describe('link rules', () => {
  const requirement = { id: 'd'.repeat(26), type: 'requirement' as const };
  const problem = (...args: Parameters<typeof linkProblems>) =>
    linkProblems(...args).map((found) => [
      found.path,
      typeof found.message === 'string' ? found.message : formatText(found.message, 'en'),
    ]);

  it('lets verifies point to test cases, supersedes to documents, relates to anything', () => {
    // Act + Assess
    expect(
      problem(requirement, { type: 'verifies', targetType: 'testCase', targetId: 'c', criterionId: 'AC-1' }),
    ).toEqual([]);
    expect(
      problem(requirement, { type: 'supersedes', targetType: 'document', targetId: 'e', criterionId: null }),
    ).toEqual([]);
    for (const targetType of ['document', 'testCase', 'environment', 'pipeline', 'analysis'] as const) {
      expect(problem(requirement, { type: 'relates', targetType, targetId: 'e', criterionId: null })).toEqual([]);
    }
    expect(
      problem(requirement, { type: 'verifies', targetType: 'document', targetId: 'e', criterionId: null }),
    ).toEqual([['body.targetType', 'A verifies link cannot point to a document; it points to: testCase.']]);
    expect(
      problem(requirement, { type: 'supersedes', targetType: 'pipeline', targetId: 'e', criterionId: null }),
    ).toHaveLength(1);
  });

  it('refuses a link to the document itself and a criterion outside a verifies link of a requirement', () => {
    // Act + Assess
    expect(
      problem(requirement, { type: 'relates', targetType: 'document', targetId: requirement.id, criterionId: null }),
    ).toEqual([['body.targetId', 'A document cannot link to itself.']]);
    expect(
      problem(requirement, { type: 'relates', targetType: 'testCase', targetId: 'c', criterionId: 'AC-1' })[0]?.[0],
    ).toBe('body.criterionId');
    expect(
      problem(
        { ...requirement, type: 'adr' },
        { type: 'verifies', targetType: 'testCase', targetId: 'c', criterionId: 'AC-1' },
      ),
    ).toEqual([['body.criterionId', 'Acceptance criteria belong to requirement documents; this one is of type adr.']]);
  });
});
