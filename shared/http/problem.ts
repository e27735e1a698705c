import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError } from '#shared/http/errors';
import * as m from '#shared/http/messages';
import { type Problem, problemBody } from '#shared/http/problem-body';
import { currentLocale, formatText } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
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
 * Maps any error to an RFC 9457 problem+json response in the request's language (its
 * `Content-Language` says which). AppErrors keep their status and code; client errors raised
 * by middy (status < 500) keep their status; everything else is logged and answered with a
 * generic 500 that reveals nothing.
 */
export function errorToProblemResponse(
  error: unknown,
  context: ProblemContext,
  headers: Record<string, string>,
): APIGatewayProxyResultV2 {
  const locale = currentLocale();
  const problem = describe(error, locale);
  if (problem.status >= 500) logger.error('Unhandled error', { error });
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'content-language': locale,
      ...problem.headers,
      ...headers,
    },
    body: JSON.stringify(problemBody(problem, context)),
  };
}

function describe(error: unknown, locale: Locale): Problem {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      title: formatText(error.title, locale),
      detail: formatText(error.detail, locale),
      errors: error.extras.errors?.map(({ path, message }) => ({
        path,
        message: typeof message === 'string' ? message : formatText(message, locale),
      })),
      headers: error.extras.headers,
      members: error.extras.members,
    };
  }
  if (isClientHttpError(error)) {
    // Raised by middy itself rather than by our code; its message is meant for clients.
    return {
      status: error.statusCode,
      code: 'BAD_REQUEST',
      title: formatText(m.titleBadRequest(), locale),
      detail: formatText(m.clientError({ reason: error.message }), locale),
    };
  }
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: formatText(m.titleInternalError(), locale),
    detail: formatText(m.internalErrorDetail(), locale),
  };
}

function isClientHttpError(error: unknown): error is HttpErrorLike {
  const status = (error as HttpErrorLike | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
