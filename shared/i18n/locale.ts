import { createRequire } from 'node:module';
import type Negotiator from 'negotiator';

// The languages every human-facing text exists in. A new language is a new entry here and a
// translation in every message module (test/unit/i18n-catalogue.test.ts fails until it has them).

/** The languages Trellis speaks, the first being the fallback. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

// Simplified Chinese: the bare language, the script subtag, and the regions that write it.
const SIMPLIFIED_CHINESE = /^zh(?:-hans(?:-[a-z0-9]+)*|-(?:cn|sg|my)(?:-[a-z0-9]+)*)?$/i;
const ENGLISH = /^en(?:-[a-z0-9]+)*$/i;

/**
 * The supported locale a BCP 47 tag asks for, or undefined when Trellis does not speak it:
 * `zh`, `zh-CN`, `zh-Hans`, `zh-Hans-CN`, `zh-SG` → `zh-CN`; `en`, `en-GB` → `en`. Traditional
 * Chinese (`zh-TW`, `zh-Hant`) is not Simplified Chinese and is not served as such.
 */
export function supportedLocaleOf(tag: string): Locale | undefined {
  if (SIMPLIFIED_CHINESE.test(tag)) return 'zh-CN';
  if (ENGLISH.test(tag)) return 'en';
  return undefined;
}

/**
 * The locale an `Accept-Language` header picks: the supported language with the highest
 * q-value (ties keep the header's order); English when none is supported, the header is
 * absent or unreadable, or only `*` is given.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  // Negotiator parses the q-values and orders by them; it drops q=0 and malformed entries.
  const requested = new (negotiator())({ headers: { 'accept-language': acceptLanguage } }).languages();
  for (const tag of requested) {
    const locale = supportedLocaleOf(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

let negotiatorClass: typeof Negotiator | undefined;

/**
 * Negotiator, loaded with the first request that sends `Accept-Language` rather than at init
 * (requests without one need no parsing). In a Lambda bundle esbuild turns this `require` into
 * its lazy wrapper of the bundled package; unbundled, Node resolves the package.
 */
function negotiator(): typeof Negotiator {
  negotiatorClass ??= (
    typeof require === 'function' ? require('negotiator') : createRequire(import.meta.url)('negotiator')
  ) as typeof Negotiator;
  return negotiatorClass;
}

/** A locale a client names explicitly (`?lang=`, a profile's `locale`), or undefined. */
export function parseLocale(value: string | undefined | null): Locale | undefined {
  return value ? supportedLocaleOf(value.trim()) : undefined;
}
