import type { ServerResponse } from 'node:http';
import * as api from '#shared/api/messages';
import { type GatewayResponse, MalformedLambdaResponseError, toGatewayResponse } from '../apigw-event.ts';
import { TIMED_OUT } from '../lambda-runtime.ts';
import type { Logger } from '../log.ts';
import { GATEWAY_PROBLEMS, MAX_LAMBDA_PAYLOAD_BYTES, type ProblemContext, sendProblem } from './problems.ts';

/** The invocation an answer is for, as the gateway names it in logs and problems. */
export interface InvocationContext extends ProblemContext {
  /** `<route id> (<route key>)`. */
  label: string;
  timeoutMs: number;
  log: Logger;
}

/**
 * Answers with what the handler returned, mapped as API Gateway maps a payload 2.0 result;
 * a handler that timed out gets 503, one whose result API Gateway cannot use 500.
 */
export function sendInvocationResult(response: ServerResponse, result: unknown, context: InvocationContext): void {
  const { label, timeoutMs, log } = context;
  if (result === TIMED_OUT) {
    log.error(`${label} did not answer within ${timeoutMs} ms`);
    const detail = api.handlerTimedOut({ seconds: timeoutMs / 1000 });
    const title = api.titleServiceUnavailable();
    sendProblem(response, { status: 503, code: 'SERVICE_UNAVAILABLE', title, detail }, context);
    return;
  }
  let mapped: GatewayResponse;
  try {
    mapped = toGatewayResponse(result);
    if (
      mapped.body.length > MAX_LAMBDA_PAYLOAD_BYTES / 2 &&
      Buffer.byteLength(JSON.stringify(result)) > MAX_LAMBDA_PAYLOAD_BYTES
    ) {
      throw new MalformedLambdaResponseError('response payload exceeds Lambda’s 6 MB limit');
    }
  } catch (error) {
    log.error(`${label} returned a response API Gateway cannot use`, error);
    sendProblem(response, GATEWAY_PROBLEMS.internal, context);
    return;
  }
  mapped.headers['content-length'] = String(mapped.body.length);
  mapped.headers['apigw-requestid'] = context.requestId;
  response.writeHead(mapped.statusCode, mapped.headers);
  response.end(mapped.body);
}
