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

/** The RFC 9457 body of a problem; the local gateway answers its own errors with it too. */
export function problemBody(
  problem: Problem,
  context: Pick<ProblemContext, 'requestId' | 'instance'>,
): Record<string, unknown> {
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
  return body;
}

export interface Problem {
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
