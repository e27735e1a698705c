import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError, type FieldError } from '#shared/http/errors';
import { logger } from '#shared/observability';

interface ProblemContext {
  requestId: string;
  correlationId: string;
  instance: string;
}

interface HttpErrorLike {
  statusCode: number;
  message: string;
  cause?: { package?: string; message?: string };
}

/**
 * Maps any error to an RFC 9457 problem+json response. AppErrors keep their status and
 * code; errors raised by middy middlewares (status < 500) are translated to our codes;
 * everything else is logged and answered with a generic 500 that reveals nothing.
 */
export function errorToProblemResponse(
  error: unknown,
  context: ProblemContext,
  headers: Record<string, string>,
): APIGatewayProxyResultV2 {
  const problem = describe(error);
  if (problem.status >= 500) logger.error('Unhandled error', { error });
  const body: Record<string, unknown> = {
    type: `https://trellis.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: context.instance,
    code: problem.code,
    requestId: context.requestId,
  };
  if (problem.errors) body.errors = problem.errors;
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers, ...headers },
    body: JSON.stringify(body),
  };
}

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

function describe(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.message,
      errors: error.extras.errors,
      headers: error.extras.headers,
    };
  }
  if (isClientHttpError(error)) {
    if (error.statusCode === 415) {
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        title: 'Unsupported media type',
        detail: 'The request body must be JSON, sent with Content-Type: application/json.',
      };
    }
    if (error.cause?.package === '@middy/http-json-body-parser') {
      const reason = error.cause.message ? `: ${error.cause.message}` : '';
      return {
        status: 400,
        code: 'MALFORMED_JSON',
        title: 'Malformed JSON',
        detail: `The request body is not valid JSON${reason}`,
        errors: [{ path: 'body', message: `not valid JSON${reason}` }],
      };
    }
    return { status: error.statusCode, code: 'BAD_REQUEST', title: 'Bad request', detail: error.message };
  }
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal server error',
    detail: 'The request could not be completed; quote the requestId when reporting it.',
  };
}

function isClientHttpError(error: unknown): error is HttpErrorLike {
  const status = (error as HttpErrorLike | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
