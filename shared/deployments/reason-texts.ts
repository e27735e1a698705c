import * as gateMessages from '#shared/analysis/gate/messages';
import * as deploymentMessages from '#shared/deployments/messages';
import { currentLocale } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
import { type RecordedText, storedTextCatalogue, wordRecorded } from '#shared/i18n/stored';
import * as runMessages from '#shared/testing/runs/messages';
import * as workflowMessages from '#shared/workflows/messages';

// The texts a deployment record holds (why it or a stage failed, a stage's note, a test run's
// reason quoted inside a test gate's, a quality gate's failing conditions), worded when the deployment is read.

/** Every message a stored deployment may hold, by id. */
export const DEPLOYMENT_TEXTS = /* @__PURE__ */ storedTextCatalogue(
  deploymentMessages,
  gateMessages,
  workflowMessages,
  runMessages,
);

/** A deployment's text in `locale` (the request's by default); plain strings (older records, users' words) as they are. */
export function wordDeploymentText(text: RecordedText, locale: Locale = currentLocale()): string {
  return wordRecorded(text, DEPLOYMENT_TEXTS, locale);
}
