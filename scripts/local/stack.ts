import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ENV } from '#shared/config/env';
import {
  applyHandlerEnvironment,
  handlerEnvironment,
  LOCAL_RESOURCE_NAMES,
  type LocalEndpoints,
  type LocalResources,
} from './aws-env.ts';
import { type CognitoLocal, startCognitoLocal } from './cognito.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb.ts';
import type { LocalEventBus, LocalEventRule } from './event-bus.ts';
import type { LocalGateway } from './gateway.ts';
import { type KmsLocal, startKmsLocal } from './kms.ts';
import { createLogger, type Logger, type LogLevel } from './log.ts';
import type { GatewayRoute } from './router.ts';
import type { S3Local } from './s3.ts';
import { readLocalState, writeLocalState } from './state.ts';
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
  /** Milliseconds from the call to ready. */
  startupMs: number;
  stop(): Promise<void>;
}

const DRAIN_ON_STOP_MS = 10_000;

/**
 * The modules that take seconds to load (AWS SDK clients, s3rver, the route table's
 * schemas). Imported while the JVM boots rather than before it is even spawned: on a
 * 2-core machine that is most of the difference between a 9 s and a 6 s start.
 */
async function importProvisioning() {
  const [dynamodbTable, cognitoPool, s3, eventBus, stepFunctions, gateway, jwt, lambda, routes, rules] =
    await Promise.all([
      import('./dynamodb-table.ts'),
      import('./cognito-pool.ts'),
      import('./s3.ts'),
      import('./event-bus.ts'),
      import('./step-functions/index.ts'),
      import('./gateway.ts'),
      import('./jwt-authorizer.ts'),
      import('./lambda-runtime.ts'),
      import('#shared/api/routes'),
      import('#shared/events/rules'),
    ]);
  return { dynamodbTable, cognitoPool, s3, eventBus, stepFunctions, gateway, jwt, lambda, routes, rules };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * Starts the whole platform on this machine: DynamoDB Local, s3rver and cognito-local
 * (provisioned from the same definitions as the CDK stack), the local EventBridge and the
 * local API Gateway, with handlers running in-process against the emulators through the
 * unchanged AWS SDK. State persists under `dataDir`, so a restart picks up where it left.
 */
/**
 * cognito-local on the port asked for; without one, on the port the data folder's previous run
 * used, so that the tokens it issued (their `iss` holds the port) stay valid. Should another
 * process hold that port now, a free one will do, and old tokens answer 401 saying so.
 */
async function startCognito(
  dataDir: string,
  port: number | undefined,
  previousPort: number | undefined,
  log: Logger,
): Promise<CognitoLocal> {
  if (port !== undefined || previousPort === undefined) return startCognitoLocal({ dataDir, port, log });
  try {
    return await startCognitoLocal({ dataDir, port: previousPort, log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn(
      `Cognito port ${previousPort} (from the last run) is taken: tokens issued before this start will not work`,
    );
    return startCognitoLocal({ dataDir, log });
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const logLevel = options.logLevel ?? 'WARN';
  const log = createLogger(options.quiet ? 'ERROR' : logLevel === 'DEBUG' ? 'DEBUG' : 'INFO');
  await mkdir(dataDir, { recursive: true });

  // Stopped in reverse order of starting: gateway, event drain, bus, then the emulators.
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log.error('stopping a local stack component failed', error);
      }
    }
  };
  const track = <T extends { stop(): Promise<void> }>(component: T): T => {
    stoppers.push(() => component.stop());
    return component;
  };

  try {
    log.info(`Starting the local stack in ${dataDir}`);
    const { tableName, bucketName, eventBusName } = LOCAL_RESOURCE_NAMES;
    // allSettled, not all: a component that comes up after another failed must still be stopped.
    const modulesLoading = importProvisioning();
    const previous = await readLocalState(dataDir);
    const [dynamodbStart, cognitoStart, s3Start, kmsStart] = await Promise.allSettled([
      startDynamoDbLocal({ dataDir, port: options.dynamoPort, log }).then(track<DynamoDbLocal>),
      startCognito(dataDir, options.cognitoPort, previous.cognitoPort, log).then(track<CognitoLocal>),
      modulesLoading
        .then(({ s3 }) => s3.startS3Local({ dataDir, port: options.s3Port, bucketName, log }))
        .then(track<S3Local>),
      startKmsLocal({ dataDir, port: options.kmsPort, log }).then(track<KmsLocal>),
    ]);
    const modules = await modulesLoading;
    const dynamodb = settled(dynamodbStart);
    const cognito = settled(cognitoStart);
    const s3 = settled(s3Start);
    const kms = settled(kmsStart);
    log.info(`  DynamoDB Local  ${dynamodb.endpoint} (pid ${dynamodb.pid})`);
    log.info(`  S3 (s3rver)     ${s3.endpoint}`);
    log.info(`  Cognito (local) ${cognito.endpoint} (pid ${cognito.pid})`);
    log.info(`  KMS             ${kms.endpoint}`);

    const [table, pool] = await Promise.all([
      modules.dynamodbTable.ensureTable(dynamodb.endpoint, tableName),
      modules.cognitoPool.ensureUserPool(cognito.endpoint, previous),
    ]);
    const created = pool.created.length > 0 ? ` (created ${pool.created.join(', ')})` : '';
    log.info(`  table ${tableName}: ${table}; user pool ${pool.userPoolId}${created}`);

    const state = {
      cognitoPort: Number(new URL(cognito.endpoint).port),
      tableName,
      bucketName,
      eventBusName,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
    };
    await writeLocalState(dataDir, state);
    // State machine ARNs follow from their ids: nothing a restart needs to find again.
    const resources: LocalResources = {
      ...state,
      secretsKeyId: kms.keyArn,
      stateMachineArns: modules.stepFunctions.stateMachineArnsById(),
    };

    const loadHandler = modules.lambda.createHandlerLoader();
    const eventBus = track<LocalEventBus>(
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
    stoppers.push(() => Promise.race([eventBus.drain(), delay(DRAIN_ON_STOP_MS, undefined, { ref: false })]));
    log.info(`  EventBridge     ${eventBus.endpoint}`);
    // The artifacts bucket has EventBridge notifications on in the stack: S3 events go to the default bus.
    s3.sendEventsTo((event) => eventBus.putServiceEvent(event));
    const stepFunctions = track<LocalStepFunctions>(
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

    const endpoints: LocalEndpoints = {
      dynamodb: dynamodb.endpoint,
      s3: s3.endpoint,
      cognito: cognito.endpoint,
      eventbridge: eventBus.endpoint,
      stepFunctions: stepFunctions.endpoint,
      kms: kms.endpoint,
    };
    // Before any handler module is imported: handlers read their config at module scope.
    applyHandlerEnvironment(handlerEnvironment(endpoints, resources, logLevel));

    const issuer = cognito.issuer(resources.userPoolId);
    const gateway = track<LocalGateway>(
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
      pids: { dynamodb: dynamodb.pid, cognito: cognito.pid },
      eventBridge: { drain: () => eventBus.drain() },
      startupMs,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
