/** One field that failed validation, `path` as `body.repository.url` or `query.limit`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A failure the client caused or may see. Carries the HTTP status and a stable `code`;
 * the error middleware turns it into problem+json. Anything that is not an AppError is
 * an unexpected failure and becomes a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request is not valid; see errors for each field.') {
    super(400, 'VALIDATION_FAILED', 'Validation failed', detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, detail: string) {
    super(400, code, 'Bad request', detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, detail: string) {
    super(401, code, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, detail: string) {
    super(403, code, 'Forbidden', detail);
  }
}

/** Also what a caller gets for a resource they may not see: existence is never leaked. */
export class NotFoundError extends AppError {
  constructor(code: string, detail: string) {
    super(404, code, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(code: string, detail: string) {
    super(412, code, 'Precondition failed', detail);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail: string) {
    super(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', detail);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', detail);
  }
}
