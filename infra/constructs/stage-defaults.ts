import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '#infra/config/stages';
import { createOutboundPolicy, parseAllowList } from '#shared/http/outbound-policy';

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

/**
 * The stage's `outboundAllowList` as OUTBOUND_ALLOW_LIST carries it (comma-joined), or
 * undefined when the list is empty (the variable is then not set at all). Checked with the
 * handlers' own parser, so an entry they would refuse at init fails synth instead.
 */
export function outboundAllowListOf(config: StageConfig): string | undefined {
  const entries = config.outboundAllowList;
  if (entries.length === 0) return undefined;
  const value = entries.join(',');
  const parsed = parseAllowList(value);
  if (parsed.length !== entries.length || parsed.some((entry, index) => entry !== entries[index])) {
    throw new Error(
      `outboundAllowList ${JSON.stringify(entries)} must list one trimmed, non-empty host name, IP address or CIDR per entry (no commas)`,
    );
  }
  try {
    createOutboundPolicy(parsed);
  } catch (error) {
    throw new Error(`outboundAllowList: ${(error as Error).message}`);
  }
  return value;
}
