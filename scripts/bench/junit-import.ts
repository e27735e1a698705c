/**
 * JUnit import throughput: a generated 10,000-case report imported through the local API
 * (POST /v1/projects/{id}/test-runs/imports, application/xml) against a raw parse of the same
 * bytes with parseJUnit, side by side in one run; and the asynchronous indexing that follows
 * (cases created, history written by the 'Test Run Completed' consumer) against DynamoDB
 * Local's own write rate. The stack runs in a worker process (stack-worker.ts); this process
 * is the API client and does the raw parses and the direct writes.
 */

import { loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FINISHED_RUN_STATUSES } from '#shared/schemas/test-runs';
import { parseJUnit } from '#shared/testing/imports/junit-reader';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-env.ts';
import { BenchApiClient, type BenchProject, registerProjectOwner } from './api-client.ts';
import { startStackWorker } from './stack-worker.ts';
import { median } from './stats.ts';

/** Target: one import of the 10,000-case report through the local API, end to end. */
export const IMPORT_TARGET_MS = 5_000;
/** The local gateway answers 503 after this, as API Gateway does; the handler runs on. */
export const GATEWAY_TIMEOUT_MS = 29_000;
/** How long an import that outlived the gateway, or its indexing, is waited for. */
const FINISH_TIMEOUT_MS = 600_000;
const POLL_MS = 250;

export interface JUnitImportOptions {
  /** `<testcase>` elements in the generated report. */
  cases: number;
  /** `<testsuite>` elements holding cases (the last two nested in a parent suite). */
  suites: number;
  /** Measured imports of the report: the first creates its cases, the others match them. */
  imports: number;
}

/** What the generated report holds, counted while it was written. */
export interface GeneratedReport {
  xml: string;
  bytes: number;
  cases: number;
  suites: number;
  nestedSuites: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  withSystemOut: number;
}

export interface ImportRound {
  /**
   * POST sent → the import done, ms: the 201 body read; or, when the gateway gave up first
   * (503 after 29 s), the first GET .../test-runs answer showing the run finished.
   */
  ms: number;
  /** POST sent → the gateway's answer, ms. */
  answeredMs: number;
  /** 201, or 503 when the import outlived the gateway's 29 s. */
  httpStatus: number;
  /** The run's `endedAt − createdAt` (server clock: after the body was read and parsed). */
  serverMs: number;
  /**
   * POST sent → the history of the report's last case (by id: the indexer writes in case-id
   * order) first shows this run, ms: the cases created and every result in its case's history,
   * to within the last batch of writes. Null when it was not seen within the time limit.
   */
  indexedMs: number | null;
  commit: string;
  runId: string;
  status: string;
  summary: RunSummary;
}

interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  flaky: number;
}

/** BatchWriteItem of `items` items straight to DynamoDB Local: the emulator's own write rate. */
export interface WriteFloor {
  items: number;
  itemBytes: number;
  concurrency: number;
  ms: number;
  itemsPerSecond: number;
}

export interface JUnitImportResult {
  stackStartupMs: number;
  settings: JUnitImportOptions;
  report: Omit<GeneratedReport, 'xml'>;
  /** parseJUnit of the report text in this process, one before each import and one after the last. */
  parse: { samplesMs: number[]; cpuSamplesMs: number[]; medianMs: number; cpuMedianMs: number; casesParsed: number };
  /** The write rate of DynamoDB Local itself, measured just before the first import. */
  writeFloor: WriteFloor;
  /** The case whose history marks the end of the indexing. */
  lastCaseId: string;
  /** A one-case import first, unmeasured in the verdict: the handler module's load. */
  warmupMs: number;
  first: ImportRound;
  later: ImportRound[];
  laterMedianMs: number;
  /** The slowest measured import: the verdict is on it. */
  maxMs: number;
  /** API import ÷ median raw parse. */
  ratio: { first: number; later: number };
  loadAtStart: number;
  loadAtEnd: number;
}

/**
 * Generates the report, starts a local stack in a worker, registers a user, creates a
 * project, imports a one-case report (warm-up), times direct writes of as many items as the
 * report has cases, and then imports the report `imports` times into the same project (each
 * with its own commit), parsing the same text raw before each import and waiting for each
 * import's indexing to finish before the next. Every import must end with a finished run
 * whose counts are the report's.
 */
export async function measureJUnitImport(options: JUnitImportOptions): Promise<JUnitImportResult> {
  const loadAtStart = loadavg()[0]!;
  const report = generateJUnitReport(options.cases, options.suites);
  const body = new TextEncoder().encode(report.xml);
  const expected: RunSummary = {
    total: report.cases,
    passed: report.passed,
    failed: report.failed,
    errored: report.errored,
    skipped: report.skipped,
    flaky: 0,
  };

  const worker = await startStackWorker();
  try {
    const { ready } = worker;
    const api = await registerProjectOwner(
      ready.apiUrl,
      { email: 'import-bench@example.com', name: 'Import Bench' },
      { name: 'Import benchmark', key: 'IMPORT' },
    );

    const warmup = await timedImport(api, 'warm-up', 'warmup', new TextEncoder().encode(WARMUP_XML));
    checkSummary('the warm-up import', warmup.run.summary!, { ...ZERO, total: 1, passed: 1 });
    const writeFloor = await measureWriteFloor(ready.dynamodbEndpoint, ready.tableName, report.cases);

    await rawParse(report.xml); // unmeasured: the parser's modules and JIT
    const parses: Array<{ ms: number; cpuMs: number; cases: number }> = [];
    const rounds: ImportRound[] = [];
    let lastCaseId: string | undefined;
    let indexing = true;
    for (let round = 0; round < options.imports; round++) {
      parses.push(await rawParse(report.xml));
      const imported = await timedImport(api, 'bench', `bench-${round + 1}`, body);
      checkSummary(`import ${round + 1}`, imported.run.summary!, expected);
      lastCaseId ??= await lastCaseOf(api, imported.run.id);
      // Waited for, so that every import meets an idle emulator; given up on after one miss.
      const indexedMs: number | null = indexing
        ? await waitForIndexing(api, lastCaseId, imported.run.id, imported.started)
        : null;
      indexing = indexedMs !== null;
      rounds.push({ ...imported.round, indexedMs });
    }
    parses.push(await rawParse(report.xml));
    for (const parse of parses) {
      if (parse.cases !== report.cases) throw new Error(`parseJUnit read ${parse.cases} cases, not ${report.cases}`);
    }

    const parseMedian = median(parses.map((p) => p.ms));
    const [first, ...later] = rounds;
    if (!first) throw new Error('no import was measured');
    const laterMedianMs = later.length > 0 ? median(later.map((r) => r.ms)) : Number.NaN;
    const { xml: _xml, ...facts } = report;
    return {
      stackStartupMs: ready.stackStartupMs,
      settings: options,
      report: facts,
      parse: {
        samplesMs: parses.map((p) => p.ms),
        cpuSamplesMs: parses.map((p) => p.cpuMs),
        medianMs: parseMedian,
        cpuMedianMs: median(parses.map((p) => p.cpuMs)),
        casesParsed: report.cases,
      },
      writeFloor,
      lastCaseId: lastCaseId!,
      warmupMs: warmup.round.ms,
      first,
      later,
      laterMedianMs,
      maxMs: Math.max(...rounds.map((r) => r.ms)),
      ratio: { first: first.ms / parseMedian, later: laterMedianMs / parseMedian },
      loadAtStart,
      loadAtEnd: loadavg()[0]!,
    };
  } catch (error) {
    const tail = worker.outputTail();
    throw new Error(`${(error as Error).message}${tail ? `\n--- stack output ---\n${tail}` : ''}`);
  } finally {
    await worker.stop().catch(() => {});
  }
}

const ZERO: RunSummary = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };

const WARMUP_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="warm-up" tests="1"><testcase classname="bench.WarmUp" name="loads the import handler" time="0.001"/></testsuite>\n';

async function rawParse(xml: string): Promise<{ ms: number; cpuMs: number; cases: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const parsed = await parseJUnit(xml);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, cases: parsed.totals.total };
}

type Api = BenchProject;

interface RunView {
  id: string;
  source: string;
  status: string;
  commit: string | null;
  suiteName: string | null;
  summary: RunSummary | null;
  createdAt: string;
  endedAt: string | null;
}

const FINISHED: ReadonlySet<string> = FINISHED_RUN_STATUSES;

/**
 * One import, timed until it is done. A 503 from the gateway means the import outlived its
 * 29 s (the handler runs on, as a Lambda would): the run is then found in the project's runs
 * by its commit and polled until it has finished.
 */
async function timedImport(
  api: Api,
  suite: string,
  commit: string,
  body: Uint8Array,
): Promise<{ round: Omit<ImportRound, 'indexedMs'>; run: RunView; started: number }> {
  const query = new URLSearchParams({ suite, commit, branch: 'main' });
  const path = `/v1/projects/${api.projectId}/test-runs/imports`;
  const started = performance.now();
  const response = await fetch(`${api.apiUrl}${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', authorization: `Bearer ${api.accessToken}` },
    body,
  });
  const text = await response.text();
  const answeredMs = performance.now() - started;
  let run: RunView;
  let ms = answeredMs;
  if (response.status === 201) {
    run = JSON.parse(text) as RunView;
  } else if (response.status === 503) {
    const finished = await waitForImportedRun(api, suite, commit, started);
    run = finished.run;
    ms = finished.seenMs;
  } else {
    throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  if (!run.summary || !run.endedAt) throw new Error(`the imported run ${run.id} (${run.status}) has not finished`);
  const round = {
    ms,
    answeredMs,
    httpStatus: response.status,
    serverMs: Date.parse(run.endedAt) - Date.parse(run.createdAt),
    commit,
    runId: run.id,
    status: run.status,
    summary: run.summary,
  };
  return { round, run, started };
}

/** The run's greatest case id, from all its result pages. */
async function lastCaseOf(api: Api, runId: string): Promise<string> {
  let last = '';
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ caseId: string }>; nextCursor: string | null } = await new BenchApiClient(
      api.apiUrl,
    ).ok(
      'GET',
      `/v1/projects/${api.projectId}/test-runs/${runId}/results?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      api.accessToken,
    );
    for (const { caseId } of page.items) if (caseId > last) last = caseId;
    cursor = page.nextCursor;
  } while (cursor);
  if (!last) throw new Error(`run ${runId} has no results`);
  return last;
}

/**
 * Polls the case's history (newest first; 404 while the case does not exist yet) until its
 * newest entry is this run. Returns ms since `started`, or null after the time limit.
 */
async function waitForIndexing(api: Api, caseId: string, runId: string, started: number): Promise<number | null> {
  const path = `/v1/projects/${api.projectId}/test-cases/${caseId}/history?limit=1`;
  for (;;) {
    const response = await fetch(`${api.apiUrl}${path}`, { headers: { authorization: `Bearer ${api.accessToken}` } });
    const text = await response.text();
    const seenMs = performance.now() - started;
    if (response.status === 200) {
      const history = JSON.parse(text) as { items: Array<{ runId: string }> };
      if (history.items[0]?.runId === runId) return seenMs;
    } else if (response.status !== 404) {
      throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    if (seenMs > FINISH_TIMEOUT_MS) return null;
    await delay(POLL_MS);
  }
}

async function waitForImportedRun(
  api: Api,
  suite: string,
  commit: string,
  started: number,
): Promise<{ run: RunView; seenMs: number }> {
  for (;;) {
    const { items } = await new BenchApiClient(api.apiUrl).ok<{ items: RunView[] }>(
      'GET',
      `/v1/projects/${api.projectId}/test-runs?limit=20`,
      api.accessToken,
    );
    const seenMs = performance.now() - started;
    const run = items.find((item) => item.source === 'import' && item.commit === commit && item.suiteName === suite);
    if (run && FINISHED.has(run.status)) return { run, seenMs };
    if (seenMs > FINISH_TIMEOUT_MS) {
      throw new Error(
        `the import of commit ${commit} ${run ? `is still ${run.status}` : 'created no run'} after ${FINISH_TIMEOUT_MS} ms`,
      );
    }
    await delay(POLL_MS);
  }
}

/** The run must count exactly what the report holds. */
function checkSummary(what: string, actual: RunSummary, expected: RunSummary): void {
  const wrong = (Object.keys(expected) as Array<keyof RunSummary>).filter((key) => actual[key] !== expected[key]);
  if (wrong.length > 0) {
    throw new Error(
      `${what}: summary ${JSON.stringify(actual)} does not match the report's ${JSON.stringify(expected)}`,
    );
  }
}

const FLOOR_CONCURRENCY = 8;
const FLOOR_ITEM_PAYLOAD = 'x'.repeat(300);

/**
 * `items` items of about a history entry's size (keys, GSI1 keys, a 300-character
 * attribute) written straight to DynamoDB Local with BatchWriteItem, 25 per request and 8
 * requests at a time: what the emulator itself allows, in a partition of its own.
 */
async function measureWriteFloor(endpoint: string, tableName: string, items: number): Promise<WriteFloor> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } }),
  );
  try {
    const item = (i: number) => ({
      PK: 'BENCH#write-floor',
      SK: `ITEM#${String(i).padStart(6, '0')}`,
      GSI1PK: `BENCH#write-floor#${i % 1000}`,
      GSI1SK: `ITEM#${i}`,
      type: 'BenchItem',
      payload: FLOOR_ITEM_PAYLOAD,
    });
    const batches: Array<Array<ReturnType<typeof item>>> = [];
    for (let i = 0; i < items; i += 25) {
      batches.push(Array.from({ length: Math.min(25, items - i) }, (_, k) => item(i + k)));
    }
    let next = 0;
    const writer = async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) {
        let pending: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
          pending = result.UnprocessedItems?.[tableName] ?? [];
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: FLOOR_CONCURRENCY }, writer));
    const ms = performance.now() - started;
    return {
      items,
      itemBytes: Buffer.byteLength(JSON.stringify(item(0))),
      concurrency: FLOOR_CONCURRENCY,
      ms,
      itemsPerSecond: items / (ms / 1000),
    };
  } finally {
    client.destroy();
  }
}

// ——— The report ———

const MODULES = ['orders', 'payments', 'catalog', 'accounts', 'search', 'shipping', 'checkout', 'notifications'];
const VARIANTS = ['empty input', 'one item', 'many items', 'unicode “names” & <markup>', 'concurrent updates'];

const xmlEscape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

/**
 * A Surefire-shaped report of `cases` test cases over `suites` suites (the last two nested
 * in a parent `<testsuite>`, as jest-junit and vitest write describe blocks), with
 * properties, failures and errors carrying stack traces, skipped cases, and system-out on
 * every tenth case and every suite. Deterministic: the same arguments give the same bytes.
 * The suite attributes carry the true counts.
 */
export function generateJUnitReport(cases: number, suites: number): GeneratedReport {
  const counts = { passed: 0, failed: 0, errored: 0, skipped: 0, withSystemOut: 0 };
  const perSuite = Math.ceil(cases / suites);
  const nested = suites >= 3 ? 2 : 0;
  const suiteXml: string[] = [];
  for (let s = 0; s < suites; s++) {
    const module = MODULES[s % MODULES.length]!;
    const lines: string[] = [];
    const tally = { tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0 };
    for (let i = s * perSuite; i < Math.min(cases, (s + 1) * perSuite); i++) {
      const classname = `com.example.${module}.Feature${Math.floor(i / 50)}Test`;
      const name = `handles ${VARIANTS[i % VARIANTS.length]!} [${i}]`;
      const timeMs = (i * 37) % 500;
      tally.tests++;
      tally.timeMs += timeMs;
      const children: string[] = [];
      if (i % 97 === 5) {
        counts.failed++;
        tally.failures++;
        children.push(
          `      <failure message="expected status 200 but was 500" type="org.opentest4j.AssertionFailedError">${xmlEscape(stackTrace(classname, i))}</failure>\n`,
        );
      } else if (i % 211 === 7) {
        counts.errored++;
        tally.errors++;
        children.push(
          `      <error message="Connection refused: localhost/127.0.0.1:5432" type="java.net.ConnectException">${xmlEscape(stackTrace(classname, i))}</error>\n`,
        );
      } else if (i % 53 === 11) {
        counts.skipped++;
        tally.skipped++;
        children.push('      <skipped message="disabled until the fixture is fixed"/>\n');
      } else {
        counts.passed++;
      }
      if (i % 10 === 0) {
        counts.withSystemOut++;
        children.push(
          `      <system-out>${xmlEscape(`[main] INFO ${classname} - case ${i}: request id ${(i * 2654435761) % 4294967296} took ${timeMs} ms\n[main] DEBUG pool - 4 connections idle, 0 busy\n`)}</system-out>\n`,
        );
      }
      const open = `    <testcase name="${xmlEscape(name)}" classname="${classname}" time="${(timeMs / 1000).toFixed(3)}"`;
      lines.push(children.length > 0 ? `${open}>\n${children.join('')}    </testcase>\n` : `${open}/>\n`);
    }
    suiteXml.push(
      `  <testsuite name="com.example.${module}" tests="${tally.tests}" failures="${tally.failures}" errors="${tally.errors}" skipped="${tally.skipped}" time="${(tally.timeMs / 1000).toFixed(3)}" timestamp="2026-01-15T10:00:00" hostname="ci-runner-1">\n` +
        '    <properties>\n' +
        '      <property name="java.version" value="21.0.2"/>\n' +
        `      <property name="module" value="${module}"/>\n` +
        '    </properties>\n' +
        lines.join('') +
        `    <system-out>${xmlEscape(`suite com.example.${module}: ${tally.tests} tests\n`)}</system-out>\n` +
        '  </testsuite>\n',
    );
  }
  const flat = suiteXml.slice(0, suites - nested);
  const inner = suiteXml.slice(suites - nested);
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="trellis-bench" tests="${cases}" failures="${counts.failed}" errors="${counts.errored}" skipped="${counts.skipped}">\n` +
    flat.join('') +
    (inner.length > 0 ? `  <testsuite name="web">\n${inner.join('')}  </testsuite>\n` : '') +
    '</testsuites>\n';
  return {
    xml,
    bytes: Buffer.byteLength(xml),
    cases,
    suites,
    nestedSuites: inner.length,
    ...counts,
  };
}

function stackTrace(classname: string, i: number): string {
  return [
    `org.opentest4j.AssertionFailedError: expected: <200> but was: <500> (case ${i})`,
    '\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)',
    '\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)',
    `\tat ${classname}.handles(${classname.split('.').at(-1)}.java:${40 + (i % 60)})`,
    '\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)',
    '\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)',
  ].join('\n');
}
