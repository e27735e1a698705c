/** An error of the Step Functions API (all of them are client errors): answered 400 `{ __type, message }`. */
export class ServiceError extends Error {
  constructor(
    /** The AWS error code, e.g. `ExecutionDoesNotExist`; the SDK throws an exception of that name. */
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
