import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, type Locale } from '#shared/i18n/locale';

// The message catalogue: every human-facing text is an ICU MessageFormat pattern per locale,
// under a stable id. Each service keeps its messages in `shared/<service>/messages.ts`, one
// export per message, created with a pure call so that esbuild keeps only the messages a
// function can emit (a route that cannot say "pipeline not found" does not carry the text).
// test/unit/i18n-catalogue.test.ts reads every messages module: ids unique, every locale
// present, the same placeholders in every locale.

/** A pattern per locale, e.g. `{ en: 'No run {runId}.', 'zh-CN': '没有运行 {runId}。' }`. */
export type Texts = Readonly<Record<Locale, string>>;

/** Values for a message's placeholders; a nested text (a reason inside a sentence) is worded in the same locale. */
export type MessageParams = Readonly<Record<string, string | number | Date | LocalizedText>>;

/** A message with its values, not yet in any language: errors carry it until a locale is known. */
export interface LocalizedText {
  readonly id: string;
  readonly texts: Texts;
  readonly params: MessageParams;
}

/** A catalogue entry: call it with its placeholders' values to get a text to throw or send. */
export type MessageDefinition<P extends MessageParams | undefined = undefined> = ((
  ...params: P extends MessageParams ? [P] : []
) => LocalizedText) & { readonly id: string; readonly texts: Texts };

/** Declares one message of the catalogue (call it at module scope, marked pure). */
export function defineMessage<P extends MessageParams | undefined = undefined>(
  id: string,
  texts: Texts,
): MessageDefinition<P> {
  const definition = (params?: MessageParams): LocalizedText => ({ id, texts, params: params ?? {} });
  return Object.assign(definition, { id, texts }) as MessageDefinition<P>;
}

const compiled = new Map<string, IntlMessageFormat>();

let messageFormatClass: typeof IntlMessageFormat | undefined;

/**
 * The ICU formatter, loaded the first time a message with ICU syntax is worded: most functions
 * answer most requests without wording anything, and the formatter's module (its parser
 * above all) is ~40 KB that init would otherwise evaluate. In a Lambda bundle esbuild turns this
 * `require` into its lazy wrapper of the bundled package; unbundled (tests, local mode) an ES
 * module has no `require`, so Node resolves the package.
 */
function messageFormat(): typeof IntlMessageFormat {
  messageFormatClass ??= (
    (typeof require === 'function'
      ? require('intl-messageformat')
      : createRequire(import.meta.url)('intl-messageformat')) as { IntlMessageFormat: typeof IntlMessageFormat }
  ).IntlMessageFormat;
  return messageFormatClass;
}

// A pattern with no ICU syntax (no argument, no quoting) formats to itself.
const ICU_SYNTAX = /[{}']/;

/** The text in one locale, placeholders filled (numbers and dates formatted for that locale). */
export function formatText(text: LocalizedText, locale: Locale): string {
  const pattern = text.texts[locale] ?? text.texts[DEFAULT_LOCALE];
  if (!ICU_SYNTAX.test(pattern)) return pattern;
  // Keyed by the pattern, not the id: a composed text (a list of reasons) has one id for many patterns.
  const key = `${locale}\u0000${pattern}`;
  let format = compiled.get(key);
  if (!format) {
    format = new (messageFormat())(pattern, locale);
    compiled.set(key, format);
  }
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(text.params)) {
    values[name] = isLocalizedText(value) ? formatText(value, locale) : value;
  }
  return String(format.format(values));
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && 'texts' in value && 'id' in value;
}

// The locale of the request being handled. Texts made while parsing (zod issues) and while
// rendering are formatted in it; the handler kit sets it from Accept-Language for each request.
const requestLocale = new AsyncLocalStorage<Locale>();

/** Runs `work` with `locale` as the current locale (for everything it awaits too). */
export function withLocale<T>(locale: Locale, work: () => T): T {
  return requestLocale.run(locale, work);
}

/** The locale of the request being handled; English outside any request. */
export function currentLocale(): Locale {
  return requestLocale.getStore() ?? DEFAULT_LOCALE;
}

/** A text in the current request's locale. */
export function localize(text: LocalizedText): string {
  return formatText(text, currentLocale());
}
