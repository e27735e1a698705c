import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENV } from '#shared/config/env';
import { SEARCH_INDEX_QUEUE } from '#shared/search/index-queue';
import {
  applyHandlerEnvironment,
  handlerEnvironment,
  LOCAL_RESOURCE_NAMES,
  type LocalEndpoints,
  type LocalResources,
} from './aws-env.ts';
import type { LocalEventBus, LocalEventRule } from './event-bus.ts';
import type { LocalGateway } from './gateway.ts';
import type { HandlerLoader } from './lambda-runtime.ts';
import { createLogger, type Logger, type LogLevel } from './log.ts';
import type { GatewayRoute } from './router.ts';
import { type EventSourceMapping, startEventSourceMapping } from './sqs/event-source.ts';
import type { FifoQueue } from './sqs/fifo-queue.ts';
import { type SqsLocal, startSqsLocal } from './sqs.ts';
import { type Emulators, startEmulators } from './stack/emulators.ts';
import { importProvisioning, type ProvisioningModules, provisionResources } from './stack/provisioning.ts';
import { createShutdownOrder, type ShutdownOrder } from './stack/shutdown.ts';
import { readLocalState } from './state.ts';
import type { LocalStepFunctions } from './step-functions/index.ts';

export interface LocalStackOptions {
  /** Where all state lives (DynamoDB, S3 objects, Cognito, events); reused on restart. */
  dataDir: string;
  /** Gateway port; 0 or absent picks a free one. */
  port?: number;
  dynamoPort?: number;
  s3Port?: number;
  cognitoPort?: number;
  eventBridgePort?: number;
  stepFunctionsPort?: number;
  kmsPort?: number;
  sqsPort?: number;
  /**
   * Seconds a message of the search index's queue stays in flight after a failed batch (the
   * stack's visibility timeout is minutes; tests of retries shorten it). Default: the stack's.
   */
  searchQueueVisibilitySeconds?: number;
  /** Handler log level (POWERTOOLS_LOG_LEVEL); DEBUG also echoes emulator output. Default WARN. */
  logLevel?: LogLevel;
  /** Print nothing but errors (tests). */
  quiet?: boolean;
  /** Overrides for tests; default to the project's ROUTES and EVENT_RULES. */
  routes?: readonly GatewayRoute[];
  eventRules?: readonly LocalEventRule[];
  /** Event delivery retries (default 2) and first backoff (default 500 ms). */
  eventRetryAttempts?: number;
  eventRetryBackoffMs?: number;
  /**
   * Seconds between a quality-gate stage's looks for its analysis (tests shorten it); absent,
   * QUALITY_GATE_POLL_SECONDS from the environment applies, else the task's default (10 s).
   */
  qualityGatePollSeconds?: number;
}

export interface LocalStack {
  apiUrl: string;
  endpoints: LocalEndpoints;
  resources: LocalResources;
  /** The token issuer the gateway accepts (cognito-local's `iss`). */
  issuer: string;
  /** Pids of the emulators running as child processes. */
  pids: { dynamodb: number; cognito: number };
  eventBridge: { drain(): Promise<void> };
  /** The search index's queue, in process: its messages and dead letters (tests look at them). */
  searchIndexQueue: { queue: FifoQueue; deadLetterQueue: FifoQueue; drain(): Promise<void> };
  /** Milliseconds from the call to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

const DRAIN_ON_STOP_MS = 10_000;

/**
 * Starts the whole platform on this machine: DynamoDB Local, s3rver and cognito-local
 * (provisioned from the same definitions as the CDK stack), the local EventBridge and the
 * local API Gateway, with handlers running in-process against the emulators through the
 * unchanged AWS SDK. State persists under `dataDir`, so a restart picks up where it left.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const logLevel = options.logLevel ?? 'WARN';
  const log = createLogger(options.quiet ? 'ERROR' : logLevel === 'DEBUG' ? 'DEBUG' : 'INFO');
  await mkdir(dataDir, { recursive: true });
  const shutdown = createShutdownOrder(log);

  try {
    log.info(`Starting the local stack in ${dataDir}`);
    const modulesLoading = importProvisioning();
    const previous = await readLocalState(dataDir);
    const emulators = await startEmulators(
      {
        ...options,
        dataDir,
        previousCognitoPort: previous.cognitoPort,
        bucketName: LOCAL_RESOURCE_NAMES.bucketName,
        s3Module: modulesLoading.then(({ s3 }) => s3),
        log,
      },
      shutdown,
    );
    const modules = await modulesLoading;
    logEmulators(emulators, log);
    const resources = await provisionResources(dataDir, previous, emulators, modules, log);

    const loadHandler = modules.lambda.createHandlerLoader();
    const wiring = { options, dataDir, modules, loadHandler, shutdown, log };
    const { eventBus, stepFunctions } = await startEventing(wiring, emulators, resources);
    const search = await startSearchIndexQueue(wiring);
    const endpoints: LocalEndpoints = {
      ...emulatorEndpoints(emulators),
      eventbridge: eventBus.endpoint,
      stepFunctions: stepFunctions.endpoint,
      sqs: search.sqs.endpoint,
    };
    // Before any handler module is imported: handlers read their config at module scope.
    applyHandlerEnvironment(handlerEnvironment(endpoints, resources, logLevel));
    if (options.qualityGatePollSeconds !== undefined) {
      process.env[ENV.qualityGatePollSeconds] = String(options.qualityGatePollSeconds);
    }
    const issuer = emulators.cognito.issuer(resources.userPoolId);
    const gateway = await startApi(wiring, issuer, resources);

    // Resumed runs may invoke handlers, so only once their whole environment is in place.
    const resumed = stepFunctions.resume();
    if (resumed > 0) log.info(`  resumed ${resumed} running execution(s)`);

    const startupMs = Math.round(performance.now() - started);
    log.info(`  ready in ${startupMs} ms`);
    let stopping: Promise<void> | undefined;
    return {
      apiUrl: gateway.url,
      endpoints,
      resources,
      issuer,
      pids: { dynamodb: emulators.dynamodb.pid, cognito: emulators.cognito.pid },
      eventBridge: { drain: () => eventBus.drain() },
      searchIndexQueue: {
        queue: search.sqs.queue(SEARCH_INDEX_QUEUE.localQueueName),
        deadLetterQueue: search.sqs.queue(SEARCH_INDEX_QUEUE.localDeadLetterQueueName),
        drain: () => search.mapping.drain(),
      },
      startupMs,
      stop: () => (stopping ??= shutdown.stopAll()),
    };
  } catch (error) {
    await shutdown.stopAll();
    throw error;
  }
}

/** What the wiring steps of one start share. */
interface StackWiring {
  options: LocalStackOptions;
  dataDir: string;
  modules: ProvisioningModules;
  /** One loader for the gateway, the bus and Step Functions: a handler module loads once. */
  loadHandler: HandlerLoader;
  shutdown: ShutdownOrder;
  log: Logger;
}

function emulatorEndpoints({ dynamodb, s3, cognito, kms }: Emulators) {
  return { dynamodb: dynamodb.endpoint, s3: s3.endpoint, cognito: cognito.endpoint, kms: kms.endpoint };
}

function logEmulators({ dynamodb, s3, cognito, kms }: Emulators, log: Logger): void {
  log.info(`  DynamoDB Local  ${dynamodb.endpoint} (pid ${dynamodb.pid})`);
  log.info(`  S3 (s3rver)     ${s3.endpoint}`);
  log.info(`  Cognito (local) ${cognito.endpoint} (pid ${cognito.pid})`);
  log.info(`  KMS             ${kms.endpoint}`);
}

/**
 * The local EventBridge and Step Functions, wired as in the stack: S3 notifications and
 * execution status changes go to the default bus in-process, as the services hand them over.
 */
async function startEventing(
  { options, dataDir, modules, loadHandler, shutdown, log }: StackWiring,
  { s3 }: Emulators,
  { tableName, bucketName, eventBusName }: LocalResources,
): Promise<{ eventBus: LocalEventBus; stepFunctions: LocalStepFunctions }> {
  const eventBus = shutdown.track<LocalEventBus>(
    await modules.eventBus.startEventBus({
      dataDir,
      busName: eventBusName,
      rules: options.eventRules ?? modules.rules.EVENT_RULES,
      loadHandler,
      log,
      port: options.eventBridgePort,
      retryAttempts: options.eventRetryAttempts,
      retryBackoffMs: options.eventRetryBackoffMs,
    }),
  );
  // Deliveries in flight finish (or time out) after the gateway stops taking requests and
  // before the emulators they write to go away.
  shutdown.add(() => Promise.race([eventBus.drain(), delay(DRAIN_ON_STOP_MS, undefined, { ref: false })]));
  log.info(`  EventBridge     ${eventBus.endpoint}`);
  // The artifacts bucket has EventBridge notifications on in the stack: S3 events go to the default bus.
  s3.sendEventsTo((event) => eventBus.putServiceEvent(event));
  const stepFunctions = shutdown.track<LocalStepFunctions>(
    await modules.stepFunctions.startStepFunctions({
      dataDir,
      port: options.stepFunctionsPort,
      resourceNames: { tableName, eventBusName, artifactsBucket: bucketName },
      loadHandler,
      log,
      // In-process, as Step Functions hands its events to EventBridge: `aws.states` is not a
      // source PutEvents accepts.
      statusEvents: (event) => eventBus.putServiceEvent(event),
    }),
  );
  log.info(`  Step Functions  ${stepFunctions.endpoint}`);
  return { eventBus, stepFunctions };
}

/**
 * The local SQS with the search index's FIFO queue and its dead-letter queue, and the event
 * source mapping that feeds the queue's consumer, as the stack's SearchIndexing construct.
 */
async function startSearchIndexQueue({
  options,
  loadHandler,
  shutdown,
  log,
}: StackWiring): Promise<{ sqs: SqsLocal; mapping: EventSourceMapping }> {
  const sqs = shutdown.track<SqsLocal>(
    await startSqsLocal({
      queues: [
        {
          name: SEARCH_INDEX_QUEUE.localQueueName,
          visibilityTimeoutSeconds: options.searchQueueVisibilitySeconds ?? SEARCH_INDEX_QUEUE.visibilityTimeoutSeconds,
          deadLetter: {
            name: SEARCH_INDEX_QUEUE.localDeadLetterQueueName,
            maxReceiveCount: SEARCH_INDEX_QUEUE.maxReceiveCount,
          },
        },
      ],
      port: options.sqsPort,
      log,
    }),
  );
  const mapping = shutdown.track<EventSourceMapping>(
    startEventSourceMapping({
      functionName: SEARCH_INDEX_QUEUE.consumerId,
      handlerFile: SEARCH_INDEX_QUEUE.handler,
      queue: sqs.queue(SEARCH_INDEX_QUEUE.localQueueName),
      loadHandler,
      batchSize: SEARCH_INDEX_QUEUE.batchSize,
      timeoutMs: SEARCH_INDEX_QUEUE.consumerTimeoutSeconds * 1000,
      log,
    }),
  );
  log.info(`  SQS             ${sqs.endpoint}`);
  return { sqs, mapping };
}

/** The local API Gateway with the pool's JWT authorizer; external callbacks are pointed at it. */
async function startApi(
  { options, modules, loadHandler, shutdown, log }: StackWiring,
  issuer: string,
  resources: LocalResources,
): Promise<LocalGateway> {
  const gateway = shutdown.track<LocalGateway>(
    await modules.gateway.startGateway({
      routes: options.routes ?? modules.routes.ROUTES,
      loadHandler,
      authorizer: modules.jwt.createJwtAuthorizer({
        issuer,
        audience: [resources.userPoolClientId],
        jwksUrl: `${issuer}/.well-known/jwks.json`,
      }),
      log,
      port: options.port,
    }),
  );
  // Callback URLs handed to external systems point at this gateway.
  process.env[ENV.publicApiUrl] = gateway.url;
  return gateway;
}
