/**
 * Runs in its own Node process, bundled with the Lambda build options (see handler-overhead.ts):
 * times one call of the platform's middy stack against a bare handler and against partial
 * stacks, and writes the result as JSON to the file named by argv[2].
 */
import { writeFileSync } from 'node:fs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { defineRoute } from '#shared/api/route-definition';
import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { logger } from '#shared/observability';
import { PageQuery } from '#shared/schemas/common';
import { httpApiEvent, lambdaContext } from '../../test/fixtures/api-gateway.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Handler = (event: Event, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface HandlerOverheadSample {
  /** ns per call, one value per round. */
  nsPerCall: Record<string, number[]>;
  callsPerRound: number;
  rounds: number;
  /** Status codes of one warm call per variant: all must be 200, or an error path is being timed. */
  statuses: Record<string, number | undefined>;
}

// A real route's definition with path parameters, a query and a body (UpdateProject plus the
// list query), so that every validation step runs; the domain call is replaced by a constant.
const route = defineRoute({
  ...PROJECTS_ROUTES.UpdateProject,
  request: { ...PROJECTS_ROUTES.UpdateProject.request, query: PageQuery },
});
const projectId = '01jd8x7k2m3n4p5q6r7s8t9v0w';
const baseEvent = httpApiEvent({
  method: 'PATCH',
  path: `/v1/projects/${projectId}`,
  routeKey: 'PATCH /v1/projects/{projectId}',
  pathParameters: { projectId },
  queryStringParameters: { limit: '20' },
  headers: { 'if-match': '"3"', 'x-correlation-id': 'bench-correlation-id' },
  body: JSON.stringify({ name: 'Renamed project', description: 'What the project is about, in one sentence.' }),
});
const baseContext = lambdaContext('UpdateProject');

const ok = { ok: true };

/** The least a handler must do for the same request: parse the body, answer JSON. */
const bare: Handler = async (event) => {
  const body: unknown = typeof event.body === 'string' ? JSON.parse(event.body) : event.body;
  return { statusCode: body ? 200 : 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ok) };
};

const withMiddy = (options?: middy.PluginObject) => middy<Event, APIGatewayProxyResultV2>(bare, options);

/** Partial stacks, each adding one layer of what httpHandler uses, to attribute the cost. */
const variants: Record<string, Handler> = {
  bare,
  'middy core': withMiddy(),
  'middy core, early timeout off': withMiddy({ timeoutEarlyInMillis: 0 }),
  'middy + logger context': withMiddy().use(injectLambdaContext(logger, { resetKeys: true })),
  'middy + logger + header normalizer': withMiddy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer()),
  'middy + logger + headers + JSON body parser': withMiddy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpJsonBodyParser()),
  'httpHandler (full stack)': httpHandler(route, async () => ({ body: ok })) as unknown as Handler,
};

/** The middleware replaces event.headers and event.body: every call gets a fresh shallow copy. */
function call(handler: Handler): Promise<APIGatewayProxyResultV2> {
  return handler({ ...baseEvent }, { ...baseContext });
}

async function nsPerCall(handler: Handler, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call(handler);
  return Number(process.hrtime.bigint() - started) / calls;
}

/** Validation alone (the three zod/mini parses httpHandler does), synchronous. */
function validationNsPerCall(calls: number): number {
  const { params, query, body } = route.request;
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    params.safeParse(baseEvent.pathParameters);
    query.safeParse(baseEvent.queryStringParameters);
    body.safeParse(JSON.parse(baseEvent.body!));
  }
  return Number(process.hrtime.bigint() - started) / calls;
}

async function main(): Promise<void> {
  const [outFile, roundsArg, callsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const calls = Number(callsArg);
  const names = Object.keys(variants);

  const statuses: HandlerOverheadSample['statuses'] = {};
  for (const name of names) {
    const result = await call(variants[name]!);
    statuses[name] = typeof result === 'object' ? result.statusCode : undefined;
    await nsPerCall(variants[name]!, calls); // warm-up: let the JIT settle before timing
  }
  validationNsPerCall(calls);

  const samples: Record<string, number[]> = Object.fromEntries([...names, 'zod validation only'].map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round so neither end of a round is always the same variant.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name]!.push(await nsPerCall(variants[name]!, calls));
    samples['zod validation only']!.push(validationNsPerCall(calls));
  }
  const result: HandlerOverheadSample = { nsPerCall: samples, callsPerRound: calls, rounds, statuses };
  writeFileSync(outFile!, JSON.stringify(result));
}

await main();
