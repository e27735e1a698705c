import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { Tag } from '#shared/schemas/test-cases';
import { TestCaseType } from '#shared/schemas/test-results';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

/** A suite lists cases by id and/or selects them by tag (any tag matches). */
export const TEST_SUITE_LIMITS = { nameLength: 200, caseIds: 1_000, tags: 20 } as const;

const CaseIds = /* @__PURE__ */ z.array(ResourceId).check(
  /* @__PURE__ */ z.maxLength(TEST_SUITE_LIMITS.caseIds),
  /* @__PURE__ */ z.refine((ids) => new Set(ids).size === ids.length, /* @__PURE__ */ zodMessage(s.caseIdsUnique)),
);
const SuiteTags = /* @__PURE__ */ z.array(Tag).check(
  /* @__PURE__ */ z.maxLength(TEST_SUITE_LIMITS.tags),
  /* @__PURE__ */ z.refine((tags) => new Set(tags).size === tags.length, /* @__PURE__ */ zodMessage(s.tagsUnique)),
);

export const CreateTestSuiteBody = /* @__PURE__ */ z
  .strictObject({
    name: /* @__PURE__ */ text(TEST_SUITE_LIMITS.nameLength),
    caseIds: /* @__PURE__ */ z.optional(CaseIds),
    tags: /* @__PURE__ */ z.optional(SuiteTags),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (body) => (body.caseIds?.length ?? 0) > 0 || (body.tags?.length ?? 0) > 0,
      'a suite needs caseIds or tags (or both)',
    ),
  );
export type CreateTestSuiteBody = z.infer<typeof CreateTestSuiteBody>;

/** A given list replaces the stored one; `null` clears it (a suite must keep caseIds or tags). */
export const UpdateTestSuiteBody = /* @__PURE__ */ z
  .strictObject({
    name: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(TEST_SUITE_LIMITS.nameLength)),
    caseIds: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(CaseIds)),
    tags: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(SuiteTags)),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (body) => body.name !== undefined || body.caseIds !== undefined || body.tags !== undefined,
      /* @__PURE__ */ zodMessage(s.updateSuiteField),
    ),
  );
export type UpdateTestSuiteBody = z.infer<typeof UpdateTestSuiteBody>;

/** A suite's cases as a run resolves them (`GET .../test-suites/{id}` includes them). */
export const ResolvedCase = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  type: TestCaseType,
});

export const TestSuiteParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, suiteId: ResourceId });

export const TestSuite = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string(),
    projectId: /* @__PURE__ */ z.string(),
    name: /* @__PURE__ */ z.string(),
    caseIds: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    tags: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    /** `GET .../test-suites/{suiteId}` only: the cases a run of the suite would execute now. */
    cases: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(ResolvedCase)),
    version: /* @__PURE__ */ z.int(),
    createdBy: /* @__PURE__ */ z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'TestSuite' }));
export type TestSuite = z.infer<typeof TestSuite>;
export const TestSuitePage = /* @__PURE__ */ pageOf(TestSuite);
