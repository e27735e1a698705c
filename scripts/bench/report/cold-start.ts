import { INIT_RATIO_TARGET } from '../init-time.ts';
import { clientSetName, type SdkClientName } from '../targets.ts';
import { kb, ms, ratio, table } from './format.ts';

/** The parts of a run's raw results (.bench/out/results.json) that the comparison reads. */
export interface RawRun {
  startedAt: string;
  durationMs: number;
  loadAtEnd: number;
  machine: { loadAtStart: number; nproc: number };
  bundles: {
    functions: Array<{
      fn: { id: string; clients: SdkClientName[] };
      ours: { bytes: number };
      floor: { bytes: number };
    }>;
  };
  init: { rounds: number; byFunction: Record<string, RawInitTiming> };
}

interface RawInitTiming {
  ours: { p50: number };
  floor: { p50: number };
  oursCpu: { p50: number };
  floorCpu: { p50: number };
}

interface Figures {
  bytes: number;
  floorBytes: number;
  floor: string;
  initMs: number;
  wallRatio: number;
  cpuRatio: number;
}

function figuresOf(run: RawRun): Map<string, Figures> {
  return new Map(
    run.bundles.functions.map((bundle) => {
      const timing = run.init.byFunction[bundle.fn.id]!;
      return [
        bundle.fn.id,
        {
          bytes: bundle.ours.bytes,
          floorBytes: bundle.floor.bytes,
          floor: clientSetName(bundle.fn.clients),
          initMs: timing.ours.p50,
          wallRatio: timing.ours.p50 / timing.floor.p50,
          cpuRatio: timing.oursCpu.p50 / timing.floorCpu.p50,
        },
      ];
    }),
  );
}

const runLine = (label: string, run: RawRun) =>
  `${label}: ${run.startedAt}, ${run.init.rounds} rounds, load average (1 min) ${run.machine.loadAtStart.toFixed(2)} at start / ${run.loadAtEnd.toFixed(2)} at end (\`nproc\` = ${run.machine.nproc}), ${Math.round(run.durationMs / 1000)} s`;

/**
 * The cold-start comparison of two `--only bundle,init` runs: per function, bundle size,
 * init median and the wall and CPU ratios to the floor, before → after.
 */
export function coldStartComparison(before: RawRun, after: RawRun): string {
  const was = figuresOf(before);
  const now = figuresOf(after);
  const within = (figures: Map<string, Figures>, pick: (f: Figures) => number) =>
    [...figures.values()].filter((f) => pick(f) <= INIT_RATIO_TARGET).length;
  const rows = [...now].map(([id, after]) => {
    const before = was.get(id);
    const arrow = (format: (f: Figures) => string) => `${before ? format(before) : '—'} → ${format(after)}`;
    const floor = before && before.floor !== after.floor ? `${before.floor} → ${after.floor}` : after.floor;
    return [
      id,
      floor,
      arrow((f) => kb(f.bytes)),
      arrow((f) => ms(f.initMs)),
      arrow((f) => ratio(f.wallRatio)),
      arrow((f) => ratio(f.cpuRatio)),
      after.cpuRatio <= INIT_RATIO_TARGET ? 'yes' : 'no',
    ];
  });
  return [
    `- ${runLine('Before', before)}`,
    `- ${runLine('After', after)}`,
    '',
    `Within ${INIT_RATIO_TARGET}× of the floor: by wall-clock p50 ${within(was, (f) => f.wallRatio)} → ${within(now, (f) => f.wallRatio)} of ${now.size}; ` +
      `by CPU p50 ${within(was, (f) => f.cpuRatio)} → ${within(now, (f) => f.cpuRatio)} of ${now.size}.`,
    '',
    table(
      [
        'Function',
        'Floor clients',
        'Bundle KB',
        'Init p50 ms (wall)',
        'Ratio (wall)',
        'Ratio (CPU)',
        `CPU ≤ ${INIT_RATIO_TARGET}× after`,
      ],
      rows,
      [2, 3, 4, 5],
    ),
  ].join('\n');
}
