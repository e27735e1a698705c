import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '#infra/config/stages';

/** Prod keeps data (and its logs) when the stack goes; other stages clean up after themselves. */
export function removalPolicyOf(config: StageConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/**
 * The stage's log retention as CloudWatch accepts it. CloudWatch only takes a fixed set of day
 * counts, so a config value outside that set fails synth instead of failing the deployment.
 */
export function logRetentionOf(config: StageConfig): logs.RetentionDays {
  const days = config.logRetentionDays;
  const allowed = Object.values(logs.RetentionDays).filter((value): value is number => typeof value === 'number');
  if (!allowed.includes(days)) {
    throw new Error(`logRetentionDays ${days} is not a CloudWatch retention; use one of ${allowed.join(', ')}`);
  }
  return days as logs.RetentionDays;
}

/** Prefix of every physical name a stage sets itself (alarms, bus, dashboard). */
export function namePrefixOf(config: StageConfig): string {
  return `trellis-${config.stage}`;
}
