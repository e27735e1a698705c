import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import * as api from '#shared/api/messages';
import * as http from '#shared/http/messages';
import { type Problem, problemBody } from '#shared/http/problem-body';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit (request event and response alike). */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** A problem the gateway answers itself, before or instead of a handler; worded when sent. */
export interface GatewayProblem extends Omit<Problem, 'headers' | 'errors' | 'title' | 'detail'> {
  title: LocalizedText;
  detail: LocalizedText;
}

/** Where a problem answer points: the request's id and path, and the language it is worded in. */
export interface ProblemContext {
  requestId: string;
  instance: string;
  locale: Locale;
}

export const GATEWAY_PROBLEMS = {
  tooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: http.titlePayloadTooLarge(),
    detail: api.bodyTooLarge({ megabytes: MAX_REQUEST_BYTES / 1024 / 1024 }),
  },
  eventTooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: http.titlePayloadTooLarge(),
    detail: api.eventTooLarge({ megabytes: MAX_LAMBDA_PAYLOAD_BYTES / 1024 / 1024 }),
  },
  internal: {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: http.titleInternalError(),
    detail: http.internalErrorDetail(),
  },
} satisfies Record<string, GatewayProblem>;

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

/**
 * Answers a gateway problem as problem+json in the request's language (with Content-Language,
 * as the handlers answer), with the request id header API Gateway sets.
 */
export function sendProblem(
  response: ServerResponse,
  problem: GatewayProblem,
  context: ProblemContext,
  extra: Record<string, string> = {},
): void {
  const { locale } = context;
  const worded = { ...problem, title: formatText(problem.title, locale), detail: formatText(problem.detail, locale) };
  const body = JSON.stringify(problemBody(worded, context));
  response.writeHead(problem.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'content-language': locale,
    'apigw-requestid': context.requestId,
    ...extra,
  });
  response.end(body);
}
