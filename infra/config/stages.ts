import { z } from 'zod';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

const Throttling = z.strictObject({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() });
export type Throttling = z.infer<typeof Throttling>;

/** Everything that differs between stages, validated once when the app starts. */
export const StageConfig = z.strictObject({
  stage: z.enum(STAGES),
  /** Days CloudWatch keeps Lambda and API access logs. */
  logRetentionDays: z.number().int().positive(),
  /** Whether the table and buckets survive `cdk destroy` / stack deletion. */
  retainData: z.boolean(),
  pointInTimeRecovery: z.boolean(),
  throttling: Throttling,
  /**
   * Tighter limits for single routes, keyed by route id (see shared/api/routes): the
   * unauthenticated credential endpoints, where a flood is password guessing or account spam.
   */
  routeThrottling: z.record(z.string(), Throttling),
  alarms: z.strictObject({
    /** Addresses subscribed to the alarm topic. */
    emails: z.array(z.email()),
    /** 5xx responses as a share of requests, over 5 minutes. */
    serverErrorRatePercent: z.number().positive(),
    /** p95 latency over 10 minutes. */
    p95LatencyMs: z.number().positive(),
  }),
  /** Days before artifacts move to infrequent access, before old versions expire, and before raw uploads expire. */
  artifacts: z.strictObject({
    infrequentAccessAfterDays: z.number().int().min(30),
    noncurrentExpiryDays: z.number().int().positive(),
    /** Raw uploads (IMPORT_UPLOAD_PREFIX) are imported within minutes; kept a little for support. */
    uploadExpiryDays: z.number().int().positive(),
  }),
  /** Optional custom domain for the API. */
  domain: z.strictObject({ name: z.string(), certificateArn: z.string() }).optional(),
  /** Host names or CIDRs that outbound calls to user URLs may reach despite the private-address policy. */
  outboundAllowList: z.array(z.string()),
});
export type StageConfig = z.infer<typeof StageConfig>;

const CONFIGS: Record<Stage, StageConfig> = {
  dev: {
    stage: 'dev',
    logRetentionDays: 7,
    retainData: false,
    pointInTimeRecovery: true,
    throttling: { rateLimit: 50, burstLimit: 100 },
    routeThrottling: { Login: { rateLimit: 20, burstLimit: 40 }, Register: { rateLimit: 5, burstLimit: 10 } },
    alarms: { emails: [], serverErrorRatePercent: 1, p95LatencyMs: 1000 },
    artifacts: { infrequentAccessAfterDays: 30, noncurrentExpiryDays: 7, uploadExpiryDays: 3 },
    outboundAllowList: [],
  },
  staging: {
    stage: 'staging',
    logRetentionDays: 30,
    retainData: false,
    pointInTimeRecovery: true,
    throttling: { rateLimit: 200, burstLimit: 400 },
    routeThrottling: { Login: { rateLimit: 10, burstLimit: 20 }, Register: { rateLimit: 5, burstLimit: 10 } },
    alarms: { emails: [], serverErrorRatePercent: 1, p95LatencyMs: 1000 },
    artifacts: { infrequentAccessAfterDays: 30, noncurrentExpiryDays: 30, uploadExpiryDays: 7 },
    outboundAllowList: [],
  },
  prod: {
    stage: 'prod',
    logRetentionDays: 365,
    retainData: true,
    pointInTimeRecovery: true,
    throttling: { rateLimit: 1000, burstLimit: 2000 },
    routeThrottling: { Login: { rateLimit: 50, burstLimit: 100 }, Register: { rateLimit: 10, burstLimit: 20 } },
    alarms: { emails: [], serverErrorRatePercent: 1, p95LatencyMs: 1000 },
    artifacts: { infrequentAccessAfterDays: 30, noncurrentExpiryDays: 90, uploadExpiryDays: 7 },
    outboundAllowList: [],
  },
};

/**
 * Reads `-c stage=` (and optionally `-c alarmEmails=a@x,b@y`) into a validated config.
 * An unknown stage fails synth with the list of valid ones.
 */
export function loadStageConfig(stage: unknown, overrides: { alarmEmails?: unknown } = {}): StageConfig {
  const parsedStage = z.enum(STAGES).safeParse(stage ?? 'dev');
  if (!parsedStage.success) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: use -c stage=${STAGES.join('|')}`);
  }
  const base = CONFIGS[parsedStage.data];
  const emails =
    typeof overrides.alarmEmails === 'string' && overrides.alarmEmails.length > 0
      ? overrides.alarmEmails.split(',').map((email) => email.trim())
      : base.alarms.emails;
  return StageConfig.parse({ ...base, alarms: { ...base.alarms, emails } });
}
