import {
  type OutboundClient,
  OutboundRequestError,
  type OutboundResponse,
  outboundClient,
} from '#shared/http/outbound';
import type { LocalizedText } from '#shared/i18n/catalogue';
import { type RecordedText, type StoredText, storedText, storedWith } from '#shared/i18n/stored';
import type { ApiSpec, PerformanceSpec, ScenarioSpec } from '#shared/schemas/test-cases';
import {
  type CaseStatus,
  type RecordedAssertion,
  type RecordedCaseResult,
  TEST_CASE_LIMITS,
  type TestCaseType,
} from '#shared/schemas/test-results';
import {
  evaluateAssertion,
  JsonPathRefused,
  ResponseView,
  selectJsonPath,
} from '#shared/testing/assertions/assertions';
import * as am from '#shared/testing/assertions/messages';
import {
  type RenderedRequest,
  renderRequest,
  TemplateError,
  type TemplateScope,
} from '#shared/testing/assertions/templates';
import { recordedRequest, recordedResponse } from '#shared/testing/runs/exchange-record';
import * as rm from '#shared/testing/runs/messages';

/** How many times a case may be re-run after a failed or errored attempt. */
export const MAX_RETRIES = 5;
const MAX_ERROR_CHARS = 2000;

/** What a run gives every case it runs. */
export interface RunContext {
  /** Variables for `{{vars.name}}`; a scenario adds what its steps extract. */
  vars: Readonly<Record<string, unknown>>;
  /** The target environment's URL, for `{{environment.url}}`. */
  environmentUrl?: string;
  /** Defaults to the platform's guarded `outboundClient`. */
  client?: OutboundClient;
  /** Per request; defaults to the client's own timeout. */
  timeoutMs?: number;
  /** Extra attempts after a failed or errored one (not after a bad template, which cannot change); 0 by default. */
  retries?: number;
  /** Aborts the request in flight (a cancelled run); the case is then errored. */
  signal?: AbortSignal;
}

/** A stored case as the runner needs it. */
export interface RunnableCase<T extends TestCaseType, S> {
  caseId: string;
  name: string;
  type: T;
  spec: S;
}
export type ApiCase = RunnableCase<'api', ApiSpec>;
export type ScenarioCase = RunnableCase<'scenario', ScenarioSpec>;
export type PerformanceCase = RunnableCase<'performance', PerformanceSpec>;
/** Cases CI runs and reports; Trellis does not execute them. */
export type ReportedCase = RunnableCase<'unit' | 'integration' | 'e2e', Record<string, never> | undefined>;
export type RunnableTestCase = ApiCase | ScenarioCase | PerformanceCase | ReportedCase;

/**
 * Runs a performance case. Supplied by the load-testing module; it may use `renderCaseRequest`
 * so that placeholders resolve as for every other case, and returns `metrics`.
 */
export type PerformanceRunner = (testCase: PerformanceCase, context: RunContext) => Promise<RecordedCaseResult>;

/** One run of a case's requests; a case result is the last attempt, counted. */
interface Attempt {
  status: Exclude<CaseStatus, 'skipped'>;
  assertions: RecordedAssertion[];
  error?: RecordedText;
  /** False when another attempt cannot change the outcome (a bad template). */
  retryable: boolean;
  /** The request that failed the attempt, and its response when one came: shown in a failed result. */
  failedExchange?: { request: RenderedRequest; response?: ResponseView };
}

/** Runs an `api` case: one request, every assertion evaluated. */
export function runApiCase(testCase: ApiCase, context: RunContext): Promise<RecordedCaseResult> {
  return withRetries(testCase, context, async () => {
    const exchange = await exchangeOf(testCase.spec.request, scopeOf(context), context);
    if (!exchange.ok) return exchange.attempt;
    const assertions = testCase.spec.assertions.map((assertion) => evaluateAssertion(assertion, exchange.response));
    if (assertions.every((assertion) => assertion.passed)) return { status: 'passed', assertions, retryable: true };
    return { status: 'failed', assertions, retryable: true, failedExchange: exchange };
  });
}

/**
 * Runs a `scenario` case: its steps in order, each one's extracted variables available to the
 * steps after it. The first step that fails or errors ends the scenario; later steps are not sent.
 * Assertion messages start with the step's name.
 */
export function runScenarioCase(testCase: ScenarioCase, context: RunContext): Promise<RecordedCaseResult> {
  return withRetries(testCase, context, async () => {
    // Null prototype: an extracted `__proto__` is a variable like any other.
    const vars: Record<string, unknown> = Object.assign(Object.create(null), context.vars);
    const scope: TemplateScope = { vars, environmentUrl: context.environmentUrl };
    const assertions: RecordedAssertion[] = [];
    for (const step of testCase.spec.steps) {
      const exchange = await exchangeOf(step.request, scope, context);
      if (!exchange.ok) {
        return { ...exchange.attempt, assertions, error: inStep(step.name, exchange.attempt.error ?? '') };
      }
      const results = (step.assertions ?? []).map((assertion) => {
        const result = evaluateAssertion(assertion, exchange.response);
        return { ...result, message: inStep(step.name, result.message) };
      });
      assertions.push(...results);
      const failed = { status: 'failed', assertions, retryable: true, failedExchange: exchange } as const;
      if (!results.every((assertion) => assertion.passed)) return failed;

      for (const [name, source] of Object.entries(step.extract ?? {})) {
        const extracted = extract(source, exchange.response);
        if (!extracted.ok) {
          const message = inStep(step.name, storedText(am.extractFailed({ name, reason: extracted.reason })));
          assertions.push({ type: 'extract', passed: false, expected: source, actual: null, message });
          return failed;
        }
        vars[name] = extracted.value;
      }
    }
    return { status: 'passed', assertions, retryable: true };
  });
}

/**
 * Runs any case: api and scenario here, performance through `runPerformance` (errored when
 * none is given), and unit / integration / e2e are skipped (CI runs them and reports results).
 */
export async function runCase(
  testCase: RunnableTestCase,
  context: RunContext & { runPerformance?: PerformanceRunner },
): Promise<RecordedCaseResult> {
  switch (testCase.type) {
    case 'api':
      return runApiCase(testCase, context);
    case 'scenario':
      return runScenarioCase(testCase, context);
    case 'performance':
      if (context.runPerformance) return context.runPerformance(testCase, context);
      return notRun(testCase, 'errored', rm.performanceNotRunnable());
    default:
      return notRun(testCase, 'skipped', rm.runByCi({ type: testCase.type }));
  }
}

/** Resolves a case request's placeholders with the run's variables and environment (throws TemplateError). */
export function renderCaseRequest(request: ApiSpec['request'], scope: TemplateScope): RenderedRequest {
  return renderRequest(request, scope, TEST_CASE_LIMITS.bodyBytes);
}

type Exchange = { ok: true; request: RenderedRequest; response: ResponseView } | { ok: false; attempt: Attempt };

/** Renders and sends one request: a bad template or a target error becomes an errored attempt. */
async function exchangeOf(request: ApiSpec['request'], scope: TemplateScope, context: RunContext): Promise<Exchange> {
  let rendered: RenderedRequest;
  try {
    rendered = renderCaseRequest(request, scope);
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, attempt: errored(error.text, false) };
    throw error;
  }
  let response: OutboundResponse;
  try {
    response = await (context.client ?? outboundClient).request(rendered.url, {
      method: rendered.method,
      headers: rendered.headers,
      body: rendered.body,
      timeoutMs: context.timeoutMs,
      signal: context.signal,
    });
  } catch (error) {
    // Its text names only the host the user gave, so it can be shown as is.
    if (error instanceof OutboundRequestError) {
      return {
        ok: false,
        attempt: { ...errored(storedText(error.text), true), failedExchange: { request: rendered } },
      };
    }
    throw error;
  }
  return { ok: true, request: rendered, response: new ResponseView(response) };
}

type Extracted = { ok: true; value: unknown } | { ok: false; reason: LocalizedText };

function extract(source: string, response: ResponseView): Extracted {
  if (source.startsWith('header:')) {
    const name = source.slice('header:'.length);
    const value = response.header(name);
    return value === undefined ? { ok: false, reason: am.extractNoHeader({ name }) } : { ok: true, value };
  }
  const body = response.json();
  if (!body.ok) return { ok: false, reason: body.reason };
  try {
    const selection = selectJsonPath(source, body.value);
    return selection.found
      ? { ok: true, value: selection.value }
      : { ok: false, reason: am.extractNothingMatched({ source }) };
  } catch (error) {
    if (error instanceof JsonPathRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}

async function withRetries(
  testCase: ApiCase | ScenarioCase,
  context: RunContext,
  attempt: () => Promise<Attempt>,
): Promise<RecordedCaseResult> {
  const started = performance.now();
  const retries = Math.min(Math.max(Math.trunc(context.retries ?? 0), 0), MAX_RETRIES);
  let attempts = 0;
  let outcome: Attempt;
  do {
    attempts++;
    outcome = await attempt();
  } while (outcome.status !== 'passed' && outcome.retryable && attempts <= retries && !context.signal?.aborted);
  return {
    caseId: testCase.caseId,
    name: testCase.name,
    type: testCase.type,
    status: outcome.status,
    attempts,
    durationMs: Math.round(performance.now() - started),
    assertions: outcome.assertions,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...exchangeShown(outcome),
  };
}

/** A failed or errored attempt's request and response, as a result shows them. */
function exchangeShown(outcome: Attempt): Pick<RecordedCaseResult, 'request' | 'response'> {
  if (outcome.status === 'passed' || outcome.failedExchange === undefined) return {};
  const { request, response } = outcome.failedExchange;
  return {
    request: recordedRequest(request),
    ...(response === undefined ? {} : { response: recordedResponse(response.response) }),
  };
}

/** An attempt that errored: why, as a stored text (a template's, the outbound client's), or words quoted as they are. */
function errored(error: RecordedText, retryable: boolean): Attempt {
  return { status: 'errored', assertions: [], error: typeof error === 'string' ? truncate(error) : error, retryable };
}

function notRun(testCase: RunnableTestCase, status: 'errored' | 'skipped', error: LocalizedText): RecordedCaseResult {
  return {
    caseId: testCase.caseId,
    name: testCase.name,
    type: testCase.type,
    status,
    attempts: 0,
    durationMs: 0,
    assertions: [],
    error: storedText(error),
  };
}

/** A scenario step's text: the step's name before what it says (stored, worded when read). */
function inStep(step: string, text: RecordedText): StoredText {
  return storedWith(am.inStep, { step, text });
}

function truncate(text: string): string {
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
}

function scopeOf(context: RunContext): TemplateScope {
  return { vars: context.vars, environmentUrl: context.environmentUrl };
}
