import { type StateMachineDefinition as EngineDefinition, StateMachine } from 'aws-local-stepfunctions';

/** How a task or an execution failed, as Step Functions reports it. */
export interface Failure {
  /** The name Retry and Catch match on. */
  error: string;
  cause: string;
}

/** Thrown by the task integrations: its name is the error, its message the cause. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * A handler's thrown error as Step Functions reports a Lambda function error: the error is
 * the thrown error's name (Lambda's `errorType`), the cause is Lambda's error object as JSON,
 * which ASL can take apart with States.StringToJson exactly as in AWS.
 */
export function lambdaFailure(thrown: unknown): TaskFailure {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const trace = error.stack?.split('\n') ?? [];
  return new TaskFailure(error.name, JSON.stringify({ errorType: error.name, errorMessage: error.message, trace }));
}

let statesTimeoutError: Promise<new () => Error> | undefined;

/**
 * The engine exempts States.Timeout from the States.TaskFailed wildcard, as AWS does, but
 * with an `instanceof` check against a class it does not export. Our timeouts must be that
 * class, so it is taken, once, from a probe task the engine itself times out after 1 ms.
 */
function statesTimeoutErrorClass(): Promise<new () => Error> {
  statesTimeoutError ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: { Probe: { Type: 'Task', Resource: 'probe', TimeoutSeconds: 0.001, End: true } },
      } as unknown as EngineDefinition,
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } });
    const thrown = await run.result.then(
      () => undefined,
      (error: Error) => error.cause,
    );
    if (!(thrown instanceof Error) || thrown.name !== 'States.Timeout') {
      throw new Error('aws-local-stepfunctions no longer fails a timed-out task with States.Timeout');
    }
    return thrown.constructor as new () => Error;
  })();
  return statesTimeoutError;
}

/** The error to reject a task with inside the engine, so that Retry and Catch see `failure`. */
export async function engineError(failure: Failure): Promise<Error> {
  const error = failure.error === 'States.Timeout' ? new (await statesTimeoutErrorClass())() : new Error();
  error.name = failure.error;
  error.message = failure.cause;
  return error;
}
