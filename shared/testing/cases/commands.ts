import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { publishEvent } from '#shared/events/publisher';
import {
  AppError,
  ConflictError,
  type FieldError,
  PreconditionFailedError,
  ValidationError,
} from '#shared/http/errors';
import { urlRefused } from '#shared/http/messages';
import { validateOutboundUrl } from '#shared/http/outbound';
import { parseVersionTag } from '#shared/http/versioning';
import { localize } from '#shared/i18n/catalogue';
import type { CreateTestCaseBody, HttpRequestSpec, TestCase, UpdateTestCaseBody } from '#shared/schemas/test-cases';
import { TEST_CASE_LIMITS } from '#shared/schemas/test-results';
import type { CreateTestSuiteBody, TestSuite, UpdateTestSuiteBody } from '#shared/schemas/test-suites';
import { hasPlaceholder } from '#shared/testing/assertions/templates';
import * as m from '#shared/testing/cases/messages';
import { requireTestCase, requireTestSuite, toTestCaseView, toTestSuiteView } from '#shared/testing/cases/queries';
import {
  deleteTestCaseRecord,
  getTestCases,
  importedCaseId,
  insertTestCase,
  replaceTestCase,
  type TestCaseRecord,
  testCaseItemBytes,
} from '#shared/testing/cases/repository';
import {
  deleteTestSuiteRecord,
  insertTestSuite,
  replaceTestSuite,
  type TestSuiteRecord,
} from '#shared/testing/cases/suite-repository';
import { caseKey } from '#shared/testing/imports/case-key';

/** Creates a test case; `spec` was validated by its type at the edge. */
export async function createTestCase(scope: ProjectScope, input: CreateTestCaseBody): Promise<TestCase> {
  const { projectId, caller } = scope;
  checkTargetUrls(input.spec);
  const now = new Date().toISOString();
  // A case CI runs is known by the classname + name its JUnit reports give it: its id is the
  // one an import derives from them, so imported results land on it.
  const reported = input.type === 'unit' || input.type === 'integration' || input.type === 'e2e';
  const classname = reported ? (input.classname ?? '') : undefined;
  const record: TestCaseRecord = {
    id: reported ? importedCaseId(projectId, caseKey(classname!, input.name)) : ulid().toLowerCase(),
    projectId,
    name: input.name,
    type: input.type,
    tags: input.tags ?? [],
    spec: input.spec ?? {},
    ...(classname ? { classname } : {}),
    version: 1,
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
  };
  checkStoredSize(record);
  if (!(await insertTestCase(record))) {
    if (!reported) throw new Error('Test case id collision');
    throw new ConflictError('TEST_CASE_EXISTS', m.caseTaken());
  }
  await publishEvent(
    'Test Case Created',
    projectId,
    { caseId: record.id, name: record.name },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toTestCaseView(record);
}

/**
 * Changes a case (honours If-Match). `type` must be the case's own: a case never changes
 * type, the field only says how `spec` is validated. A given `spec` replaces the stored one.
 */
export async function updateTestCase(
  scope: ProjectScope,
  caseId: string,
  patch: UpdateTestCaseBody,
  ifMatch: string | undefined,
): Promise<TestCase> {
  const { projectId } = scope;
  const current = await requireTestCase(projectId, caseId);
  if (patch.type !== current.type) {
    throw new ValidationError(
      [{ path: 'body.type', message: m.typeFixed({ type: current.type }) }],
      m.typeCannotChange({ type: current.type }),
    );
  }
  if (patch.spec !== undefined) checkTargetUrls(patch.spec);
  const expected = ifMatch === undefined ? current.version : parseVersionTag(ifMatch);
  const next: TestCaseRecord = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags ?? [] } : {}),
    ...(patch.spec !== undefined ? { spec: patch.spec } : {}),
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  checkStoredSize(next);
  if (!(await replaceTestCase(next, expected))) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', m.caseVersionMismatch());
    }
    await requireTestCase(projectId, caseId);
    throw new ConflictError('CONCURRENT_MODIFICATION', m.caseConcurrentModification());
  }
  await publishEvent(
    'Test Case Updated',
    projectId,
    { caseId, name: next.name, version: next.version },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toTestCaseView(next);
}

/** Deletes a case. Its past results stay in their runs; suites listing it skip it from now on. */
export async function deleteTestCase(scope: ProjectScope, caseId: string): Promise<void> {
  const { projectId } = scope;
  if (!(await deleteTestCaseRecord(projectId, caseId))) await requireTestCase(projectId, caseId);
  await publishEvent(
    'Test Case Deleted',
    projectId,
    { caseId },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
}

/**
 * Refuses a case whose fields are each within bounds but which as a whole would not fit one
 * DynamoDB item (a 500 from the write otherwise): 413 naming the spec, nothing written.
 */
function checkStoredSize(record: TestCaseRecord): void {
  const bytes = testCaseItemBytes(record);
  if (bytes <= TEST_CASE_LIMITS.itemBytes) return;
  const message = localize(m.caseTooLargeReason({ bytes: String(bytes), limit: String(TEST_CASE_LIMITS.itemBytes) }));
  throw new AppError(413, 'TEST_CASE_TOO_LARGE', m.titleCaseTooLarge(), m.specTooLarge({ reason: message }), {
    errors: [{ path: 'body.spec', message }],
  });
}

/**
 * Refuses, at save time, literal target URLs the outbound policy would refuse at run time
 * (private addresses, credentials), naming the field. URLs built from placeholders are
 * checked when a run renders them.
 */
function checkTargetUrls(spec: unknown): void {
  const requests: [HttpRequestSpec, string][] = [];
  const value = (spec ?? {}) as { request?: HttpRequestSpec; steps?: { request: HttpRequestSpec }[] };
  if (value.request) requests.push([value.request, 'body.spec.request.url']);
  value.steps?.forEach((step, index) => {
    requests.push([step.request, `body.spec.steps.${index}.request.url`]);
  });
  const errors: FieldError[] = [];
  for (const [request, path] of requests) {
    if (hasPlaceholder(request.url)) continue;
    const check = validateOutboundUrl(request.url);
    if (!check.ok) errors.push({ path, message: localize(urlRefused({ reason: check.reason })) });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

// ---------------------------------------------------------------------------------------------
// Suites

/** Creates a suite; every listed case must exist in the project. */
export async function createTestSuite(scope: ProjectScope, input: CreateTestSuiteBody): Promise<TestSuite> {
  const { projectId, caller } = scope;
  const caseIds = input.caseIds ?? [];
  await checkCasesExist(projectId, caseIds);
  const now = new Date().toISOString();
  const suite: TestSuiteRecord = {
    id: ulid().toLowerCase(),
    projectId,
    name: input.name,
    caseIds,
    tags: input.tags ?? [],
    version: 1,
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await insertTestSuite(suite))) throw new Error('Test suite id collision');
  await publishEvent(
    'Test Suite Created',
    projectId,
    { suiteId: suite.id, name: suite.name },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toTestSuiteView(suite);
}

/**
 * Changes a suite (honours If-Match). Given lists replace the stored ones, `null` clears
 * one; the suite must keep caseIds or tags. Newly listed cases must exist in the project.
 */
export async function updateTestSuite(
  scope: ProjectScope,
  suiteId: string,
  patch: UpdateTestSuiteBody,
  ifMatch: string | undefined,
): Promise<TestSuite> {
  const { projectId } = scope;
  const current = await requireTestSuite(projectId, suiteId);
  const next: TestSuiteRecord = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.caseIds !== undefined ? { caseIds: patch.caseIds ?? [] } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags ?? [] } : {}),
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  if (next.caseIds.length === 0 && next.tags.length === 0) {
    throw new ValidationError(
      [{ path: 'body', message: 'a suite needs caseIds or tags (or both)' }],
      m.suiteWouldBeEmpty(),
    );
  }
  if (patch.caseIds) {
    // Cases the suite already listed may have been deleted since; only new entries must exist.
    const known = new Set(current.caseIds);
    await checkCasesExist(projectId, patch.caseIds, known);
  }
  const expected = ifMatch === undefined ? current.version : parseVersionTag(ifMatch);
  if (!(await replaceTestSuite(next, expected))) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', m.suiteVersionMismatch());
    }
    await requireTestSuite(projectId, suiteId);
    throw new ConflictError('CONCURRENT_MODIFICATION', m.suiteConcurrentModification());
  }
  await publishEvent(
    'Test Suite Updated',
    projectId,
    { suiteId, name: next.name, version: next.version },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toTestSuiteView(next);
}

/** Deletes a suite; its runs stay. */
export async function deleteTestSuite(scope: ProjectScope, suiteId: string): Promise<void> {
  const { projectId } = scope;
  if (!(await deleteTestSuiteRecord(projectId, suiteId))) await requireTestSuite(projectId, suiteId);
  await publishEvent(
    'Test Suite Deleted',
    projectId,
    { suiteId },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
}

/** 400 naming each `body.caseIds.<i>` that is not a case of the project (ids in `exempt` are not checked). */
async function checkCasesExist(
  projectId: string,
  caseIds: readonly string[],
  exempt: ReadonlySet<string> = new Set(),
): Promise<void> {
  const toCheck = caseIds.filter((id) => !exempt.has(id));
  if (toCheck.length === 0) return;
  const found = new Set((await getTestCases(projectId, toCheck)).map((record) => record.id));
  const errors: FieldError[] = caseIds.flatMap((id, index) =>
    exempt.has(id) || found.has(id)
      ? []
      : [{ path: `body.caseIds.${index}`, message: `no test case ${id} in this project` }],
  );
  if (errors.length > 0) throw new ValidationError(errors, m.casesMissing());
}
