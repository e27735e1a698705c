import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineMessage, formatText, withLocale } from '#shared/i18n/catalogue';
import { negotiateLocale, parseLocale } from '#shared/i18n/locale';
import { zodMessage } from '#shared/i18n/zod';

describe('negotiateLocale (Accept-Language)', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, fr;q=0.9', 'en'],
    ['zh-TW', 'en'],
    ['zh-Hant', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [';;;q=garbage', 'en'],
  ] as const)('%j → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('follows q-values, not the order of the header', () => {
    expect(negotiateLocale('en;q=0.4, zh-CN;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('zh-CN;q=0.3, en;q=0.9')).toBe('en');
  });

  it('skips languages it does not speak for the best one it does', () => {
    expect(negotiateLocale('fr;q=1, de;q=0.9, zh;q=0.5')).toBe('zh-CN');
  });

  it('never picks a language the client refused with q=0', () => {
    expect(negotiateLocale('zh-CN;q=0, fr')).toBe('en');
  });

  it('without a header is English', () => {
    expect(negotiateLocale(undefined)).toBe('en');
  });
});

describe('parseLocale (?lang=, profile locale)', () => {
  it('accepts the tags it speaks and nothing else', () => {
    expect(parseLocale('zh-CN')).toBe('zh-CN');
    expect(parseLocale('zh')).toBe('zh-CN');
    expect(parseLocale('en')).toBe('en');
    expect(parseLocale('fr')).toBeUndefined();
    expect(parseLocale('')).toBeUndefined();
    expect(parseLocale(undefined)).toBeUndefined();
  });
});

describe('formatText (ICU MessageFormat)', () => {
  const cases = defineMessage<{ count: number; suite: string }>('test.i18n.cases', {
    en: '{count, plural, one {# case} other {# cases}} in {suite}',
    'zh-CN': '{suite} 中有 {count, number} 个用例',
  });

  it('fills placeholders and formats numbers for the locale', () => {
    expect(formatText(cases({ count: 1, suite: 'smoke' }), 'en')).toBe('1 case in smoke');
    expect(formatText(cases({ count: 12_000, suite: 'smoke' }), 'en')).toBe('12,000 cases in smoke');
    expect(formatText(cases({ count: 12_000, suite: 'smoke' }), 'zh-CN')).toBe('smoke 中有 12,000 个用例');
  });
});

describe('zod messages in the request locale', () => {
  const mustStartWithA = defineMessage('test.i18n.startsWithA', { en: 'must start with a', 'zh-CN': '必须以 a 开头' });
  const schema = z.strictObject({
    name: z.string().check(z.minLength(3)),
    code: z.string().check(z.regex(/^a/, zodMessage(mustStartWithA))),
  });
  const messages = () => schema.safeParse({ name: 'x', code: 'b' }).error?.issues.map((issue) => issue.message);

  it('words built-in rules with zod’s own locale and ours from the catalogue', () => {
    expect(withLocale('en', messages)).toEqual([
      'Too small: expected string to have >=3 characters',
      'must start with a',
    ]);
    expect(withLocale('zh-CN', messages)).toEqual(['数值过小：期望 string >=3 字符', '必须以 a 开头']);
  });

  it('keeps each request in its own locale when requests overlap', async () => {
    const later = (locale: 'en' | 'zh-CN') =>
      withLocale(locale, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return messages()?.[1];
      });
    expect(await Promise.all([later('zh-CN'), later('en')])).toEqual(['必须以 a 开头', 'must start with a']);
  });
});
