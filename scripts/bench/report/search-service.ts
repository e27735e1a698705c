import type { BenchResults } from '../report.ts';
import { SEARCH_RATIO_TARGET, searchRatio } from '../search-service.ts';
import { median } from '../stats.ts';
import { ms, ratio, type TargetLine, table, verdict } from './format.ts';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** A row of a few timed samples: their median and the slowest (p99 of a handful is the maximum). */
function samplesRow(label: string, samples: readonly number[]): string[] {
  return [label, String(samples.length), ms(median(samples)), ms(Math.max(...samples)), '', ''];
}

/** Section 9: search through the service, with its line in the targets table. */
export function searchServiceSection(results: BenchResults, targets: TargetLine[]): string {
  const { searchService: search } = results;
  const title = '## 9. Search';
  if (!search) return `${title}\n\nNot measured: ${results.failures.Search ?? 'skipped'}.`;
  const queryRatio = searchRatio(search);
  const pass = queryRatio <= SEARCH_RATIO_TARGET;
  targets.push({
    target: `Search query p50 through the service ≤ ${SEARCH_RATIO_TARGET}× a raw MiniSearch query (${search.settings.documents.toLocaleString('en')} documents)`,
    result: ratio(queryRatio),
    pass,
  });
  return [
    title,
    '',
    `A project of ${search.settings.documents.toLocaleString('en')} synthetic documents (scripts/bench/search-corpus.ts: English, Chinese and mixed, Zipf-distributed words), its index built in the bench process and written to the project's index object (${mb(search.indexBytes.json)} MB of JSON, ${mb(search.indexBytes.gzip)} MB gzipped). ${search.settings.rounds} rounds of ${search.service.n / search.settings.rounds} queries (words, phrases, prefixes, typos, Chinese, mixed), first page of 20: through the local gateway and the real search handler (GET /v1/search?projectId=, warm: the index cached in the handler and revalidated by a conditional GET on its ETag), and MiniSearch alone on the same items in this process (\`search(q, {prefix: true, fuzzy: 0.2})\`, no snippets, no HTTP), and the service's own query on the same index in this process (its MiniSearch options: fuzzy only for terms the index does not hold, which is why it is faster than the default raw query). The local stack runs in a worker process; load average ${search.loadAverage.toFixed(1)} at the end of the section.`,
    '',
    table(
      ['Measurement', 'n', 'p50 ms', 'p99 ms', 'Target', 'Verdict'],
      [
        ['GET /v1/search (service)', String(search.service.n), ms(search.service.p50), ms(search.service.p99), '', ''],
        ['MiniSearch raw query', String(search.raw.n), ms(search.raw.p50), ms(search.raw.p99), '', ''],
        [
          "the service's query in this process (ProjectSearchIndex.search: its options, snippets, facets)",
          String(search.inProcess.n),
          ms(search.inProcess.p50),
          ms(search.inProcess.p99),
          '',
          '',
        ],
        [
          'service ÷ raw (p50)',
          '',
          ratio(queryRatio),
          ratio(search.service.p99 / Math.max(search.raw.p99, 1e-6)),
          `≤ ${SEARCH_RATIO_TARGET}×`,
          verdict(pass),
        ],
        [
          'service ÷ its query in this process (p50): HTTP, auth, ETag revalidation',
          '',
          ratio(search.service.p50 / Math.max(search.inProcess.p50, 1e-6)),
          ratio(search.service.p99 / Math.max(search.inProcess.p99, 1e-6)),
          '',
          '',
        ],
        samplesRow('first query after the index was written (handler reads it from S3)', [search.firstServiceQueryMs]),
        samplesRow('cold index load: GetObject + gunzip + deserialize', search.coldLoadMs),
        samplesRow('save → searchable (POST …/documents → found by GET /v1/search)', search.saveToSearchableMs),
      ],
      [1, 2, 3],
    ),
  ].join('\n');
}
