import { ENV, stateMachineArnEnv } from '#shared/config/env';
import { SEARCH_INDEX_QUEUE } from '#shared/search/index-queue';
import type { LogLevel } from './log.ts';

/** The region and account every local resource pretends to live in. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Dummy credentials. s3rver only knows the access key `S3RVER` (any other key is answered
 * with InvalidAccessKeyId); DynamoDB Local and cognito-local accept anything alphanumeric.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Local mode behaves as the dev stage: handlers validate TRELLIS_STAGE against the stages
 * the CDK app knows, and "local" is not one of them (the code must not know it is local).
 */
const LOCAL_STAGE = 'dev';

/**
 * What local resource names start with, as `trellis-<stage>` does in the stack: a state machine
 * is `trellis-local-<id>` here and `trellis-<stage>-<id>` there, so rules that pick machines
 * by name match both.
 */
export const LOCAL_NAME_PREFIX = 'trellis-local';

/** Names of the local resources, fixed so a restart on the same data folder finds them. */
export const LOCAL_RESOURCE_NAMES = {
  tableName: 'trellis-local',
  bucketName: 'trellis-local-artifacts',
  eventBusName: 'trellis-local',
} as const;

export interface LocalEndpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
  eventbridge: string;
  stepFunctions: string;
  kms: string;
  sqs: string;
}

export interface LocalResources {
  tableName: string;
  bucketName: string;
  eventBusName: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The ARN of the local KMS key that seals stored secrets. */
  secretsKeyId: string;
  /** State machine ARN by id (STATE_MACHINES). */
  stateMachineArns: Record<string, string>;
}

/**
 * The environment a handler sees locally: the same variable names the CDK stack sets, plus
 * the AWS SDK's standard endpoint overrides, so the unchanged SDK clients talk to the
 * emulators.
 */
export function handlerEnvironment(
  endpoints: LocalEndpoints,
  resources: LocalResources,
  logLevel: LogLevel,
): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    AWS_ENDPOINT_URL_SFN: endpoints.stepFunctions,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    // s3rver stores aws-chunked (checksummed, streamed) uploads verbatim, corrupting them.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    S3_FORCE_PATH_STYLE: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: logLevel,
    // Lambda runs in UTC; so do local handlers, whatever the developer's machine says.
    TZ: 'UTC',
    [ENV.stage]: LOCAL_STAGE,
    [ENV.tableName]: resources.tableName,
    [ENV.artifactsBucket]: resources.bucketName,
    [ENV.eventBusName]: resources.eventBusName,
    [ENV.userPoolId]: resources.userPoolId,
    [ENV.userPoolClientId]: resources.userPoolClientId,
    [ENV.secretsKeyId]: resources.secretsKeyId,
    [ENV.searchIndexQueueUrl]: `${endpoints.sqs}/${LOCAL_ACCOUNT_ID}/${SEARCH_INDEX_QUEUE.localQueueName}`,
    // Local test targets, deploy targets and health checks live on this machine.
    [ENV.outboundAllowList]: LOCAL_OUTBOUND_ALLOW_LIST,
    ...Object.fromEntries(Object.entries(resources.stateMachineArns).map(([id, arn]) => [stateMachineArnEnv(id), arn])),
  };
}

/** Loopback only: local mode lets outbound calls reach servers on this machine, nothing private beyond. */
const LOCAL_OUTBOUND_ALLOW_LIST = '127.0.0.0/8,::1,localhost';

/**
 * Applies the handler environment to this process (handlers run in-process), and removes
 * variables that would route the SDK elsewhere (a developer's real profile or session).
 */
export function applyHandlerEnvironment(env: Record<string, string>): void {
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN']) {
    delete process.env[name];
  }
  Object.assign(process.env, env);
}
