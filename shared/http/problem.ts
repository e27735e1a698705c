import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError } from '#shared/http/errors';
import { type Problem, problemBody } from '#shared/http/problem-body';
import { logger } from '#shared/observability';

interface ProblemContext {
  requestId: string;
  correlationId: string;
  instance: string;
}

interface HttpErrorLike {
  statusCode: number;
  message: string;
}

/**
 * Maps any error to an RFC 9457 problem+json response. AppErrors keep their status and
 * code; client errors raised by middy (status < 500) keep their status;
 * everything else is logged and answered with a generic 500 that reveals nothing.
 */
export function errorToProblemResponse(
  error: unknown,
  context: ProblemContext,
  headers: Record<string, string>,
): APIGatewayProxyResultV2 {
  const problem = describe(error);
  if (problem.status >= 500) logger.error('Unhandled error', { error });
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers, ...headers },
    body: JSON.stringify(problemBody(problem, context)),
  };
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
    // Raised by middy itself rather than by our code; its message is meant for clients.
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
