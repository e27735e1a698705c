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
  return `${name}: ${causeMessage(error.Cause ?? '')}`.slice(0, 1000);
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
