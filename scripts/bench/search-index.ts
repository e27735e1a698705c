/**
 * The search index core on its own (no S3, no Lambda): build time, serialized size (raw and
 * gzip), load time and heap of a project index of N synthetic items in Chinese, English and
 * both, and query latency p50/p99 over a mixed set of queries (words, phrases, prefixes, typos,
 * Chinese, mixed). The figures behind docs/search.md "When one project's index outgrows a Lambda".
 *
 *   node --expose-gc --import tsx scripts/bench/search-index.ts [items ...]   (default 1000 10000)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { ProjectSearchIndex } from '#shared/search/index';
import { QUERIES, syntheticItems } from './search-corpus.ts';
import { summarize } from './stats.ts';

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function measure(count: number): Promise<void> {
  const items = syntheticItems(count);
  const textBytes = items.reduce((sum, item) => sum + Buffer.byteLength(item.text) + Buffer.byteLength(item.title), 0);
  const heapBefore = heapMb();

  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  const buildStart = performance.now();
  const buildCpuStart = process.cpuUsage();
  const index = ProjectSearchIndex.create('bench');
  for (const item of items) index.upsert(item);
  const buildMs = performance.now() - buildStart;
  const buildCpuMs = process.cpuUsage(buildCpuStart).user / 1000;
  const heapBuilt = heapMb() - heapBefore;

  const serializeStart = performance.now();
  const json = await index.serialize();
  const serializeMs = performance.now() - serializeStart;
  const gzipBytes = gzipSync(json).length;

  const loadStart = performance.now();
  const loadCpuStart = process.cpuUsage();
  const loaded = ProjectSearchIndex.deserialize(json)!;
  const loadMs = performance.now() - loadStart;
  const loadCpuMs = process.cpuUsage(loadCpuStart).user / 1000;

  // Warm up, then time every query in rounds (first page of 20, as the route answers it).
  for (const q of QUERIES) loaded.search({ q });
  const samples: number[] = [];
  const queryCpuStart = process.cpuUsage();
  const matches: Record<string, number> = {};
  for (let round = 0; round < 10; round++) {
    for (const q of QUERIES) {
      const start = performance.now();
      const page = loaded.search({ q });
      samples.push(performance.now() - start);
      matches[q] = page.total;
    }
  }
  const queryCpuMeanMs = process.cpuUsage(queryCpuStart).user / 1000 / samples.length;
  const latency = summarize(samples);
  const round = (value: number) => Math.round(value * 100) / 100;
  console.log(
    JSON.stringify({
      items: count,
      textMb: round(textBytes / 1024 / 1024),
      buildMs: Math.round(buildMs),
      buildCpuMs: Math.round(buildCpuMs),
      serializeMs: Math.round(serializeMs),
      serializedMb: round(Buffer.byteLength(json) / 1024 / 1024),
      gzipMb: round(gzipBytes / 1024 / 1024),
      loadMs: Math.round(loadMs),
      loadCpuMs: Math.round(loadCpuMs),
      heapMb: round(heapBuilt),
      heapPerThousandMb: round((heapBuilt / count) * 1000),
      queryMs: { n: latency.n, p50: round(latency.p50), p99: round(latency.p99), cpuMean: round(queryCpuMeanMs) },
      loadAverage: loadavg()[0],
      matches,
    }),
  );
  // Keep both indexes alive until measured.
  if (index.size !== loaded.size) throw new Error('The loaded index differs from the built one');
}

const counts = process.argv.slice(2).map(Number);
for (const count of counts.length > 0 ? counts : [1_000, 10_000]) await measure(count);
