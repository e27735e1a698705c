import { join } from 'node:path';
import { REPO_ROOT } from '#infra/config/paths';
import { ROUTES, type RouteAccess } from '#shared/api/routes';
import { stateMachineArnEnv } from '#shared/config/env';
import { EVENT_RULES } from '#shared/events/rules';
import { STATE_MACHINES } from '#shared/workflows/state-machines';

/** Where bundles and workers are written (git-ignored); wiped at the start of every run. */
export const OUT_DIR = join(REPO_ROOT, '.bench', 'out');

/** An SDK client a function may use, with what a "floor" entry imports to instantiate it. */
export interface SdkClient {
  name: SdkClientName;
  /** The packages whose code in a bundle shows the client is there. */
  packages: readonly string[];
  /** Import lines and the module-scope expression that creates the client, as our code does. */
  imports: string;
  create: string;
}

export type SdkClientName = 'dynamodb' | 's3' | 'eventbridge' | 'cognito' | 'kms' | 'sfn' | 'sqs';

export const SDK_CLIENTS: Record<SdkClientName, SdkClient> = {
  dynamodb: {
    name: 'dynamodb',
    packages: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    create: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
  },
  s3: {
    name: 's3',
    packages: ['@aws-sdk/client-s3'],
    imports: "import { S3Client } from '@aws-sdk/client-s3';",
    create: 'new S3Client({})',
  },
  eventbridge: {
    name: 'eventbridge',
    packages: ['@aws-sdk/client-eventbridge'],
    imports: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
    create: 'new EventBridgeClient({})',
  },
  cognito: {
    name: 'cognito',
    packages: ['@aws-sdk/client-cognito-identity-provider'],
    imports: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    create: 'new CognitoIdentityProviderClient({})',
  },
  kms: {
    name: 'kms',
    packages: ['@aws-sdk/client-kms'],
    imports: "import { KMSClient } from '@aws-sdk/client-kms';",
    create: 'new KMSClient({})',
  },
  sfn: {
    name: 'sfn',
    packages: ['@aws-sdk/client-sfn'],
    imports: "import { SFNClient } from '@aws-sdk/client-sfn';",
    create: 'new SFNClient({})',
  },
  sqs: {
    name: 'sqs',
    packages: ['@aws-sdk/client-sqs'],
    imports: "import { SQSClient } from '@aws-sdk/client-sqs';",
    create: 'new SQSClient({})',
  },
};

/** One Lambda of the platform: an HTTP route or an event consumer. */
export interface BenchFunction {
  /** Route id, or the rule id for consumers. */
  id: string;
  kind: 'route' | 'consumer';
  /** Entry file relative to the repository root. */
  handler: string;
  access: RouteAccess;
  /** The SDK clients the function is entitled to, which its floor bundle instantiates. */
  clients: SdkClientName[];
}

/**
 * The clients a function uses, from what it may touch. Public Cognito actions (sign-up,
 * password and refresh-token login) need no IAM grant, so `access` cannot show them; every
 * function under functions/auth/ talks to Cognito.
 */
export function clientsOf(handler: string, access: RouteAccess): SdkClientName[] {
  const clients: SdkClientName[] = [];
  if (access.table !== undefined) clients.push('dynamodb');
  if (access.artifacts !== undefined) clients.push('s3');
  if (access.events) clients.push('eventbridge');
  if ((access.userPool?.length ?? 0) > 0 || handler.startsWith('functions/auth/')) clients.push('cognito');
  if ((access.secrets?.length ?? 0) > 0) clients.push('kms');
  if ((access.stateMachines?.length ?? 0) > 0) clients.push('sfn');
  if (access.searchIndexQueue !== undefined) clients.push('sqs');
  return clients;
}

/** Every route handler and every event-rule target, in route-table order. */
export function benchFunctions(): BenchFunction[] {
  const routes = ROUTES.map((route) => ({
    id: route.id,
    kind: 'route' as const,
    handler: route.handler,
    access: route.access,
    clients: clientsOf(route.handler, route.access),
  }));
  const consumers = EVENT_RULES.map((rule) => ({
    id: rule.id,
    kind: 'consumer' as const,
    handler: rule.target.handler,
    access: rule.target.access,
    clients: clientsOf(rule.target.handler, rule.target.access),
  }));
  return [...routes, ...consumers];
}

/** A stable name for a set of clients (`dynamodb+s3`, or `none`). */
export function clientSetName(clients: readonly SdkClientName[]): string {
  return clients.length === 0 ? 'none' : [...clients].sort().join('+');
}

/**
 * The environment handlers need at import (config is read at module scope, and a missing
 * variable fails the init). Dummy values: nothing is called during the measurements that use it.
 */
export const HANDLER_ENV: Record<string, string> = {
  TABLE_NAME: 'trellis-bench',
  ARTIFACTS_BUCKET: 'trellis-bench-artifacts',
  EVENT_BUS_NAME: 'trellis-bench',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'benchclient',
  TRELLIS_STAGE: 'dev',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  POWERTOOLS_SERVICE_NAME: 'trellis',
  POWERTOOLS_METRICS_NAMESPACE: 'Trellis',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  TZ: 'UTC',
  PUBLIC_API_URL: 'https://api.bench.example.com',
  SEARCH_INDEX_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/trellis-bench-search.fifo',
  SECRETS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000',
  ...Object.fromEntries(
    STATE_MACHINES.map((machine) => [
      stateMachineArnEnv(machine.id),
      `arn:aws:states:us-east-1:123456789012:stateMachine:trellis-bench-${machine.id}`,
    ]),
  ),
};

/** The child-process environment: ours plus PATH/HOME, without the caller's AWS profile. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...HANDLER_ENV, ...extra };
}
