import { en, zhCN } from 'zod/locales';
import * as z from 'zod/mini';
import { currentLocale, localize, type MessageDefinition } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';

// zod/mini ships without messages. Its own locales (`zod/locales`) word every built-in rule;
// the one global map picks the request's locale, so `Accept-Language: zh-CN` gets zod's
// Chinese wording rather than a translation of ours.
const LOCALE_ERRORS: Record<Locale, (issue: z.core.$ZodRawIssue) => string | undefined> = {
  en: en().localeError as (issue: z.core.$ZodRawIssue) => string | undefined,
  'zh-CN': zhCN().localeError as (issue: z.core.$ZodRawIssue) => string | undefined,
};
z.config({ localeError: (issue) => LOCALE_ERRORS[currentLocale()](issue) });

/** A schema check's own message from the catalogue, worded in the request's locale at parse time. */
export function zodMessage(message: MessageDefinition): { error: () => string } {
  return { error: () => localize(message()) };
}
