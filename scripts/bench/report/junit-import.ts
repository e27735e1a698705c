import { GATEWAY_TIMEOUT_MS, IMPORT_TARGET_MS, type JUnitImportResult } from '../junit-import.ts';
import type { BenchResults } from '../report.ts';
import { median } from '../stats.ts';
import { kb, ms, ratio, type TargetLine, table, verdict } from './format.ts';

const seconds = (value: number) => (value / 1000).toFixed(2);

/** Section 7: JUnit import throughput, with its line in the targets table. */
export function junitImportSection(results: BenchResults, targets: TargetLine[]): string {
  const { junitImport } = results;
  const title = '## 7. JUnit import throughput';
  if (!junitImport) return `${title}\n\nNot measured: ${results.failures['JUnit import'] ?? 'skipped'}.`;

  targets.push(junitImportTarget(junitImport));
  const indexed = [junitImport.first, ...junitImport.later].map((round) => round.indexedMs);
  return [
    title,
    '',
    ...methodText(junitImport, results.machine.nproc),
    '',
    table(
      ['Measurement', 'n', 'median ms', 'range ms', 'vs raw parse', 'Target ms', 'Verdict'],
      measurementRows(junitImport),
      [1, 2, 3, 4],
    ),
    '',
    '### Imports',
    '',
    table(
      [
        'Import',
        'Cases',
        'Commit',
        'POST → 201 ms',
        'Server clock ms',
        'POST → indexed ms',
        'Indexing vs write floor',
        'Run status',
        'Summary of the run',
      ],
      importRows(junitImport),
      [3, 4, 5, 6],
    ),
    '',
    '"Server clock" is the run\'s `endedAt − createdAt`: from the handler creating the run record (after reading and',
    'parsing the body) to the run finished. The runs are `failed` because the report has failures.',
    indexed.some((value) => value === null)
      ? '\n**The indexing of an import was not seen within 10 minutes**; later imports were not waited for.'
      : '',
  ].join('\n');
}

function junitImportTarget(junitImport: JUnitImportResult): TargetLine {
  const { report, parse, first, later } = junitImport;
  const rounds = [first, ...later];
  const cases = report.cases.toLocaleString('en');
  const timedOut = rounds.filter((round) => round.httpStatus !== 201).length;
  return {
    target: `JUnit import of a ${cases}-case report through the local API < ${seconds(IMPORT_TARGET_MS)} s, every import`,
    result:
      `first ${seconds(first.ms)} s, later ${seconds(junitImport.laterMedianMs)} s median (slowest ${seconds(junitImport.maxMs)} s); ` +
      `raw parse ${ms(parse.medianMs)} ms, so API ÷ parse ${ratio(junitImport.ratio.first)} first, ${ratio(junitImport.ratio.later)} later` +
      (timedOut > 0
        ? `; ${timedOut} of ${rounds.length} outlived the gateway's ${seconds(GATEWAY_TIMEOUT_MS)} s (503)`
        : '') +
      (first.indexedMs !== null
        ? `; cases and history indexed ${seconds(first.indexedMs)} s after the first POST (asynchronous, not in the target)`
        : ''),
    pass: junitImport.maxMs < IMPORT_TARGET_MS,
  };
}

/** The raw parse, the warm-up, the imports (to 201 and to indexed) and the write floor. */
function measurementRows(junitImport: JUnitImportResult): string[][] {
  const { report, parse, first, later, writeFloor } = junitImport;
  const cases = report.cases.toLocaleString('en');
  const laterIndexed = later.map((round) => round.indexedMs).filter((value): value is number => value !== null);
  const range = (values: number[]) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
  const laterMs = later.map((round) => round.ms);
  return [
    [
      'raw `parseJUnit` of the report text, wall',
      String(parse.samplesMs.length),
      ms(parse.medianMs),
      range(parse.samplesMs),
      '1.00×',
      '',
      '',
    ],
    [
      'raw `parseJUnit`, CPU time of the parsing process',
      String(parse.cpuSamplesMs.length),
      ms(parse.cpuMedianMs),
      range(parse.cpuSamplesMs),
      '',
      '',
      '',
    ],
    ['warm-up import of a 1-case report (handler module loads)', '1', ms(junitImport.warmupMs), '', '', '', ''],
    [
      `**first import** (new cases), POST → 201`,
      '1',
      ms(first.ms),
      '',
      ratio(junitImport.ratio.first),
      `< ${IMPORT_TARGET_MS}`,
      verdict(first.ms < IMPORT_TARGET_MS),
    ],
    [
      '**later imports** (known cases), POST → 201',
      String(later.length),
      later.length > 0 ? ms(junitImport.laterMedianMs) : 'n/a',
      later.length > 1 ? range(laterMs) : '',
      later.length > 0 ? ratio(junitImport.ratio.later) : '',
      `< ${IMPORT_TARGET_MS}`,
      later.length > 0 ? verdict(Math.max(...laterMs) < IMPORT_TARGET_MS) : '',
    ],
    [
      `first import, POST → indexed (${cases} cases created, ${cases} history entries)`,
      '1',
      first.indexedMs === null ? 'not seen' : ms(first.indexedMs),
      '',
      first.indexedMs === null ? '' : ratio(first.indexedMs / parse.medianMs),
      '',
      '',
    ],
    [
      `later imports, POST → indexed (${cases} history entries)`,
      String(laterIndexed.length),
      laterIndexed.length > 0 ? ms(median(laterIndexed)) : 'not seen',
      laterIndexed.length > 1 ? range(laterIndexed) : '',
      laterIndexed.length > 0 ? ratio(median(laterIndexed) / parse.medianMs) : '',
      '',
      '',
    ],
    [
      `DynamoDB Local floor: ${writeFloor.items.toLocaleString('en')} items written directly (${writeFloor.itemsPerSecond.toFixed(0)} items/s)`,
      '1',
      ms(writeFloor.ms),
      '',
      ratio(writeFloor.ms / parse.medianMs),
      '',
      '',
    ],
  ];
}

/** One row per import: its timings, its indexing against the write floor, the run it made. */
function importRows({ report, first, later, writeFloor }: JUnitImportResult): string[][] {
  // The indexer writes a history entry per result, and the first time a case per result too.
  const indexedItems = (index: number) => report.cases * (index === 0 ? 2 : 1);
  const floorFor = (items: number) => (items / writeFloor.itemsPerSecond) * 1000;
  const summaryText = (round: typeof first) => {
    const s = round.summary;
    return `${s.total} total: ${s.passed} passed, ${s.failed} failed, ${s.errored} errored, ${s.skipped} skipped, ${s.flaky} flaky`;
  };
  return [first, ...later].map((round, index) => [
    String(index + 1),
    index === 0 ? 'new' : 'known',
    `\`${round.commit}\``,
    round.httpStatus === 201 ? ms(round.ms) : `503 after ${ms(round.answeredMs)}; finished at ${ms(round.ms)}`,
    ms(round.serverMs),
    round.indexedMs === null ? 'not seen' : ms(round.indexedMs),
    round.indexedMs === null ? '' : ratio(round.indexedMs / floorFor(indexedItems(index))),
    round.status,
    summaryText(round),
  ]);
}

function methodText(junitImport: JUnitImportResult, nproc: number): string[] {
  const { report, settings, writeFloor } = junitImport;
  const cases = report.cases.toLocaleString('en');
  return [
    `Method: a deterministic JUnit XML report is generated (scripts/bench/junit-import.ts): ${cases} \`<testcase>\` elements in`,
    `${report.suites} Surefire-style suites (${report.nestedSuites} of them nested in a parent suite, as jest-junit and vitest write describe blocks)`,
    `with properties; ${report.failed} failures and ${report.errored} errors carrying a stack trace, ${report.skipped} skipped, ${report.passed} passed;`,
    `\`<system-out>\` on ${report.withSystemOut.toLocaleString('en')} cases and on every suite; ${kb(report.bytes)} KB. A worker process runs \`startLocalStack\``,
    `on a temporary data folder (handlers at log level WARN, ready in ${seconds(junitImport.stackStartupMs)} s), as for section 5; this process is the`,
    'client: it registers and logs in a user and creates a project through the API, then imports a 1-case report',
    '(warm-up: the import handler module is loaded on first use, as in a cold Lambda) and then the report',
    `${settings.imports} times into the same project: \`POST /v1/projects/{id}/test-runs/imports?suite=bench&branch=main&commit=bench-N\``,
    'with `Content-Type: application/xml`, timed from sending the request to reading the whole 201 body (the finished',
    "run). Every import must answer with a run whose summary equals the report's counts, or the section fails. The",
    `local gateway, like API Gateway, gives up on an integration after ${seconds(GATEWAY_TIMEOUT_MS)} s and answers 503 while the handler runs`,
    'on; an import that outlives it would be timed until `GET .../test-runs` first shows its run finished.',
    '',
    'The import answers once the run and its results are stored (sealed in a few chunks) and its summary, flaky',
    "marks and new failures are computed; creating the report's cases that the project does not have yet and",
    "adding each result to its case's history is done afterwards, by the consumer of `Test Run Completed`. That",
    "indexing is timed too, not as part of the target: from the POST until the history of the report's last case",
    '(by case id: the consumer writes in case-id order, so this is the end of its writes to within one batch) first',
    'shows the run, polled every 250 ms; the next import starts only then, so each one meets an idle emulator.',
    `The first import's indexing creates the ${cases} cases; the later imports find them and only add history.`,
    '',
    'Before each import, and once after the last, the same text is parsed raw with `parseJUnit` (shared/testing/imports/junit-reader.ts)',
    'in this process, after one unmeasured parse; "vs raw parse" divides by the median raw parse, so it says what',
    'the API path adds to the parse. The write floor says what DynamoDB Local itself allows on this machine: just',
    `before the first import, ${writeFloor.items.toLocaleString('en')} items of ${writeFloor.itemBytes} bytes with GSI1 keys, like history entries, are written straight to`,
    `the stack's table with BatchWriteItem, 25 per request and ${writeFloor.concurrency} requests at a time. "Indexing vs write floor" divides the`,
    `indexing time by the floor's time for as many items as the consumer writes (${(report.cases * 2).toLocaleString('en')} for the first import, ${cases}`,
    "for the later ones; its reads not counted). The emulators, the handlers and this client share the machine's",
    `cores; load average (1 min) at the start / end of this section: ${junitImport.loadAtStart.toFixed(2)} / ${junitImport.loadAtEnd.toFixed(2)} (\`nproc\` = ${nproc}).`,
  ];
}
