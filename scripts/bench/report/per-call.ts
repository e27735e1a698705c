import { EXPRESS_REFERENCE_US, PER_CALL_TARGET_US, type VariantTiming } from '../handler-overhead.ts';
import type { BenchResults } from '../report.ts';
import { type TargetLine, table, us, verdict } from './format.ts';

/** Section 3: handler stack cost per call, with its line in the targets table. */
export function perCallSection(results: BenchResults, targets: TargetLine[]): string {
  const { perCall } = results;
  const title = '## 3. Handler stack cost per call';
  if (!perCall) return `${title}\n\nNot measured: ${results.failures['Per-call cost'] ?? 'skipped'}.`;

  const bare = perCall.variants.find((v) => v.role === 'bare')!;
  const full = perCall.variants.find((v) => v.role === 'full')!;
  const overhead = full.cpu.medianNs - bare.cpu.medianNs;
  const wallOverhead = full.wall.medianNs - bare.wall.medianNs;
  const pass = overhead <= PER_CALL_TARGET_US * 1000;
  targets.push({
    target: `httpHandler stack ≤ +${PER_CALL_TARGET_US} µs per call over a bare handler`,
    result: `+${us(overhead)} µs CPU (${us(full.cpu.medianNs)} against ${us(bare.cpu.medianNs)} µs per call); wall-clock +${us(wallOverhead)} µs`,
    pass,
  });
  const overBare = (v: VariantTiming, figure: 'cpu' | 'wall') =>
    v.role === 'bare' || v.role === 'validation' ? '—' : `+${us(v[figure].medianNs - bare[figure].medianNs)}`;
  const rows = perCall.variants.map((v) => [
    v.role === 'full' ? `**${v.name}**` : v.name,
    us(v.cpu.medianNs),
    `${us(v.cpu.minNs)}–${us(v.cpu.maxNs)}`,
    overBare(v, 'cpu'),
    us(v.wall.medianNs),
    overBare(v, 'wall'),
    v.role === 'full' ? `≤ +${PER_CALL_TARGET_US}` : '',
    v.role === 'full' ? verdict(pass) : '',
  ]);
  rows.push([
    'Express + serverless-http',
    perCall.expressSkipped,
    '',
    `reference figure from the issue: ~+${EXPRESS_REFERENCE_US} (not measured here)`,
    '',
    '',
    '',
    '',
  ]);
  return [
    title,
    '',
    'Method: in-process, in a fresh Node process running a bundle built with the Lambda options above.',
    '`httpHandler` wraps the real UpdateProject route definition with the list query added, so path',
    'parameters, query and body are all validated; its domain call is replaced by `{ body: { ok: true } }`.',
    'The bare handler does the minimal equivalent: `JSON.parse` of the body and a JSON response. Each call',
    'gets a full API Gateway HTTP API v2 event (test/fixtures/api-gateway.ts, JWT claims, 9 headers, a',
    "JSON body) as a fresh shallow copy, and the fixture's Lambda context. The middle rows rebuild the stack",
    'one layer at a time with the same middleware, to attribute the cost; "zod validation only" is the',
    'three schema parses alone, without a handler. After a warm-up of one round per variant,',
    `${perCall.rounds} rounds of ${perCall.callsPerRound.toLocaleString('en')} sequential awaited calls per variant, order alternating by round:`,
    'median of the rounds, and the range over rounds. Each round is timed twice: CPU time of the calling',
    'thread (`process.threadCpuUsage`), which is what the calls cost and is not inflated by other processes',
    'taking the cores, and wall-clock time; the verdict is on CPU time. Logging is at',
    '`POWERTOOLS_LOG_LEVEL=WARN` and metrics are off (`POWERTOOLS_METRICS_DISABLED=true`), so nothing is',
    'written per call: what is measured is the stack, not log output.',
    '',
    table(
      [
        'Variant',
        'CPU µs per call (median)',
        'CPU range over rounds µs',
        'CPU over bare µs',
        'Wall µs per call (median)',
        'Wall over bare µs',
        'Target µs',
        'Verdict',
      ],
      rows,
      [1, 2, 3, 4, 5],
    ),
  ].join('\n');
}
