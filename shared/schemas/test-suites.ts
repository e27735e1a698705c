import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { Tag } from '#shared/schemas/test-cases';
import { TestCaseType } from '#shared/schemas/test-results';

/** A suite lists cases by id and/or selects them by tag (any tag matches). */
export const TEST_SUITE_LIMITS = { nameLength: 200, caseIds: 1_000, tags: 20 } as const;

const CaseIds = z.array(ResourceId).check(
  z.maxLength(TEST_SUITE_LIMITS.caseIds),
  z.refine((ids) => new Set(ids).size === ids.length, zodMessage(s.caseIdsUnique)),
);
const SuiteTags = z.array(Tag).check(
  z.maxLength(TEST_SUITE_LIMITS.tags),
  z.refine((tags) => new Set(tags).size === tags.length, zodMessage(s.tagsUnique)),
);

export const CreateTestSuiteBody = z
  .strictObject({
    name: text(TEST_SUITE_LIMITS.nameLength),
    caseIds: z.optional(CaseIds),
    tags: z.optional(SuiteTags),
  })
  .check(
    z.refine(
      (body) => (body.caseIds?.length ?? 0) > 0 || (body.tags?.length ?? 0) > 0,
      'a suite needs caseIds or tags (or both)',
    ),
  );
export type CreateTestSuiteBody = z.infer<typeof CreateTestSuiteBody>;

/** A given list replaces the stored one; `null` clears it (a suite must keep caseIds or tags). */
export const UpdateTestSuiteBody = z
  .strictObject({
    name: z.optional(text(TEST_SUITE_LIMITS.nameLength)),
    caseIds: z.optional(z.nullable(CaseIds)),
    tags: z.optional(z.nullable(SuiteTags)),
  })
  .check(
    z.refine(
      (body) => body.name !== undefined || body.caseIds !== undefined || body.tags !== undefined,
      zodMessage(s.updateSuiteField),
    ),
  );
export type UpdateTestSuiteBody = z.infer<typeof UpdateTestSuiteBody>;

/** A suite's cases as a run resolves them (`GET .../test-suites/{id}` includes them). */
export const ResolvedCase = z.object({ id: z.string(), name: z.string(), type: TestCaseType });

export const TestSuiteParams = z.strictObject({ projectId: ResourceId, suiteId: ResourceId });

export const TestSuite = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    caseIds: z.array(z.string()),
    tags: z.array(z.string()),
    /** `GET .../test-suites/{suiteId}` only: the cases a run of the suite would execute now. */
    cases: z.optional(z.array(ResolvedCase)),
    version: z.int(),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'TestSuite' }));
export type TestSuite = z.infer<typeof TestSuite>;
export const TestSuitePage = pageOf(TestSuite);
