// The error a state machine's Catch records (`ResultPath: $.error`) and the readable reasons
// the deployment pipeline and the test-run machine store from it. One parse of `Cause` for
// every task that reports a caught error.

import { type RecordedText, storedText, storedTextIn, storedWith } from '#shared/i18n/stored';
import * as m from '#shared/workflows/messages';

/** An error as a state machine's Catch records it: the error name and its cause. */
export interface StateError {
  Error?: string;
  Cause?: string;
}

/** The message of an error's cause: a Lambda error's JSON cause gives its `errorMessage`. */
export function causeMessage(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown } | null;
    if (typeof parsed?.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // A plain-text cause (SendTaskFailure, StopExecution, a Pass state) is already the message.
  }
  return cause;
}

/**
 * Why a deployment stage failed, as a record keeps it. Timeouts are catalogue messages; an
 * error a task threw as a TextError is `Name: <its message>`, worded when read; any other
 * error is `Name: message` as it came (its words are the error's own), within 1,000 characters.
 */
export function stageFailureReason(error: StateError): RecordedText {
  const name = error.Error ?? 'Error';
  if (name === 'States.Timeout') return storedText(m.stageTimedOut());
  if (name === 'States.HeartbeatTimeout') return storedText(m.stageNoHeartbeat());
  const message = causeMessage(error.Cause ?? '');
  const text = storedTextIn(message);
  if (text) return storedWith(m.stageError, { error: name, reason: text });
  return `${name}: ${message}`.slice(0, 1000);
}

/** Why a test-run task failed, within 1,000 characters: `Name: message`, the name alone, or `timed out: …`. */
export function taskFailureReason(error: StateError): string {
  const name = error.Error ?? 'Error';
  const message = causeMessage(error.Cause ?? '');
  if (name === 'States.Timeout') return `timed out: ${message}`.slice(0, 1000);
  return (message ? `${name}: ${message}` : name).slice(0, 1000);
}
