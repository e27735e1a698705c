import { describe, expect, it, vi } from 'vitest';
import { signatureProblem } from '#shared/deployments/signing';
import { validateOutboundUrl } from '#shared/http/outbound';
import { formatText, localize, withLocale } from '#shared/i18n/catalogue';
import { ExtractSource, JsonPathExpression, Pattern } from '#shared/schemas/test-cases';
import { JUnitParseError, parseJUnit } from '#shared/testing/imports/junit-reader';

// The load-target module reads its table name at load; nothing here touches the table.
vi.stubEnv('TABLE_NAME', 'unit-test-table');
const { loadTargetProblem } = await import('#shared/testing/load/targets');

// A field message is often a sentence around a reason from a checker (a JSON path's syntax,
// a URL policy, a signature, an XML reader). Each such reason is a catalogue message too, so
// a Chinese caller reads Chinese all the way down, not a Chinese frame around English words.

const HAN = /\p{Script=Han}/u;
// English words our checkers write; the engines' own words (V8, RE2, saxes) are quoted apart.
const ENGLISH_REASON =
  /\b(must|not|longer|has|needs|unclosed|unsupported|signed|signature|timestamp|verified|document)\b/;

function chinese(work: () => string): string {
  return withLocale('zh-CN', work);
}

function schemaMessage(
  schema: { safeParse(value: unknown): { error?: { issues: { message: string }[] } } },
  value: unknown,
) {
  return () => schema.safeParse(value).error?.issues[0]?.message ?? '';
}

describe('reasons inside field messages are worded in the caller language', () => {
  it.each([
    ['a JSON path without $', schemaMessage(JsonPathExpression, 'items[0]')],
    ['a JSON path with a filter', schemaMessage(JsonPathExpression, '$.items[?(@.price < 10)]')],
    ['an unclosed bracket', schemaMessage(JsonPathExpression, '$.items[0')],
    ['a negative index', schemaMessage(JsonPathExpression, '$.items[-1]')],
    ['an extract source with a bad path', schemaMessage(ExtractSource, '$..[')],
    ['a too long pattern', schemaMessage(Pattern, 'a'.repeat(600))],
    [
      'a private-address URL',
      () => {
        const check = validateOutboundUrl('http://10.0.0.1/hook', { allowList: [] });
        return check.ok ? '' : check.reason;
      },
    ],
    [
      'an unsigned callback',
      () => {
        const problem = signatureProblem('{}', {}, 'secret');
        return problem === null ? '' : localize(problem);
      },
    ],
    [
      'an unverified load target',
      () => {
        const problem = loadTargetProblem('https://example.org/', { allowList: [], verifiedHosts: new Set<string>() });
        return problem === undefined ? '' : localize(problem);
      },
    ],
  ])('%s', (_label, message) => {
    const english = message();
    const zh = chinese(message);
    expect(english).toMatch(ENGLISH_REASON);
    expect(zh).toMatch(HAN);
    expect(zh).not.toMatch(ENGLISH_REASON);
  });

  it('says where and why a JUnit report is refused in Chinese', async () => {
    const error = await parseJUnit('<testsuites><testsuite name="a"><testcase name="b"></testsuite>').catch((e) => e);
    expect(error).toBeInstanceOf(JUnitParseError);
    const zh = formatText(error.detail, 'zh-CN');
    expect(zh).toMatch(/^第 1 行，第 \d+ 列：结束标签不匹配/);
    expect(formatText(error.detail, 'en')).toMatch(/^Line 1, column \d+: mismatched closing tag/);
  });
});
