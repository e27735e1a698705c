import * as m from '#shared/http/messages';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';

/** One field that failed validation, `path` as `body.repository.url` or `query.limit`, as sent. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A field the domain refuses. Its message is a catalogue text, worded in the caller's language
 * when the answer is written (zod's messages arrive already worded, as strings).
 */
export interface FieldProblem {
  path: string;
  message: LocalizedText | string;
}

/**
 * What a problem carries beyond title and detail: field errors, response headers, and members
 * a client reads as data (a 412's `currentVersion`), added to the problem body as they are.
 */
export interface ProblemExtras {
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  members?: Record<string, string | number | boolean | null>;
}

/**
 * A failure the client caused or may see. Carries the HTTP status, a stable `code` and its
 * title and detail as catalogue texts; the error middleware words them in the caller's
 * language and turns them into problem+json. `message` is the English detail, for logs.
 * Anything that is not an AppError is an unexpected failure and becomes a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: LocalizedText,
    readonly detail: LocalizedText,
    readonly extras: ProblemExtras = {},
  ) {
    super(formatText(detail, 'en'));
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldProblem[], detail: LocalizedText = m.validationFailedDetail()) {
    super(400, 'VALIDATION_FAILED', m.titleValidationFailed(), detail, { errors });
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(400, code, m.titleBadRequest(), detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(401, code, m.titleUnauthorized(), detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(403, code, m.titleForbidden(), detail);
  }
}

/** Also what a caller gets for a resource they may not see: existence is never leaked. */
export class NotFoundError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(404, code, m.titleNotFound(), detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(409, code, m.titleConflict(), detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(code: string, detail: LocalizedText, extras: ProblemExtras = {}) {
    super(412, code, m.titlePreconditionFailed(), detail, extras);
  }
}

/** A write that must name the version it replaces (If-Match) and did not: 428. */
export class PreconditionRequiredError extends AppError {
  constructor(code: string, detail: LocalizedText) {
    super(428, code, m.titlePreconditionRequired(), detail);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail: LocalizedText) {
    super(413, 'PAYLOAD_TOO_LARGE', m.titlePayloadTooLarge(), detail);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: LocalizedText) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', m.titleUnsupportedMediaType(), detail);
  }
}
