import * as httpMessages from '#shared/http/messages';
import { currentLocale } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
import { type RecordedText, storedTextCatalogue, wordRecorded } from '#shared/i18n/stored';
import type { AssertionResult } from '#shared/schemas/test-results';
import * as assertionMessages from '#shared/testing/assertions/messages';
import * as loadMessages from '#shared/testing/load/messages';
import * as runMessages from '#shared/testing/runs/messages';
import * as workflowMessages from '#shared/workflows/messages';

// The texts a case result holds (assertion messages, why a case errored, a threshold's
// verdict, a refused URL's reason inside them) and a run's failure reason, worded when a result is read: by the run
// and results routes in the request's language, by a report in its own.

/** Every message a stored case result may hold, by id. */
export const RESULT_TEXTS = /* @__PURE__ */ storedTextCatalogue(
  assertionMessages,
  loadMessages,
  runMessages,
  httpMessages,
  workflowMessages,
);

/** A result's text in `locale` (the request's by default); plain strings (older records, imports) as they are. */
export function wordResultText(text: RecordedText, locale: Locale = currentLocale()): string {
  return wordRecorded(text, RESULT_TEXTS, locale);
}

/** A result's assertions with their messages worded in `locale`. */
export function wordedAssertions(
  assertions: readonly (Omit<AssertionResult, 'message'> & { message: RecordedText })[],
  locale: Locale = currentLocale(),
): AssertionResult[] {
  return assertions.map((assertion) => ({ ...assertion, message: wordResultText(assertion.message, locale) }));
}
