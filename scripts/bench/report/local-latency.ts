import { BATCH_GET, GATEWAY, GET_ITEM } from '../local-latency.client.ts';
import { LATENCY_RATIO_TARGET } from '../local-latency.ts';
import type { BenchResults } from '../report.ts';
import { ms, ratio, type TargetLine, table, verdict } from './format.ts';

/** Section 4: local gateway latency, with its line in the targets table. */
export function localSection(results: BenchResults, targets: TargetLine[]): string {
  const { local } = results;
  const title = '## 4. Local gateway latency';
  if (!local) return `${title}\n\nNot measured: ${results.failures['Local gateway latency'] ?? 'skipped'}.`;

  const parts: string[] = [];
  for (const [concurrency, byTarget] of Object.entries(local.byConcurrency)) {
    const direct = byTarget[GET_ITEM]!;
    const gateway = byTarget[GATEWAY]!;
    const value = gateway.latency.p50 / direct.latency.p50;
    targets.push({
      target: `Local gateway p50 ≤ ${LATENCY_RATIO_TARGET}× direct GetItem, ${concurrency} connection(s)`,
      result: `${ratio(value)} (${ms(gateway.latency.p50)} against ${ms(direct.latency.p50)} ms)`,
      pass: value <= LATENCY_RATIO_TARGET,
    });
    const rows = [GATEWAY, GET_ITEM, BATCH_GET].map((name) => {
      const target = byTarget[name]!;
      const isGateway = name === GATEWAY;
      return [
        name === GATEWAY
          ? '`GET /v1/projects/{id}` through the gateway'
          : name === GET_ITEM
            ? 'direct GetItem (project item)'
            : 'direct BatchGetItem (the 2 items GetProject reads), reference',
        ms(target.latency.p50),
        ms(target.latency.p90),
        ms(target.latency.p99),
        ms(target.latency.mean),
        target.requestsPerSecond.toFixed(0),
        String(target.errors),
        ratio(target.latency.p50 / direct.latency.p50),
        isGateway ? `≤ ${LATENCY_RATIO_TARGET}×` : '',
        isGateway ? verdict(value <= LATENCY_RATIO_TARGET) : '',
      ];
    });
    parts.push(
      `### ${concurrency} connection${concurrency === '1' ? '' : 's'}`,
      '',
      table(
        ['Path', 'p50 ms', 'p90 ms', 'p99 ms', 'mean ms', 'req/s', 'errors', 'p50 vs GetItem', 'Target', 'Verdict'],
        rows,
        [1, 2, 3, 4, 5, 6, 7],
      ),
      '',
    );
  }
  return [
    title,
    '',
    'Method: `startLocalStack` (scripts/local/stack.ts) on a temporary data folder, handlers at log level',
    `WARN (stack ready in ${(local.stackStartupMs / 1000).toFixed(1)} s). A user is registered and logged in and a project created through`,
    'the API. A load generator in its own Node process (so it shares no event loop with the gateway)',
    'then reads the project through the gateway (`fetch`, bearer access token: JWT check, routing, the',
    'GetProject handler, DynamoDB) and directly from the same DynamoDB Local with the AWS SDK: a GetItem of',
    'the project item (`PROJECT#<id>` / `PROJECT`, ConsistentRead), and, for reference, a BatchGetItem of the',
    `two items the handler reads. Per concurrency: ${local.warmupRequests} warm-up requests per path, then ${local.requests} measured`,
    `requests per path in ${local.blocks} blocks, alternating the paths block by block; each worker sends its next`,
    "request when the previous one is answered. Latency per request on Node's HDR histogram (perf_hooks).",
    'DynamoDB Local is a JVM started with C1 only, and everything shares the same cores as the load',
    "generator, so absolute figures are this machine's; the ratio is the result.",
    '',
    ...parts,
  ].join('\n');
}
