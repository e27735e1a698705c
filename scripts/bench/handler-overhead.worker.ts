/**
 * Runs in its own Node process, bundled with the Lambda build options (see handler-overhead.ts):
 * times one call of the platform's middy stack against a bare handler and against partial
 * stacks, and writes the result as JSON to the file named by argv[2].
 */
import { writeFileSync } from 'node:fs';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { defineRoute } from '#shared/api/route-definition';
import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { routeHandler } from '#shared/http/handler';
import { logger } from '#shared/observability';
import { PageQuery } from '#shared/schemas/common';
import { httpApiEvent, lambdaContext } from '../../test/fixtures/api-gateway.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Handler = (event: Event, context: Context) => Promise<APIGatewayProxyResultV2>;

/** One round of one variant, per call: wall time and CPU time of the main thread, in ns. */
export interface RoundTiming {
  wallNs: number;
  cpuNs: number;
}

/**
 * `bare` and `full` are the two sides of the target; `layer` rows rebuild the stack one
 * middleware at a time; `validation` is the schema parses alone, with no handler around them.
 */
export type VariantRole = 'bare' | 'layer' | 'full' | 'validation';

export interface VariantSample {
  name: string;
  role: VariantRole;
  /** Status code of one warm call: anything but 200 means an error path would be timed. */
  status?: number;
  rounds: RoundTiming[];
}

export interface HandlerOverheadSample {
  variants: VariantSample[];
  callsPerRound: number;
  rounds: number;
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

// The layers of httpHandler, rebuilt one at a time with the same options it uses.
const withMiddy = () => middy<Event, APIGatewayProxyResultV2>(bare, { timeoutEarlyInMillis: 0 });
const withLogger = () =>
  withMiddy().use({
    before: ({ context }) => {
      logger.addContext(context);
      logger.appendKeys({ route: route.id, requestId: context.awsRequestId, correlationId: context.awsRequestId });
    },
  });

interface Variant {
  name: string;
  role: VariantRole;
  handler?: Handler;
  run: () => unknown;
}

/** The middleware replaces event.headers and event.body: every call gets a fresh shallow copy. */
function call(handler: Handler): Promise<APIGatewayProxyResultV2> {
  return handler({ ...baseEvent }, { ...baseContext });
}

const handlerVariant = (name: string, role: VariantRole, handler: Handler): Variant => ({
  name,
  role,
  handler,
  run: () => call(handler),
});

/** Validation alone: the three zod/mini parses httpHandler does. */
function validate(): void {
  const { params, query, body } = route.request;
  params.safeParse(baseEvent.pathParameters);
  query.safeParse(baseEvent.queryStringParameters);
  body.safeParse(JSON.parse(baseEvent.body!));
}

const variants: Variant[] = [
  handlerVariant('bare', 'bare', bare),
  handlerVariant('middy core (early timeout off)', 'layer', withMiddy()),
  handlerVariant('middy + logger context and keys', 'layer', withLogger()),
  handlerVariant(
    'httpHandler (full stack)',
    'full',
    // The kit minus the project authorization, whose one DynamoDB read is not the kit's overhead.
    routeHandler(
      route,
      async () => ({ body: ok }),
      async (request) => request,
    ) as unknown as Handler,
  ),
  { name: 'zod validation only', role: 'validation', run: validate },
];

/**
 * Times `calls` sequential, awaited runs. CPU time is this thread's (`process.threadCpuUsage`):
 * the work done, which time spent waiting for a core taken by other processes does not inflate.
 */
async function timeRound(calls: number, run: () => unknown): Promise<RoundTiming> {
  const cpu = process.threadCpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  const wallNs = Number(process.hrtime.bigint() - started);
  const used = process.threadCpuUsage(cpu);
  return { wallNs: wallNs / calls, cpuNs: ((used.user + used.system) * 1000) / calls };
}

async function main(): Promise<void> {
  const [outFile, roundsArg, callsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const calls = Number(callsArg);

  const samples: VariantSample[] = [];
  for (const variant of variants) {
    const result = variant.handler ? await call(variant.handler) : undefined;
    const status = typeof result === 'object' ? result.statusCode : undefined;
    samples.push({ name: variant.name, role: variant.role, status, rounds: [] });
    await timeRound(calls, variant.run); // warm-up: the JIT settles before anything is timed
  }
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round so neither end of a round is always the same variant.
    const order = round % 2 === 0 ? variants.keys() : [...variants.keys()].reverse();
    for (const index of order) samples[index]!.rounds.push(await timeRound(calls, variants[index]!.run));
  }
  const result: HandlerOverheadSample = { variants: samples, callsPerRound: calls, rounds };
  writeFileSync(outFile!, JSON.stringify(result));
}

await main();
