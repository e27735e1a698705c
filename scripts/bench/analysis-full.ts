/**
 * The full analysis of a ~200,000-line real tree through the local API: a zip of the Python standard
 * library (its tests, site-packages and compiled parts left out) is uploaded to an archive analysis
 * (POST …/analyses, PUT to the presigned URL) and the analysis is polled until it completes, on a
 * local stack in a worker process (stack-worker.ts). The CodeAnalysis machine's tasks run in that
 * worker's process, as every local Lambda does (scripts/local/lambda-runtime.ts imports handlers in
 * process), so its resident set is the analysis's memory: its kernel peak (VmHWM, reset just before
 * each analysis) and the sampled peaks of the emulators below it. Stage times come from the
 * execution's history. Side by side, in the same run: cloc on the same tree, for scale.
 *
 * `npx tsx scripts/bench/analysis-full.ts [runs]` prints the markdown fragment (`npm run bench -- --only analysis`
 * runs it with the other analysis benchmarks).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { GetExecutionHistoryCommand, type HistoryEvent, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-env.ts';
import { BenchApiClient, type BenchProject, registerProjectOwner } from './api-client.ts';
import { cpuTimeMs, type ProcessPeak, resetPeakResident, residentKb, sampleProcessTree } from './process-usage.ts';
import { startStackWorker } from './stack-worker.ts';

/** Target: POST of the analysis → completed, through the local API. */
export const FULL_ANALYSIS_TARGET_MS = 60_000;

/** The tree: CPython 3.11's standard library without its tests, installed packages and build files. */
export const FULL_ANALYSIS_TREE = {
  root: '/root/.pyenv/versions/3.11.7/lib/python3.11',
  excludedFolders: [
    'test',
    'tests',
    'idle_test',
    'site-packages',
    'lib-dynload',
    'config-3.11-x86_64-linux-gnu',
    '__pycache__',
  ],
} as const;

const CODE_ANALYSIS_MACHINE = 'CodeAnalysis';
/** The machine's top-level states, in order; AnalyseBatches is the Map. */
const STAGES = ['Begin', 'Inventory', 'AnalyseBatches', 'Merge', 'Finish'] as const;

export interface FullAnalysisOptions {
  /** Analyses of the same archive, one after the other: the first meets cold task Lambdas. */
  runs: number;
  timeoutMs: number;
  pollIntervalMs: number;
  memorySampleMs: number;
}

export interface ClocFigures {
  ms: number;
  /** cloc's own CPU time (user + system), ms. */
  cpuMs: number;
  files: number;
  code: number;
  comment: number;
  blank: number;
  /** cloc's Python row (most of the tree). */
  python: { files: number; code: number };
}

export interface FullAnalysisRound {
  analysisId: string;
  /** POST sent → the GET showing `completed`, ms (the upload included). */
  wallMs: number;
  /** The PUT of the archive to the presigned URL, ms. */
  uploadMs: number;
  /** The analysis's `startedAt → endedAt` (server clock: Begin to Finish). */
  runningMs: number;
  /** Per top-level state: first entered → last exited, from the execution history. */
  stages: Record<string, number>;
  /** Map iterations (batches) and the slowest one's duration. */
  batches: number;
  slowestBatchMs: number;
  /** CPU time (user + system) the stack process used from the POST to `completed`, ms: the analysis's work, whatever the load. */
  stackCpuMs: number;
  /** The stack process: resident set before the analysis, kernel peak during it (null when it could not be reset). */
  stackBeforeKb: number;
  stackPeakKb: number | null;
  /** Every process of the worker's tree, sampled every memorySampleMs during the analysis. */
  processes: ProcessPeak[];
  summary: AnalysisSummary;
}

export interface FullAnalysisResult {
  tree: { root: string; excludedFolders: readonly string[]; files: number; bytes: number; archiveBytes: number };
  cloc: ClocFigures;
  stackStartupMs: number;
  rounds: FullAnalysisRound[];
  /** The slowest round: the verdict is on it. */
  maxWallMs: number;
  loadAtStart: number;
  loadAtEnd: number;
}

/**
 * Copies the tree, zips it with the system's zip (as CI would), times cloc on it, then starts a
 * local stack and runs `runs` archive analyses of the zip through the API, each completed with the
 * same summary. The worker and the copy are always removed.
 */
export async function measureFullAnalysis(options: FullAnalysisOptions): Promise<FullAnalysisResult> {
  const loadAtStart = loadavg()[0]!;
  const folder = mkdtempSync(join(tmpdir(), 'bench-full-analysis-'));
  try {
    const tree = join(folder, basename(FULL_ANALYSIS_TREE.root));
    const excluded = new Set<string>(FULL_ANALYSIS_TREE.excludedFolders);
    cpSync(FULL_ANALYSIS_TREE.root, tree, {
      recursive: true,
      filter: (source) => !(excluded.has(basename(source)) && statSync(source).isDirectory()),
    });
    const zipFile = join(folder, 'tree.zip');
    execFileSync('zip', ['-qr', '-y', zipFile, '.'], { cwd: tree });
    const archive = readFileSync(zipFile);
    const listing = execFileSync('find', [tree, '-type', 'f', '-printf', '%s\n'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    const cloc = runCloc(tree);

    const worker = await startStackWorker();
    try {
      const { ready } = worker;
      const api = await registerProjectOwner(
        ready.apiUrl,
        { email: 'analysis-bench@example.com', name: 'Analysis Bench' },
        { name: 'Analysis benchmark', key: 'ANALYSIS' },
      );
      const sfn = new SFNClient({
        endpoint: ready.stepFunctionsEndpoint,
        region: LOCAL_REGION,
        credentials: { ...LOCAL_CREDENTIALS },
      });
      const stateMachineArn = ready.stateMachineArns[CODE_ANALYSIS_MACHINE];
      if (!stateMachineArn) throw new Error(`the local stack has no ${CODE_ANALYSIS_MACHINE} state machine`);
      const rounds: FullAnalysisRound[] = [];
      try {
        for (let run = 0; run < options.runs; run++) {
          const round = await analyseOnce(api, archive, `bench-${run + 1}`, worker.pid, options);
          Object.assign(round, await stageTimes(sfn, stateMachineArn, round.analysisId, options));
          // Later rounds have the first as their base (new code, and the gate judging it): the rest must be equal.
          if (
            rounds[0] &&
            JSON.stringify(baseIndependent(rounds[0].summary)) !== JSON.stringify(baseIndependent(round.summary))
          ) {
            throw new Error(`analysis ${run + 1} of the same archive has another summary than the first`);
          }
          rounds.push(round);
        }
      } finally {
        sfn.destroy();
      }
      return {
        tree: {
          root: FULL_ANALYSIS_TREE.root,
          excludedFolders: FULL_ANALYSIS_TREE.excludedFolders,
          files: listing.length,
          bytes: listing.reduce((sum, size) => sum + size, 0),
          archiveBytes: archive.length,
        },
        cloc,
        stackStartupMs: ready.stackStartupMs,
        rounds,
        maxWallMs: Math.max(...rounds.map((round) => round.wallMs)),
        loadAtStart,
        loadAtEnd: loadavg()[0]!,
      };
    } catch (error) {
      const tail = worker.outputTail();
      const cause = (error as Error).cause ? ` (${String((error as Error).cause)})` : '';
      throw new Error(`${(error as Error).message}${cause}${tail ? `\n--- stack output ---\n${tail}` : ''}`);
    } finally {
      await worker.stop().catch(() => {});
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** cloc 1.96 on the tree with its defaults (one process; identical files counted once), timed. */
function runCloc(tree: string): ClocFigures {
  const started = performance.now();
  const childrenBefore = cpuTimeMs(process.pid, 'waitedChildren') ?? Number.NaN;
  const output = execFileSync('cloc', ['--json', '--quiet', tree], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  const cpuMs = (cpuTimeMs(process.pid, 'waitedChildren') ?? Number.NaN) - childrenBefore;
  const report = JSON.parse(output) as Record<string, { nFiles: number; code: number; comment: number; blank: number }>;
  const { SUM: sum, Python: python } = report;
  if (!sum || !python) throw new Error('cloc found no Python in the tree');
  return {
    ms,
    cpuMs,
    files: sum.nFiles,
    code: sum.code,
    comment: sum.comment,
    blank: sum.blank,
    python: { files: python.nFiles, code: python.code },
  };
}

interface AnalysisView {
  id: string;
  status: string;
  failure: { code: string; detail: string } | null;
  summary: AnalysisSummary | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** One analysis of the archive through the API, with the stack's memory around it. */
async function analyseOnce(
  api: BenchProject,
  archive: Buffer,
  commit: string,
  stackPid: number,
  options: FullAnalysisOptions,
): Promise<FullAnalysisRound> {
  const client = new BenchApiClient(api.apiUrl);
  const stackBeforeKb = residentKb(stackPid)?.rssKb ?? Number.NaN;
  const peakReset = resetPeakResident(stackPid);
  const sampler = sampleProcessTree(stackPid, options.memorySampleMs);
  let processes: ProcessPeak[] = [];
  try {
    const started = performance.now();
    const cpuBefore = cpuTimeMs(stackPid) ?? Number.NaN;
    const created = await client.ok<{ id: string; url: string; headers: Record<string, string> }>(
      'POST',
      `/v1/projects/${api.projectId}/analyses`,
      api.accessToken,
      { commit, branch: 'main', source: { type: 'archive', format: 'zip', contentLength: archive.length } },
    );
    const uploadStarted = performance.now();
    const put = await fetch(created.url, { method: 'PUT', body: archive, headers: created.headers });
    await put.arrayBuffer();
    if (put.status !== 200) throw new Error(`the archive's PUT answered ${put.status}`);
    const uploadMs = performance.now() - uploadStarted;
    const path = `/v1/projects/${api.projectId}/analyses/${created.id}`;
    let analysis: AnalysisView;
    for (;;) {
      analysis = await pollOnce(() => client.ok<AnalysisView>('GET', path, api.accessToken));
      if (analysis.status === 'completed' || analysis.status === 'failed') break;
      if (performance.now() - started > options.timeoutMs) {
        throw new Error(`analysis ${created.id} is still ${analysis.status} after ${options.timeoutMs} ms`);
      }
      await delay(options.pollIntervalMs);
    }
    const wallMs = performance.now() - started;
    const stackCpuMs = (cpuTimeMs(stackPid) ?? Number.NaN) - cpuBefore;
    processes = sampler.stop();
    if (analysis.status !== 'completed' || !analysis.summary) {
      throw new Error(`analysis ${created.id} failed: ${JSON.stringify(analysis.failure)}`);
    }
    return {
      analysisId: created.id,
      wallMs,
      uploadMs,
      runningMs: Date.parse(analysis.endedAt!) - Date.parse(analysis.startedAt!),
      stages: {},
      batches: 0,
      slowestBatchMs: 0,
      stackCpuMs,
      stackBeforeKb,
      stackPeakKb: peakReset ? (residentKb(stackPid)?.hwmKb ?? null) : null,
      processes,
      summary: analysis.summary,
    };
  } finally {
    if (processes.length === 0) sampler.stop();
  }
}

/**
 * One status poll. The local gateway shares its process, and so its event loop, with the task
 * Lambdas, whose parsing holds the loop for seconds: the server's keep-alive timer then closes an
 * idle socket just as the next poll reuses it (ECONNRESET). Such a poll is sent again, on a new
 * connection; any other error ends the benchmark.
 */
async function pollOnce<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'ECONNRESET' || attempt >= 3) throw error;
    }
  }
}

/**
 * The execution's stage durations: each top-level state from its first entry to its last exit, the
 * Map's iterations, and its slowest iteration. Waits (within the timeout) for the execution to close,
 * since the API shows `completed` when Finish records it, before the machine's last state.
 */
async function stageTimes(
  sfn: SFNClient,
  stateMachineArn: string,
  analysisId: string,
  options: FullAnalysisOptions,
): Promise<Pick<FullAnalysisRound, 'stages' | 'batches' | 'slowestBatchMs'>> {
  const deadline = performance.now() + options.timeoutMs;
  let executionArn: string | undefined;
  for (;;) {
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
    const execution = executions.find((candidate) => candidate.name === analysisId);
    executionArn = execution?.executionArn;
    if (execution && execution.status !== 'RUNNING') break;
    if (performance.now() > deadline) throw new Error(`the execution of analysis ${analysisId} did not close`);
    await delay(options.pollIntervalMs);
  }
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);

  const entered = new Map<string, number[]>();
  const exited = new Map<string, number[]>();
  for (const event of events) {
    const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    if (!name || !event.timestamp) continue;
    const times = event.stateEnteredEventDetails ? entered : exited;
    times.set(name, [...(times.get(name) ?? []), event.timestamp.getTime()]);
  }
  const stages: Record<string, number> = {};
  for (const stage of STAGES) {
    const from = entered.get(stage);
    const to = exited.get(stage);
    if (from && to) stages[stage] = Math.max(...to) - Math.min(...from);
  }
  // Each Map iteration (one batch) by its index: MapIterationStarted → MapIterationSucceeded.
  const iterationStarts = new Map<number, number>();
  let slowestBatchMs = 0;
  for (const event of events) {
    const index = (event.mapIterationStartedEventDetails ?? event.mapIterationSucceededEventDetails)?.index;
    if (index === undefined || !event.timestamp) continue;
    if (event.type === 'MapIterationStarted') iterationStarts.set(index, event.timestamp.getTime());
    else slowestBatchMs = Math.max(slowestBatchMs, event.timestamp.getTime() - (iterationStarts.get(index) ?? 0));
  }
  return { stages, batches: iterationStarts.size, slowestBatchMs };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mb = (kb: number) => (kb / 1024).toFixed(0);
const count = (value: number) => value.toLocaleString('en-US');

/** The benchmark report's part for the full analysis. */
export function renderFullAnalysis(result: FullAnalysisResult): string {
  const { tree, cloc, rounds } = result;
  const first = rounds[0]!;
  const summary = first.summary;
  const python = summary.languages.find((language) => language.language === 'Python');
  const roundName = (i: number) => (i === 0 ? 'first (cold task Lambdas)' : `${i + 1} (warm)`);
  const processRows = rounds.flatMap((round, i) =>
    [...round.processes]
      .sort((a, b) => b.peakKb - a.peakKb)
      .map(
        (process) =>
          `| ${roundName(i)} | ${process.command} (pid ${process.pid}) | ${mb(process.firstKb)} | ${mb(process.peakKb)} |`,
      ),
  );
  return [
    '### Full analysis of a ~200,000-line tree through the local API',
    '',
    `Tree: CPython's standard library (\`${tree.root}\`) without the folders ${tree.excludedFolders.map((name) => `\`${name}\``).join(', ')}: ` +
      `${count(tree.files)} files, ${seconds(tree.bytes / 1000)} MB, zipped by \`zip -qr\` to ${seconds(tree.archiveBytes / 1000)} MB. ` +
      `cloc 1.96 on it: ${count(cloc.files)} files, ${count(cloc.code)} code, ${count(cloc.comment)} comment, ${count(cloc.blank)} blank lines ` +
      `(Python ${count(cloc.python.files)} files, ${count(cloc.python.code)} code).`,
    '',
    `One local stack in a worker process (started in ${seconds(result.stackStartupMs)} s); each analysis: POST …/analyses (archive, zip), PUT the zip to the presigned URL, GET every 250 ms until \`completed\`. ` +
      "The CodeAnalysis task Lambdas run inside the worker process (the local runtime imports handlers in process), so its resident set is theirs plus the gateway's, s3rver's and the Step Functions engine's; " +
      "its peak is the kernel's VmHWM, reset (`/proc/<pid>/clear_refs`) just before each analysis.",
    '',
    '| | wall (POST → completed) | stack process CPU | upload PUT | startedAt → endedAt | Begin | Inventory | Map (batches) | slowest batch | Merge | Finish | stack process RSS before → peak |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rounds.map((round, i) => {
      const stage = (name: string) => (round.stages[name] === undefined ? '–' : `${seconds(round.stages[name])} s`);
      const peak = round.stackPeakKb === null ? 'not measured' : `${mb(round.stackPeakKb)} MB`;
      return `| ${roundName(i)} | **${seconds(round.wallMs)} s** | ${seconds(round.stackCpuMs)} s | ${seconds(round.uploadMs)} s | ${seconds(round.runningMs)} s | ${stage('Begin')} | ${stage('Inventory')} | ${stage('AnalyseBatches')} (${round.batches}) | ${seconds(round.slowestBatchMs)} s | ${stage('Merge')} | ${stage('Finish')} | ${mb(round.stackBeforeKb)} → ${peak} |`;
    }),
    `| cloc 1.96 on the same tree (lines only, one process) | ${seconds(cloc.ms)} s | ${seconds(cloc.cpuMs)} s | | | | | | | | | |`,
    '',
    "Every process of the worker's tree, sampled every 100 ms during each analysis (MB resident):",
    '',
    '| analysis | process | at the start | peak |',
    '|---|---|---:|---:|',
    ...processRows,
    '',
    `Summary (equal in every round but the new-code and gate sections, which the second round judges against the first): ${count(summary.files.analysed)} files analysed (skipped: ${
      Object.entries(summary.files.skipped)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ') || 'none'
    }), ` +
      `${count(summary.lines.code)} code lines (Python ${count(python?.code ?? 0)} in ${count(python?.files ?? 0)} files; cloc counts identical files once), ` +
      `${count(summary.functions?.count ?? 0)} functions, duplication ${summary.duplication?.percentage ?? '–'} %, ` +
      `${count(summary.dependencies?.nodes ?? 0)} import-graph nodes and ${count(summary.dependencies?.cycles ?? 0)} cycles.`,
    '',
    `Target < ${seconds(FULL_ANALYSIS_TARGET_MS)} s for every analysis: ${result.maxWallMs < FULL_ANALYSIS_TARGET_MS ? 'met' : 'missed'} (slowest ${seconds(result.maxWallMs)} s). Load average (1 min) ${result.loadAtStart.toFixed(2)} at the start of this part, ${result.loadAtEnd.toFixed(2)} at its end.`,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 1);
  const result = await measureFullAnalysis({ runs, timeoutMs: 600_000, pollIntervalMs: 250, memorySampleMs: 100 });
  process.stdout.write(renderFullAnalysis(result));
}

/** A summary without the sections that depend on the branch's previous analysis. */
function baseIndependent(summary: unknown): unknown {
  const { newCode: _newCode, gate: _gate, ...rest } = summary as Record<string, unknown>;
  return rest;
}
