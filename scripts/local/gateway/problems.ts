import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type Problem, problemBody } from '#shared/http/problem-body';

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit (request event and response alike). */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** A problem the gateway answers itself, before or instead of a handler. */
export type GatewayProblem = Omit<Problem, 'headers' | 'errors'>;

/** Where a problem answer points: the request's id and path. */
export interface ProblemContext {
  requestId: string;
  instance: string;
}

export const GATEWAY_PROBLEMS = {
  tooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: `The request body exceeds API Gateway's limit of ${MAX_REQUEST_BYTES / 1024 / 1024} MB.`,
  },
  eventTooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: `The request, encoded for Lambda, exceeds Lambda's ${MAX_LAMBDA_PAYLOAD_BYTES / 1024 / 1024} MB payload limit.`,
  },
  internal: {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal server error',
    detail: 'The request could not be completed; quote the requestId when reporting it.',
  },
} satisfies Record<string, GatewayProblem>;

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** Answers a gateway problem as problem+json, with the request id header API Gateway sets. */
export function sendProblem(
  response: ServerResponse,
  problem: GatewayProblem,
  context: ProblemContext,
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify(problemBody(problem, context));
  response.writeHead(problem.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'apigw-requestid': context.requestId,
    ...extra,
  });
  response.end(body);
}
