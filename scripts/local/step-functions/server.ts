import { z } from 'zod';
import { type AwsJsonServer, parseRequest, startAwsJsonServer } from '../aws-json.ts';
import type { Logger } from '../log.ts';
import type { StepFunctionsEngine } from './engine.ts';
import type { HistoryEvent } from './history.ts';
import { ServiceError } from './service-error.ts';
import type { ExecutionRecord } from './store.ts';

/** The request payload limit of the Step Functions API (inputs and outputs are 256 KiB each). */
const MAX_REQUEST_BYTES = 1024 * 1024;
const DEFAULT_PAGE_SIZE = 100;
const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_PAGE_SIZE = 1000;

const Status = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const Paging = {
  maxResults: z.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
  nextToken: z.string().optional(),
};

type Operation = (engine: StepFunctionsEngine, body: unknown) => Promise<unknown>;

/** An operation: its request schema (a mismatch is a ValidationException) and what it does. */
function operation<Schema extends z.ZodType>(
  schema: Schema,
  perform: (engine: StepFunctionsEngine, request: z.infer<Schema>) => unknown,
): Operation {
  return async (engine, body) => perform(engine, parseRequest(schema, body));
}

/** The API shapes timestamps as epoch seconds (the JSON protocol's timestamp format). */
const seconds = (epochMs: number | undefined) => (epochMs === undefined ? undefined : epochMs / 1000);

/** An execution as ListExecutions lists it. */
function summaryOf(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
  };
}

function describe(record: ExecutionRecord) {
  return {
    ...summaryOf(record),
    input: record.input,
    inputDetails: { included: true },
    output: record.output,
    outputDetails: record.output === undefined ? undefined : { included: true },
    error: record.error,
    cause: record.cause,
  };
}

function historyEvent(event: HistoryEvent, includeExecutionData: boolean) {
  const shaped: Record<string, unknown> = { ...event, timestamp: seconds(event.timestamp) };
  if (!includeExecutionData) {
    for (const [member, details] of Object.entries(shaped)) {
      if (!member.endsWith('EventDetails')) continue;
      const { input, output, parameters, ...rest } = details as Record<string, unknown>;
      shaped[member] = rest;
    }
  }
  return shaped;
}

/** One page of `items`; the token is the offset of the next page, opaque to callers. */
function page<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined) {
  let offset = 0;
  if (nextToken !== undefined) {
    offset = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new ServiceError('InvalidToken', 'Invalid pagination token');
  }
  const size = maxResults || DEFAULT_PAGE_SIZE;
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}

const OPERATIONS: Record<string, Operation> = {
  StartExecution: operation(
    z.object({ stateMachineArn: z.string(), name: z.string().optional(), input: z.string().optional() }),
    async (engine, request) => {
      const record = await engine.startExecution(request);
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
  ),
  DescribeExecution: operation(z.object({ executionArn: z.string() }), (engine, { executionArn }) =>
    describe(engine.describeExecution(executionArn)),
  ),
  StopExecution: operation(
    z.object({ executionArn: z.string(), error: z.string().optional(), cause: z.string().optional() }),
    async (engine, { executionArn, error, cause }) => {
      const record = await engine.stopExecution(executionArn, error, cause);
      return { stopDate: seconds(record.stopDate) };
    },
  ),
  ListExecutions: operation(
    z.object({ stateMachineArn: z.string(), statusFilter: Status.optional(), ...Paging }),
    (engine, { stateMachineArn, statusFilter, maxResults, nextToken }) => {
      const { items, nextToken: next } = page(
        engine.listExecutions(stateMachineArn, statusFilter),
        maxResults,
        nextToken,
      );
      return {
        executions: items.map(summaryOf),
        nextToken: next,
      };
    },
  ),
  GetExecutionHistory: operation(
    z.object({
      executionArn: z.string(),
      reverseOrder: z.boolean().optional(),
      includeExecutionData: z.boolean().optional(),
      ...Paging,
    }),
    (engine, request) => {
      const history = engine.describeExecution(request.executionArn).history;
      const ordered = request.reverseOrder ? [...history].reverse() : history;
      const { items, nextToken } = page(ordered, request.maxResults, request.nextToken);
      return {
        events: items.map((event) => historyEvent(event, request.includeExecutionData ?? true)),
        nextToken,
      };
    },
  ),
  SendTaskSuccess: operation(z.object({ taskToken: z.string(), output: z.string() }), async (engine, request) => {
    await engine.sendTaskSuccess(request.taskToken, request.output);
    return {};
  }),
  SendTaskFailure: operation(
    z.object({ taskToken: z.string(), error: z.string().optional(), cause: z.string().optional() }),
    async (engine, request) => {
      await engine.sendTaskFailure(request.taskToken, request.error, request.cause);
      return {};
    },
  ),
  SendTaskHeartbeat: operation(z.object({ taskToken: z.string() }), async (engine, request) => {
    await engine.sendTaskHeartbeat(request.taskToken);
    return {};
  }),
};

export type ProtocolServer = AwsJsonServer;

/**
 * The local Step Functions endpoint: the AWS JSON 1.0 protocol the SDK's SFN client speaks
 * (`POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`, errors as `{ __type, message }`),
 * for the operations in OPERATIONS.
 */
export function startProtocolServer(
  engine: StepFunctionsEngine,
  options: { port?: number; log: Logger },
): Promise<ProtocolServer> {
  return startAwsJsonServer({
    service: 'Step Functions',
    targetPrefix: TARGET_PREFIX,
    protocolVersion: '1.0',
    maxRequestBytes: MAX_REQUEST_BYTES,
    operations: Object.fromEntries(
      Object.entries(OPERATIONS).map(([name, perform]) => [name, (request: unknown) => perform(engine, request)]),
    ),
    internalErrorType: 'InternalFailure',
    port: options.port,
    log: options.log,
  });
}
