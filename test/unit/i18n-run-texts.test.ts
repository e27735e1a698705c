import { describe, expect, it } from 'vitest';
import * as deploymentMessages from '#shared/deployments/messages';
import { wordDeploymentText } from '#shared/deployments/reason-texts';
import * as httpMessages from '#shared/http/messages';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import { type StoredText, storedText, storedTextIn, TextError, textCause } from '#shared/i18n/stored';
import { evaluateAssertion, ResponseView } from '#shared/testing/assertions/assertions';
import * as assertionMessages from '#shared/testing/assertions/messages';
import * as loadMessages from '#shared/testing/load/messages';
import * as runMessages from '#shared/testing/runs/messages';
import { wordedAssertions, wordResultText } from '#shared/testing/runs/result-texts';
import { endedRunReason, endedRunText } from '#shared/workflows/ended-runs';
import * as workflowMessages from '#shared/workflows/messages';
import { stageFailureReason } from '#shared/workflows/state-error';

// Texts produced at run time are stored as message id + values and worded when read. Each
// message below is checked in both languages with its values filled; the stored form goes
// through JSON (DynamoDB, a state machine's Cause) and comes back to the same words.

const HAN = /\p{Script=Han}/u;

/** The text as a record keeps it and as a reader gets it back after storage. */
function throughStorage(text: LocalizedText): StoredText {
  return JSON.parse(JSON.stringify(storedText(text))) as StoredText;
}

describe('run-time messages, worded in both languages with their values', () => {
  it.each<[string, LocalizedText, string, string]>([
    [
      'a status assertion',
      assertionMessages.statusExpected({ expected: 200, actual: 503 }),
      'expected status 200, got 503',
      '期望状态码 200，实际为 503',
    ],
    [
      'a latency assertion',
      assertionMessages.latencyExceeded({ durationMs: 1250, maxMs: 500 }),
      'expected a response within 500 ms, it took 1250 ms',
      '期望在 500 毫秒内响应，实际用时 1250 毫秒',
    ],
    [
      'an unresolvable placeholder in a case request',
      assertionMessages.templateUnknownVariable({ name: 'token', placeholder: '{{vars.token}}' }),
      'Unknown variable "token" in {{vars.token}}.',
      '{{vars.token}} 中的变量 "token" 未定义。',
    ],
    [
      'a placeholder naming nothing',
      assertionMessages.templateNotPlaceholder({ placeholder: '{{env.url}}' }),
      '{{env.url}} is not a placeholder; use {{vars.<name>}} or {{environment.url}}',
      '{{env.url}} 不是占位符；请使用 {{vars.<name>}} 或 {{environment.url}}',
    ],
    [
      'a request the target refused',
      httpMessages.outboundFailedWithCode({ host: 'api.example.com', code: 'ECONNREFUSED' }),
      'The request to api.example.com failed (ECONNREFUSED).',
      '对 api.example.com 的请求失败（ECONNREFUSED）。',
    ],
    [
      'a request that timed out',
      httpMessages.outboundTimedOut({ host: 'api.example.com', ms: 5000 }),
      'The request to api.example.com did not complete within 5,000 ms.',
      '对 api.example.com 的请求没有在 5,000 毫秒内完成。',
    ],
    [
      'a header assertion',
      assertionMessages.headerEqualFailed({ name: 'x-id', expected: '"a"', actual: '"b"' }),
      'expected header x-id to equal "a", got "b"',
      '期望响应头 x-id 等于 "a"，实际为 "b"',
    ],
    [
      'a JSON path with nothing matched',
      assertionMessages.pathNothingMatched({
        path: '$.id',
        expectation: assertionMessages.toEqual({ expected: '42' }),
      }),
      'expected $.id to equal 42; nothing matched',
      '期望 $.id 等于 42，但没有匹配项',
    ],
    [
      'a JSON path of the wrong kind',
      assertionMessages.pathNotAString({
        path: '$.n',
        pattern: '^a',
        kind: assertionMessages.kindNumber(),
        actual: '3',
      }),
      'expected $.n to be a string matching /^a/, got a number 3',
      '期望 $.n 是匹配 /^a/ 的字符串，实际为 数字 3',
    ],
    [
      'a schema mismatch (Ajv words quoted)',
      assertionMessages.schemaMismatch({ errors: '/ must have required property id' }),
      'the body does not match the schema: / must have required property id',
      '响应体不符合 schema：/ must have required property id',
    ],
    [
      'a step of a scenario',
      assertionMessages.inStep({ step: 'login', text: assertionMessages.statusIs({ expected: 200 }) }),
      'Step "login": status is 200',
      '步骤 "login"：状态码为 200',
    ],
    [
      'an extraction',
      assertionMessages.extractFailed({
        name: 'token',
        reason: assertionMessages.extractNoHeader({ name: 'x-token' }),
      }),
      'cannot extract token: the response has no header x-token',
      '无法提取 token：响应没有响应头 x-token',
    ],
    [
      'a threshold',
      loadMessages.errorRateExceeds({ rate: 5, errors: 5, requests: 100, expected: 1 }),
      'error rate 5 % (5 of 100) exceeds 1 %',
      '错误率 5%（100 个中有 5 个），超过 1%',
    ],
    [
      'the truncation note',
      runMessages.assertionsDropped({ count: 1200 }),
      '1,200 passed assertions not stored (result too large)',
      '1,200 个通过的断言未保存（结果过大）',
    ],
    [
      'an unreachable load target',
      runMessages.targetUnreachable({ requests: 10, network: 7, timeout: 3 }),
      'The target could not be reached: none of 10 requests was answered (7 connection failures, 3 timeouts).',
      '无法访问目标：10 个请求均未得到响应（7 次连接失败，3 次超时）。',
    ],
    [
      'a test stage ended first',
      runMessages.stageEndedFirst({ status: 'running' }),
      "the deployment's test stage ended before the run finished (it was running)",
      '部署的测试阶段在运行结束前已结束（运行当时处于 running 状态）',
    ],
    [
      'a test gate',
      deploymentMessages.passRateBelow({ runId: 'r1', passRate: 0.5, minimum: 0.9 }),
      'Test run r1: pass rate 0.5 is below the stage minimum 0.9',
      '测试运行 r1：通过率 0.5 低于该阶段的最低要求 0.9',
    ],
    ['a rejection', deploymentMessages.rejectedBy({ userId: 'u-1' }), 'rejected by u-1', '被 u-1 拒绝'],
    [
      'a timed-out run',
      workflowMessages.runEndedBecause({ status: 'TIMED_OUT', why: 'States.Timeout' }),
      'the run ended timed out: States.Timeout',
      '运行超时：States.Timeout',
    ],
  ])('%s', (_what, text, english, chinese) => {
    const stored = throughStorage(text);
    expect(formatText(text, 'en')).toBe(english);
    expect(formatText(text, 'zh-CN')).toBe(chinese);
    // The reader that meets it in a record words it the same from its stored form.
    const reader = text.id.startsWith('deployments.') ? wordDeploymentText : wordResultText;
    expect(reader(stored, 'en')).toBe(english);
    expect(reader(stored, 'zh-CN')).toBe(chinese);
    expect(chinese).toMatch(HAN);
  });
});

describe('stored texts', () => {
  it('are worded after storage exactly as before it, in the reader language', () => {
    const response = new ResponseView({ status: 503, headers: {}, body: Buffer.from(''), durationMs: 3 });
    const result = JSON.parse(JSON.stringify(evaluateAssertion({ type: 'status', equals: 200 }, response)));

    expect(result.message).toEqual({ id: 'assertions.status.expected', params: { expected: 200, actual: 503 } });
    expect(wordedAssertions([result], 'zh-CN')[0]?.message).toBe('期望状态码 200，实际为 503');
    expect(wordedAssertions([result], 'en')[0]).toEqual({ ...result, message: 'expected status 200, got 503' });
  });

  it('show plain strings of older records and of users systems as they are, in every language', () => {
    expect(wordResultText('expected status 200, got 500', 'zh-CN')).toBe('expected status 200, got 500');
    expect(wordDeploymentText('rejected by u-1', 'zh-CN')).toBe('rejected by u-1');
  });

  it('show a message the reader does not know as its id and values, not nothing', () => {
    expect(wordResultText({ id: 'elsewhere.unknown', params: { n: 1 } }, 'en')).toBe('elsewhere.unknown {"n":1}');
  });

  it("cross a state machine's Cause: a thrown TextError becomes the stage's stored reason", () => {
    const thrown = new TextError(deploymentMessages.passRateBelow({ runId: 'r1', passRate: 0.5, minimum: 0.9 }));
    const cause = JSON.stringify({ errorType: 'TestGateFailed', errorMessage: thrown.message, trace: [] });

    const reason = stageFailureReason({ Error: 'TestGateFailed', Cause: cause });

    expect(wordDeploymentText(reason, 'en')).toBe(
      'TestGateFailed: Test run r1: pass rate 0.5 is below the stage minimum 0.9',
    );
    expect(wordDeploymentText(reason, 'zh-CN')).toBe(
      'TestGateFailed：测试运行 r1：通过率 0.5 低于该阶段的最低要求 0.9',
    );
    expect(storedTextIn(textCause(deploymentMessages.rejectedByApprover()))).toEqual({
      id: 'deployments.reason.rejectedByApprover',
      params: {},
    });
  });

  it('keep other errors and timeouts: an upstream error as it came, a timeout as a message', () => {
    expect(stageFailureReason({ Error: 'TargetRefused', Cause: 'deploy.example answered 500' })).toBe(
      'TargetRefused: deploy.example answered 500',
    );
    expect(wordDeploymentText(stageFailureReason({ Error: 'States.Timeout' }), 'zh-CN')).toBe('等待阶段完成时超时');
  });

  it('word an ended run in the reader language, and in English for records that keep words', () => {
    const execution = { status: 'ABORTED', error: undefined, cause: undefined };
    expect(endedRunReason(execution)).toBe('the run ended aborted');
    expect(wordResultText(storedText(endedRunText(execution)), 'zh-CN')).toBe('运行被中止');
  });
});
