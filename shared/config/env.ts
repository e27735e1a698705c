/**
 * Names of the environment variables a Lambda reads. The CDK function construct sets them,
 * local mode sets the same names, and handlers read them once at module scope through
 * `requireEnv`, so a missing variable fails at init rather than on the first request.
 */
export const ENV = {
  stage: 'TRELLIS_STAGE',
  tableName: 'TABLE_NAME',
  artifactsBucket: 'ARTIFACTS_BUCKET',
  eventBusName: 'EVENT_BUS_NAME',
  userPoolId: 'USER_POOL_ID',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
  /** The API's public base URL, for links handed to external systems (callback URLs). */
  publicApiUrl: 'PUBLIC_API_URL',
  /** The KMS key (ARN) that seals stored secrets (deploy-target and webhook signing secrets). */
  secretsKeyId: 'SECRETS_KEY_ID',
  /** Optional: host names, IPs or CIDRs outbound requests may reach although private (local mode, tests). */
  outboundAllowList: 'OUTBOUND_ALLOW_LIST',
  /** Optional: seconds between a quality-gate stage's looks for its analysis (default 10; local mode and tests shorten it). */
  qualityGatePollSeconds: 'QUALITY_GATE_POLL_SECONDS',
  /** The search index's FIFO queue (URL): changes and rebuilds, one message group per project. */
  searchIndexQueueUrl: 'SEARCH_INDEX_QUEUE_URL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Reads a required environment variable or throws at init. */
export function requireEnv(name: EnvName): string {
  return requireVariable(name);
}

/**
 * The ARN of a state machine the Lambda starts, stops or answers (ids from STATE_MACHINES),
 * from `stateMachineArnEnv(id)`; throws when it is missing.
 */
export function requireStateMachineArn(stateMachineId: string): string {
  return requireVariable(stateMachineArnEnv(stateMachineId));
}

function requireVariable(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/** `DeploymentPipeline` → `STATE_MACHINE_ARN_DEPLOYMENT_PIPELINE`: where a state machine's ARN is passed. */
export function stateMachineArnEnv(stateMachineId: string): string {
  return `STATE_MACHINE_ARN_${stateMachineId.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
