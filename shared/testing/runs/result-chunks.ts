// The sealed results of a finished run: gzipped JSON arrays in case id order, each chunk with
// its counts beside the data, so that a page of the (optionally status-filtered) sequence is
// found from the counts alone and only the chunks holding it are read and unpacked. Pure: the
// repository (run-repository.ts) stores and reads the chunks.
import { promisify } from 'node:util';

// node:zlib is loaded on first use: most functions that import the run repository never seal or
// read results, and loading it cost their init 2-3 ms (docs/benchmarks.md, section 2).
async function gzipAsync(text: string): Promise<Buffer> {
  const { gzip } = await import('node:zlib');
  return promisify(gzip)(text);
}

async function gunzipAsync(data: Uint8Array): Promise<Buffer> {
  const { gunzip } = await import('node:zlib');
  return promisify(gunzip)(data);
}

/** What a chunk holds, as stored beside its data: how many results, in all and of each status. */
export interface ChunkCounts {
  resultCount: number;
  statusCounts: Record<string, number>;
}

/** A packed chunk: its gzipped results and their counts. */
export interface PackedChunk extends ChunkCounts {
  data: Uint8Array;
}

/** A chunk's counts as read without its data, under the chunk's key (its sort key). */
export interface ChunkMetadata extends ChunkCounts {
  key: string;
}

/** The part of one chunk a page takes: `take` results after skipping `skip` (of the status, when filtered). */
export interface ChunkSlice {
  key: string;
  skip: number;
  take: number;
}

/** Splits results (in order) into gzipped chunks of at most `maxBytes`, halving until each fits. */
export async function packChunks<T extends { status: string }>(
  results: readonly T[],
  maxBytes: number,
): Promise<PackedChunk[]> {
  const packed = await gzipAsync(JSON.stringify(results));
  if (packed.byteLength <= maxBytes || results.length <= 1) {
    const statusCounts: Record<string, number> = {};
    for (const result of results) statusCounts[result.status] = (statusCounts[result.status] ?? 0) + 1;
    return [{ data: packed, resultCount: results.length, statusCounts }];
  }
  const middle = Math.ceil(results.length / 2);
  return [
    ...(await packChunks(results.slice(0, middle), maxBytes)),
    ...(await packChunks(results.slice(middle), maxBytes)),
  ];
}

/** The results a chunk holds, in order. */
export async function unpackChunk<T>(data: Uint8Array): Promise<T[]> {
  return JSON.parse((await gunzipAsync(data)).toString('utf8')) as T[];
}

/**
 * Which chunks hold positions [offset, offset + limit) of the results (only those of `status`,
 * when given), in chunk order, and how many such results there are in all. A chunk with none
 * of the page is left out, so it is never read.
 */
export function selectChunkSlices(
  chunks: readonly ChunkMetadata[],
  status: string | undefined,
  offset: number,
  limit: number,
): { slices: ChunkSlice[]; total: number } {
  const end = offset + limit;
  const slices: ChunkSlice[] = [];
  let start = 0;
  for (const chunk of chunks) {
    const count = status === undefined ? chunk.resultCount : (chunk.statusCounts[status] ?? 0);
    const chunkEnd = start + count;
    if (count > 0 && chunkEnd > offset && start < end) {
      const skip = Math.max(0, offset - start);
      slices.push({ key: chunk.key, skip, take: Math.min(chunkEnd, end) - start - skip });
    }
    start = chunkEnd;
  }
  return { slices, total: start };
}

/** What a slice takes from its chunk's results. */
export function takeSlice<T extends { status: string }>(
  results: readonly T[],
  slice: ChunkSlice,
  status: string | undefined,
): T[] {
  const matching = status === undefined ? results : results.filter((result) => result.status === status);
  return matching.slice(slice.skip, slice.skip + slice.take);
}
