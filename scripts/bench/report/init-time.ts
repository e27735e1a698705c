import { INIT_RATIO_TARGET, type InitTiming } from '../init-time.ts';
import type { BenchResults } from '../report.ts';
import { clientSetName } from '../targets.ts';
import { ms, ratio, signedMs, type TargetLine, table, verdict } from './format.ts';

/** Section 2: module init time versus floor, with its line in the targets table. */
export function initSection(results: BenchResults, targets: TargetLine[]): string {
  const { init, bundles } = results;
  const title = '## 2. Module init time versus floor';
  if (!init || !bundles) return `${title}\n\nNot measured: ${results.failures['Module init'] ?? 'needs the bundles'}.`;

  const rows: string[][] = [];
  let passing = 0;
  const ratios: Array<{ id: string; value: number }> = [];
  for (const b of bundles.functions) {
    const timing = init.byFunction.get(b.fn.id)!;
    const value = timing.ours.p50 / timing.floor.p50;
    const pass = value <= INIT_RATIO_TARGET;
    if (pass) passing++;
    ratios.push({ id: b.fn.id, value });
    rows.push([
      b.fn.id,
      ms(timing.ours.p50),
      ms(timing.ours.p90),
      clientSetName(b.fn.clients),
      ms(timing.floor.p50),
      ms(timing.floor.p90),
      signedMs(timing.ours.p50 - timing.floor.p50),
      ratio(value),
      `${ms(timing.oursCpu.p50)} / ${ms(timing.floorCpu.p50)}`,
      ratio(timing.oursCpu.p50 / timing.floorCpu.p50),
      `≤ ${INIT_RATIO_TARGET}×`,
      verdict(pass),
    ]);
  }
  const cpuPassing = bundles.functions.filter((b) => {
    const timing = init.byFunction.get(b.fn.id)!;
    return timing.oursCpu.p50 / timing.floorCpu.p50 <= INIT_RATIO_TARGET;
  }).length;
  const withClients = ratios.filter((r) => bundles.functions.find((b) => b.fn.id === r.id)!.fn.clients.length > 0);
  const sorted = [...withClients].sort((a, b) => a.value - b.value);
  targets.push({
    target: `Module init ≤ ${INIT_RATIO_TARGET}× floor (median), every function`,
    result: `${passing} of ${ratios.length} within (wall-clock p50); functions with SDK clients ${ratio(sorted[0]?.value ?? 0)}–${ratio(sorted.at(-1)?.value ?? 0)}; by CPU time ${cpuPassing} of ${ratios.length} within`,
    pass: passing === ratios.length,
  });

  const sourceMaps = init.withSourceMaps;
  const withoutMaps = sourceMaps ? init.byFunction.get(sourceMaps.id) : undefined;
  const sourceMapRow = (label: string, timing: InitTiming) => [
    label,
    ms(timing.ours.p50),
    ms(timing.floor.p50),
    ratio(timing.ours.p50 / timing.floor.p50),
    `${ms(timing.oursCpu.p50)} / ${ms(timing.floorCpu.p50)}`,
    ratio(timing.oursCpu.p50 / timing.floorCpu.p50),
  ];
  const sourceMapNote =
    sourceMaps && withoutMaps
      ? [
          '',
          `### ${sourceMaps.id} with \`NODE_OPTIONS=--enable-source-maps\``,
          '',
          "The function construct deploys every function with this flag; with it, Node reads the bundle's",
          '`.map` file during the import, so this is the init deployed functions see. Ours and the floor both',
          'carry their source map, and both runs are in the same rounds as the table above.',
          '',
          table(
            ['Run', 'Ours p50 ms', 'Floor p50 ms', 'Ratio p50', 'CPU p50 ms ours / floor', 'CPU ratio'],
            [sourceMapRow('without the flag', withoutMaps), sourceMapRow('with the flag', sourceMaps.timing)],
            [1, 2, 3, 4, 5],
          ),
        ].join('\n')
      : '';
  return [
    title,
    '',
    `Method: each bundle from section 1 is imported in a fresh Node ${results.machine.node} process`,
    "(`node -e`: `performance.now()` around `await import(file)`, so Node's own start-up is excluded), with",
    'the environment handlers read at module scope (TABLE_NAME, ARTIFACTS_BUCKET, EVENT_BUS_NAME, USER_POOL_ID,',
    'USER_POOL_CLIENT_ID, AWS_REGION=us-east-1, dummy credentials). One unmeasured pass warms the page cache;',
    `then ${init.rounds} rounds each import every function bundle and every distinct floor once, in a new`,
    'random order per round, so drift of the machine is spread over all of them. Medians (p50) and p90 in ms.',
    'The CPU columns are the process CPU time (all threads, `process.cpuUsage`) over the same import: work',
    'done rather than time waited, so other load on the machine barely moves them; when the load average',
    'above exceeds `nproc`, read the CPU ratio as the steadier of the two. The verdict is on the wall-clock',
    'median. A floor with no client (`none`) is an empty module: any init of ours is a large multiple of it.',
    '',
    table(
      [
        'Function',
        'Ours p50 ms',
        'Ours p90 ms',
        'Floor',
        'Floor p50 ms',
        'Floor p90 ms',
        'Ours − floor ms',
        'Ratio p50',
        'CPU p50 ms ours / floor',
        'CPU ratio',
        'Target',
        'Verdict',
      ],
      rows,
      [1, 2, 4, 5, 6, 7, 8, 9],
    ),
    sourceMapNote,
  ].join('\n');
}
