import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { negotiateLocale } from '#shared/i18n/locale';
import { type AdmissionRules, admitRequest, splitUrl } from './gateway/admission.ts';
import { sendInvocationResult } from './gateway/answer.ts';
import { GATEWAY_PROBLEMS, newRequestId, sendProblem } from './gateway/problems.ts';
import { closeServer, listenOnLoopback } from './http-server.ts';
import type { JwtAuthorizer } from './jwt-authorizer.ts';
import { type HandlerLoader, invokeWithTimeout } from './lambda-runtime.ts';
import type { Logger } from './log.ts';
import { createRouter, type GatewayRoute } from './router.ts';

export interface GatewayOptions {
  routes: readonly GatewayRoute[];
  loadHandler: HandlerLoader;
  authorizer: JwtAuthorizer;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** API Gateway's integration timeout. */
  timeoutMs?: number;
}

export interface LocalGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 29_000;

/**
 * The local API Gateway (HTTP API): serves the route table, authorizes `user` routes like
 * the JWT authorizer, invokes each route's handler in-process with a payload 2.0 event and
 * maps its result back. What never reaches a Lambda (404, 401, 413) and what goes wrong in
 * one (500, 503) get API Gateway's status codes, but as problem+json with a `code` and a
 * reason like the handlers' answers (API Gateway's own `{"message"}` bodies say too little
 * to debug a local setup with, e.g. a token from before a restart). This path is benchmarked
 * against a direct DynamoDB call, so it stays lean: no framework, one pass per request.
 */
export async function startGateway(options: GatewayOptions): Promise<LocalGateway> {
  const rules: AdmissionRules = { route: createRouter(options.routes), authorizer: options.authorizer };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { log } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const timeEpoch = Date.now();
    const { rawPath, rawQueryString } = splitUrl(request.url ?? '/');
    const locale = negotiateLocale(request.headers['accept-language']);
    const context = { requestId, instance: rawPath, locale };
    const admitted = await admitRequest(request, rules, { requestId, timeEpoch, rawPath, rawQueryString });
    if ('problem' in admitted) {
      sendProblem(response, admitted.problem, context, admitted.headers);
      if (admitted.discardBody) request.resume();
      return;
    }
    const { match, event } = admitted;
    const label = `${match.route.id} (${match.routeKey})`;
    let result: unknown;
    try {
      result = await invoke(match.route, event);
    } catch (error) {
      log.error(`${label} failed`, error);
      sendProblem(response, GATEWAY_PROBLEMS.internal, context);
      return;
    }
    sendInvocationResult(response, result, { ...context, label, timeoutMs, log });
  }

  async function invoke(target: GatewayRoute, event: unknown): Promise<unknown> {
    const loaded = await options.loadHandler(target.handler);
    if (loaded.takeColdStart()) log.debug(`cold start ${target.id}: init ${loaded.initDurationMs.toFixed(0)} ms`);
    return invokeWithTimeout(target.id, loaded, event, timeoutMs);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('local gateway failed to answer a request', error);
      const locale = negotiateLocale(request.headers['accept-language']);
      const context = { requestId: newRequestId(), instance: request.url ?? '/', locale };
      if (!response.headersSent) sendProblem(response, GATEWAY_PROBLEMS.internal, context);
      else response.destroy();
    });
  });
  const url = await listenOnLoopback(server, options.port);
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      await closeServer(server);
    },
  };
}
