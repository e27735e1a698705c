/** An error as a state machine's Catch records it (`ResultPath: $.error`). */
export interface StateError {
  Error?: string;
  Cause?: string;
}

/**
 * A readable failure reason from a caught error. Lambda errors carry their message inside
 * a JSON `Cause`; timeouts and approval/callback failures are named in plain words.
 */
export function failureReason(error: StateError): string {
  const name = error.Error ?? 'Error';
  if (name === 'States.Timeout') return 'timed out waiting for the stage to complete';
  if (name === 'States.HeartbeatTimeout') return 'the stage stopped sending heartbeats';
  let message = error.Cause ?? '';
  try {
    const parsed = JSON.parse(message) as { errorMessage?: string };
    if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
  } catch {
    // A plain-text cause (SendTaskFailure, a Pass state) is already the message.
  }
  return `${name}: ${message}`.slice(0, 1000);
}
