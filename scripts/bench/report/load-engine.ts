import { type Generator, type LoadEngineComparison, RPS_RATIO_TARGET } from '../load-engine.ts';
import type { BenchResults } from '../report.ts';
import { ratio, type TargetLine, table, verdict } from './format.ts';

const GENERATOR_NAMES: Record<Generator, string> = {
  ours: 'ours (shared/testing/load/engine.ts)',
  autocannon: 'autocannon',
  nodeHttp: 'node:http, keep-alive agent (reference)',
};
/** autocannon records latency in whole milliseconds: closer than this is agreement. */
const AUTOCANNON_RESOLUTION_MS = 1;

/** Section 6: load engine vs autocannon, with its line in the targets table. */
export function loadEngineSection(results: BenchResults, targets: TargetLine[]): string {
  const { loadEngine } = results;
  const title = '## 6. Load engine vs autocannon';
  if (!loadEngine) return `${title}\n\nNot measured: ${results.failures['Load engine'] ?? 'skipped'}.`;

  const { ours, autocannon, settings } = loadEngine;
  const pass = loadEngine.rpsRatio >= RPS_RATIO_TARGET;
  targets.push({
    target: `Load engine req/s ≥ ${RPS_RATIO_TARGET.toFixed(1)}× autocannon, one core each, same server, same run`,
    result: `${ratio(loadEngine.rpsRatio)} (${ours.rps.toFixed(0)} against ${autocannon.rps.toFixed(0)} req/s, medians of ${settings.rounds} round${settings.rounds === 1 ? '' : 's'}); CPU efficiency ${ratio(loadEngine.cpuEfficiencyRatio)}`,
    pass,
  });
  return [
    title,
    '',
    ...methodText(loadEngine, results.machine),
    '',
    table(
      [
        'Generator',
        'req/s (median)',
        'vs autocannon',
        'p50 ms',
        'p99 ms',
        'connections ÷ req/s ms',
        'req per CPU-s',
        'errors',
        'Target',
        'Verdict',
      ],
      generatorRows(loadEngine, pass),
      [1, 2, 3, 4, 5, 6, 7],
    ),
    '',
    `CPU efficiency, ours ÷ autocannon (median of per-round ratios): ${ratio(loadEngine.cpuEfficiencyRatio)}.`,
    '',
    '### Do the percentiles agree?',
    '',
    ...agreementLines(loadEngine),
    '- They do not measure quite the same load: in a closed model the generator that sends faster keeps more',
    '  requests queued at the server, so its latencies are a little higher at the same connection count. A p99',
    '  far above "connections ÷ req/s" is a process waiting for its core (other work on the machine), not the server.',
    '',
    '### Rounds',
    '',
    table(
      [
        'Round',
        'Order',
        'ours req/s',
        'autocannon req/s',
        'node:http req/s',
        'ours ÷ autocannon',
        'p50 ms ours / autocannon',
        'p99 ms ours / autocannon',
      ],
      roundRows(loadEngine),
      [2, 3, 4, 5],
    ),
  ].join('\n');
}

/** One row per generator: medians over rounds, efficiency, errors; the target on ours. */
function generatorRows(loadEngine: LoadEngineComparison, pass: boolean): string[][] {
  const { autocannon, settings } = loadEngine;
  const generators: Generator[] = ['ours', 'autocannon', 'nodeHttp'];
  return generators.map((generator) => {
    const figures = loadEngine[generator];
    return [
      GENERATOR_NAMES[generator],
      figures.rps.toFixed(0),
      ratio(figures.rps / autocannon.rps),
      generator === 'autocannon' ? String(figures.p50) : figures.p50.toFixed(3),
      generator === 'autocannon' ? String(figures.p99) : figures.p99.toFixed(3),
      ((settings.connections / figures.rps) * 1000).toFixed(3),
      figures.requestsPerCpuSecond.toFixed(0),
      String(figures.errors),
      generator === 'ours' ? `≥ ${RPS_RATIO_TARGET.toFixed(1)}×` : '',
      generator === 'ours' ? verdict(pass) : '',
    ];
  });
}

function roundRows(loadEngine: LoadEngineComparison): string[][] {
  return loadEngine.rounds.map((round, index) => [
    String(index + 1),
    (loadEngine.orders[index] ?? []).join(' → '),
    round.ours.rps.toFixed(0),
    round.autocannon.rps.toFixed(0),
    round.nodeHttp.rps.toFixed(0),
    ratio(round.ours.rps / round.autocannon.rps),
    `${round.ours.p50.toFixed(3)} / ${round.autocannon.p50}`,
    `${round.ours.p99.toFixed(3)} / ${round.autocannon.p99}`,
  ]);
}

/** Whether ours and autocannon agree on p50 and p99, given autocannon's whole-millisecond resolution. */
function agreementLines({ ours, autocannon }: LoadEngineComparison): string[] {
  const agrees = (a: number, b: number) => Math.abs(a - b) <= AUTOCANNON_RESOLUTION_MS;
  const p50Agree = agrees(ours.p50, autocannon.p50);
  const p99Agree = agrees(ours.p99, autocannon.p99);
  const agreement = (label: string, a: number, b: number, agree: boolean) =>
    `${label}: ours ${a.toFixed(3)} ms, autocannon ${b} ms, ${Math.abs(a - b).toFixed(3)} ms apart: ${agree ? `they agree within autocannon's ${AUTOCANNON_RESOLUTION_MS} ms resolution` : `**they disagree** (more than autocannon's ${AUTOCANNON_RESOLUTION_MS} ms resolution apart)`}.`;
  return [
    `- ${agreement('p50', ours.p50, autocannon.p50, p50Agree)}`,
    `- ${agreement('p99', ours.p99, autocannon.p99, p99Agree)}`,
  ];
}

function methodText(loadEngine: LoadEngineComparison, machine: BenchResults['machine']): string[] {
  const { settings, pinning } = loadEngine;
  const pinningText = pinning
    ? `pinned with \`taskset\`: the server on core ${pinning.server}, each generator on core ${pinning.generators}`
    : 'not pinned (`taskset` missing or a single core): the figures are less comparable';
  return [
    'Method: a trivial loopback server (a `node:net` server that answers every HTTP/1.1 request on a kept-alive',
    `connection with the same 2-byte 200 response, so it costs less than the generators) in its own Node process, ${pinningText}.`,
    `Each generator runs in its own Node ${machine.node} process, one after the other, against that same server: our engine`,
    '(`runLoad` of shared/testing/load/engine.ts, bundled with the Lambda build options, loopback allow-listed),',
    `autocannon ${loadEngine.autocannonVersion} (its programmatic API), and, for reference, \`node:http\` with a keep-alive agent (the transport the`,
    `engine does not use). Every run is a closed model of ${settings.connections} connections for ${settings.durationSeconds} s, GET \`/\`; ${settings.rounds} round${settings.rounds === 1 ? '' : 's'} run`,
    'each generator once, the order rotating per round so drift of the machine is spread over all three. Figures are',
    'medians over rounds; the ratio is the median of the per-round ratios, each pair measured seconds apart.',
    '"req per CPU-s" is requests divided by the CPU time (user + system) of the generator process: its efficiency,',
    'which other work on the shared machine barely moves. "connections ÷ req/s" is the mean latency a closed model',
    "implies (Little's law): the percentiles should sit around it. Our engine and node:http record latency on an HDR",
    'histogram at microsecond resolution; autocannon records whole milliseconds, so its p50/p99 are integers and a',
    'sub-millisecond latency reads as 0 or 1 ms. Errors are non-2xx answers, timeouts and socket errors summed over',
    `the rounds. Load average (1 min) at the start / end of this section: ${loadEngine.loadAtStart.toFixed(2)} / ${loadEngine.loadAtEnd.toFixed(2)} (\`nproc\` = ${machine.nproc});`,
    'when it exceeds `nproc`, other processes share the pinned cores and req/s moves with them from run to run,',
    'while req per CPU-s does not: read the CPU-efficiency ratio as the steadier of the two.',
  ];
}
