/**
 * Search through the service: a project of 10,000 documents queried through the local API and
 * the real search handler (GET /v1/search), against a raw in-memory MiniSearch query of the same
 * items; the index's cold load from S3; and the time from saving a document to finding it.
 *
 * The 10,000-document index is built in this process and written to the project's index object
 * (writing 10,000 documents through the API would measure DynamoDB Local, not search); the
 * save-to-searchable rounds go through the whole path: POST …/documents, the bus, the forwarder,
 * the FIFO queue, the consumer, S3, and GET /v1/search polled until the document is found.
 */
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import MiniSearch from 'minisearch';
import { ProjectSearchIndex } from '#shared/search/index';
import { searchIndexKey } from '#shared/search/layout';
import { tokenize } from '#shared/search/tokenizer';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-env.ts';
import { BenchApiClient, registerProjectOwner } from './api-client.ts';
import { QUERIES, syntheticItems } from './search-corpus.ts';
import { startStackWorker } from './stack-worker.ts';
import { type Summary, summarize } from './stats.ts';

/** The target: a query through the service within 3× a raw query of the same library. */
export const SEARCH_RATIO_TARGET = 3;

export interface SearchServiceSettings {
  documents: number;
  /** Rounds over the query set (each query once per round, first page of 20). */
  rounds: number;
  coldLoads: number;
  saves: number;
}

export interface SearchServiceResult {
  settings: SearchServiceSettings;
  indexBytes: { json: number; gzip: number };
  /** Through the gateway and the search handler (warm: the index cached, revalidated by ETag). */
  service: Summary;
  /** MiniSearch alone on the same items: default search with prefix and fuzzy matching. */
  raw: Summary;
  /** The service's own query (ProjectSearchIndex.search: its options, snippets, facets) in this process: no HTTP, no S3, no auth. */
  inProcess: Summary;
  /** The first search of the project after the index was written (the handler reads it from S3). */
  firstServiceQueryMs: number;
  /** GetObject + gunzip + deserialize in this process, ms, each from a fresh read. */
  coldLoadMs: number[];
  /** POST …/documents answered → GET /v1/search finds it, ms. */
  saveToSearchableMs: number[];
  loadAverage: number;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** Runs the section: one stack worker, one project with the big index, one for saves. */
export async function measureSearchService(settings: SearchServiceSettings): Promise<SearchServiceResult> {
  const worker = await startStackWorker();
  try {
    const { apiUrl, s3Endpoint, bucketName } = worker.ready;
    const stamp = Date.now().toString(36);
    const owner = await registerProjectOwner(
      apiUrl,
      { email: `search-bench-${stamp}@example.com`, name: 'Search bench' },
      { name: 'Search bench', key: `SB${stamp.slice(-6).toUpperCase()}` },
    );
    const client = new BenchApiClient(apiUrl);
    const s3 = new S3Client({
      endpoint: s3Endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

    const items = syntheticItems(settings.documents, owner.projectId).map((item) => ({
      ...item,
      type: 'document' as const,
    }));
    const index = ProjectSearchIndex.create(owner.projectId);
    for (const item of items) index.upsert(item);
    const json = await index.serialize();
    const stored = await gzipAsync(Buffer.from(json));
    const key = searchIndexKey(owner.projectId);
    await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: stored }));

    const path = (q: string) => `/v1/search?${new URLSearchParams({ q, projectId: owner.projectId })}`;
    const [, firstServiceQueryMs] = await timed(() => client.ok('GET', path(QUERIES[0]!), owner.accessToken));

    const raw = new MiniSearch({ idField: 'id', fields: ['title', 'tags', 'text'], tokenize });
    raw.addAll(items.map((item) => ({ ...item, tags: (item.tags ?? []).join(' ') })));
    const serviceSamples: number[] = [];
    const rawSamples: number[] = [];
    const inProcessSamples: number[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      for (const q of QUERIES) {
        const [, serviceMs] = await timed(() => client.ok('GET', path(q), owner.accessToken));
        serviceSamples.push(serviceMs);
        const started = performance.now();
        raw.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, 20);
        rawSamples.push(performance.now() - started);
        const inProcessStarted = performance.now();
        index.search({ q, limit: 20 });
        inProcessSamples.push(performance.now() - inProcessStarted);
      }
    }

    const coldLoadMs: number[] = [];
    for (let load = 0; load < settings.coldLoads; load++) {
      const [loaded, loadMs] = await timed(async () => {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
        const bytes = Buffer.from(await object.Body!.transformToByteArray());
        return ProjectSearchIndex.deserialize((await gunzipAsync(bytes)).toString('utf8'));
      });
      if (loaded?.size !== items.length) throw new Error('The index read back differs from the one written');
      coldLoadMs.push(loadMs);
    }

    const saveToSearchableMs = await measureSaves(client, apiUrl, stamp, settings.saves);
    return {
      settings,
      indexBytes: { json: Buffer.byteLength(json), gzip: stored.length },
      service: summarize(serviceSamples),
      raw: summarize(rawSamples),
      inProcess: summarize(inProcessSamples),
      firstServiceQueryMs,
      coldLoadMs,
      saveToSearchableMs,
      loadAverage: loadavg()[0]!,
    };
  } finally {
    await worker.stop();
  }
}

/** Saves documents in a project of their own and polls the search until each is found. */
async function measureSaves(client: BenchApiClient, apiUrl: string, stamp: string, saves: number): Promise<number[]> {
  const owner = await registerProjectOwner(
    apiUrl,
    { email: `search-save-${stamp}@example.com`, name: 'Search saves' },
    { name: 'Search saves', key: `SS${stamp.slice(-6).toUpperCase()}` },
  );
  const samples: number[] = [];
  for (let save = 0; save < saves; save++) {
    const word = `needle${stamp}x${save}`;
    const started = performance.now();
    await client.ok('POST', `/v1/projects/${owner.projectId}/documents`, owner.accessToken, {
      title: `Runbook ${save}`,
      type: 'runbook',
      format: 'markdown',
      body: `# 部署流水线失败\n\nWhen the ${word} step fails, roll back.`,
    });
    const saved = performance.now();
    const deadline = saved + 30_000;
    for (;;) {
      const found = await client.ok<{ total: number }>(
        'GET',
        `/v1/search?${new URLSearchParams({ q: word, projectId: owner.projectId })}`,
        owner.accessToken,
      );
      if (found.total > 0) break;
      if (performance.now() > deadline) throw new Error(`Document ${save} not searchable within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    samples.push(performance.now() - started);
  }
  return samples;
}

/** The median of the service's and the raw query's p50, as the target reads them. */
export function searchRatio(result: SearchServiceResult): number {
  return result.service.p50 / Math.max(result.raw.p50, 1e-6);
}
