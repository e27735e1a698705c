import { ENV } from '#shared/config/env';
import { verifiedHosts } from '#shared/environments/ownership';
import { getEnvironment } from '#shared/environments/repository';
import { BadRequestError } from '#shared/http/errors';
import { isAllowListed, parseAllowList } from '#shared/http/outbound-policy';
import { type LocalizedText, localize } from '#shared/i18n/catalogue';
import type { PerformanceSpec } from '#shared/schemas/test-cases';
import { TemplateError } from '#shared/testing/assertions/templates';
import { renderCaseRequest } from '#shared/testing/cases/api-case';
import { getTestCases, type TestCaseRecord } from '#shared/testing/cases/repository';
import { resolveSuiteCases } from '#shared/testing/cases/suite-repository';
import * as m from '#shared/testing/load/messages';

/** The stage's allow-list (loopback in local mode): load tests may target these hosts unverified. */
const stageAllowList = parseAllowList(process.env[ENV.outboundAllowList]);

/** Where a load test may send its requests: the stage allow-list and the project's verified hosts. */
export interface LoadTargetAllowance {
  allowList: readonly string[];
  verifiedHosts: ReadonlySet<string>;
}

/** The allowance of a project's load tests now. */
export async function loadTargetAllowance(projectId: string): Promise<LoadTargetAllowance> {
  return { allowList: stageAllowList, verifiedHosts: await verifiedHosts(projectId) };
}

/** Why a load test may not target `url`, or undefined when it may. */
export function loadTargetProblem(url: string, allowance: LoadTargetAllowance): LocalizedText | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return m.loadTargetInvalidUrl();
  }
  if (isAllowListed(allowance.allowList, host) || allowance.verifiedHosts.has(host.replace(/\.$/, ''))) {
    return undefined;
  }
  return m.loadTargetNotVerified({ host });
}

/**
 * Refuses a run whose performance cases target a host the project has not verified (and the
 * stage does not allow-list): 400 LOAD_TARGET_NOT_VERIFIED naming each case. URLs that only
 * resolve at run time (a template error) are left to the load task, which checks again.
 */
export async function checkRunLoadTargets(
  projectId: string,
  input: { suiteId?: string; caseIds?: readonly string[]; environmentId?: string; vars?: Record<string, string> },
): Promise<void> {
  const cases = input.suiteId
    ? (await resolveSuiteCases(projectId, input.suiteId)).cases
    : await getTestCases(projectId, input.caseIds ?? []);
  const performance = cases.filter((testCase) => testCase.type === 'performance');
  if (performance.length === 0) return;
  const [environment, allowance] = await Promise.all([
    input.environmentId ? getEnvironment(projectId, input.environmentId) : undefined,
    loadTargetAllowance(projectId),
  ]);
  const refused = performance.flatMap((testCase) => {
    const url = renderedUrl(testCase, input.vars ?? {}, environment?.url);
    const problem = url === undefined ? undefined : loadTargetProblem(url, allowance);
    return problem === undefined ? [] : [`"${testCase.name}": ${localize(problem)}`];
  });
  if (refused.length > 0) {
    throw new BadRequestError('LOAD_TARGET_NOT_VERIFIED', m.loadTargetsRefused({ refused: refused.join('; ') }));
  }
}

function renderedUrl(testCase: TestCaseRecord, vars: Record<string, string>, environmentUrl: string | undefined) {
  try {
    return renderCaseRequest((testCase.spec as PerformanceSpec).request, { vars, environmentUrl }).url;
  } catch (error) {
    if (error instanceof TemplateError) return undefined;
    throw error;
  }
}
