import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '#shared/schemas/test-results';
import {
  type ChunkMetadata,
  packChunks,
  selectChunkSlices,
  takeSlice,
  unpackChunk,
} from '#shared/testing/runs/result-chunks';

const STATUSES = CASE_STATUSES;

interface Result {
  caseId: string;
  status: string;
  message: string;
}

/** Results whose statuses follow `statuses`, with text gzip cannot shrink much, so a small chunk size splits them. */
const resultsOf = (statuses: readonly string[]): Result[] =>
  statuses.map((status, index) => ({
    caseId: `case-${String(index).padStart(4, '0')}`,
    status,
    message: createHash('sha256').update(String(index)).digest('hex'),
  }));

/** A page the way the repository reads one: counts first, then only the chunks holding it. */
async function pageFromChunks(
  results: readonly Result[],
  maxBytes: number,
  status: string | undefined,
  offset: number,
  limit: number,
) {
  const packed = await packChunks(results, maxBytes);
  const metadata: ChunkMetadata[] = packed.map((chunk, index) => ({
    key: `RESULTS#${index}`,
    resultCount: chunk.resultCount,
    statusCounts: chunk.statusCounts,
  }));
  const { slices, total } = selectChunkSlices(metadata, status, offset, limit);
  const read = slices.map((slice) => Number(slice.key.slice('RESULTS#'.length)));
  const pages = await Promise.all(
    slices.map(async (slice, index) => takeSlice(await unpackChunk<Result>(packed[read[index]!]!.data), slice, status)),
  );
  return { items: pages.flat(), total, chunks: packed.length, read };
}

const expectedPage = (results: readonly Result[], status: string | undefined, offset: number, limit: number) => {
  const matching = results.filter((result) => status === undefined || result.status === status);
  return { items: matching.slice(offset, offset + limit), total: matching.length };
};

describe('packChunks', () => {
  it('splits results into chunks under the size, in order, each counting its results and statuses', async () => {
    // Prepare
    const results = resultsOf(Array.from({ length: 60 }, (_, index) => STATUSES[index % 4]!));

    // Act
    const chunks = await packChunks(results, 400);

    // Assess
    expect(chunks.length).toBeGreaterThan(4);
    const unpacked = await Promise.all(chunks.map((chunk) => unpackChunk<Result>(chunk.data)));
    expect(unpacked.flat()).toEqual(results);
    for (const [index, chunk] of chunks.entries()) {
      expect(chunk.resultCount).toBe(unpacked[index]!.length);
      const counts: Record<string, number> = {};
      for (const result of unpacked[index]!) counts[result.status] = (counts[result.status] ?? 0) + 1;
      expect(chunk.statusCounts).toEqual(counts);
    }
  });

  it('keeps everything in one chunk when it fits', async () => {
    const chunks = await packChunks(resultsOf(['passed', 'failed']), 300 * 1024);

    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ resultCount: 2, statusCounts: { passed: 1, failed: 1 } });
  });
});

describe('selectChunkSlices', () => {
  const chunks: ChunkMetadata[] = [
    { key: 'A', resultCount: 10, statusCounts: { passed: 8, failed: 2 } },
    { key: 'B', resultCount: 10, statusCounts: { passed: 10 } },
    { key: 'C', resultCount: 10, statusCounts: { passed: 5, failed: 5 } },
    { key: 'D', resultCount: 5, statusCounts: { skipped: 5 } },
  ];

  it('selects only the chunks that hold the page, with where it starts and ends in each', () => {
    expect(selectChunkSlices(chunks, undefined, 15, 10)).toEqual({
      slices: [
        { key: 'B', skip: 5, take: 5 },
        { key: 'C', skip: 0, take: 5 },
      ],
      total: 35,
    });
    expect(selectChunkSlices(chunks, undefined, 30, 100)).toEqual({
      slices: [{ key: 'D', skip: 0, take: 5 }],
      total: 35,
    });
  });

  it('counts only the results of the status asked for, skipping chunks that have none', () => {
    // failed: A holds positions 0-1, B none, C 2-6.
    expect(selectChunkSlices(chunks, 'failed', 1, 3)).toEqual({
      slices: [
        { key: 'A', skip: 1, take: 1 },
        { key: 'C', skip: 0, take: 2 },
      ],
      total: 7,
    });
    expect(selectChunkSlices(chunks, 'errored', 0, 10)).toEqual({ slices: [], total: 0 });
  });

  it('selects nothing past the end', () => {
    expect(selectChunkSlices(chunks, undefined, 35, 10)).toEqual({ slices: [], total: 35 });
    expect(selectChunkSlices([], undefined, 0, 10)).toEqual({ slices: [], total: 0 });
  });
});

describe('a page read from sealed chunks', () => {
  it('is the page of the whole sequence, deep into a run of many chunks', async () => {
    // Prepare: 200 results in many small chunks
    const results = resultsOf(Array.from({ length: 200 }, (_, index) => (index % 9 === 0 ? 'failed' : 'passed')));

    // Act
    const deep = await pageFromChunks(results, 600, undefined, 150, 20);
    const failedDeep = await pageFromChunks(results, 600, 'failed', 15, 5);

    // Assess
    expect(deep.chunks).toBeGreaterThan(10);
    expect(deep).toMatchObject(expectedPage(results, undefined, 150, 20));
    expect(deep.read.length).toBeLessThan(deep.chunks / 3);
    expect(failedDeep).toMatchObject(expectedPage(results, 'failed', 15, 5));
    expect(failedDeep.items.map((result) => result.caseId)).toEqual([
      'case-0135',
      'case-0144',
      'case-0153',
      'case-0162',
      'case-0171',
    ]);
  });

  it('matches slicing the (filtered) sequence for any results, chunk size, status and page', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...STATUSES), { maxLength: 120 }),
        fc.integer({ min: 80, max: 2_000 }),
        fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
        fc.nat(130),
        fc.integer({ min: 1, max: 60 }),
        async (statuses, maxBytes, status, offset, limit) => {
          const results = resultsOf(statuses);
          const page = await pageFromChunks(results, maxBytes, status, offset, limit);
          expect({ items: page.items, total: page.total }).toEqual(expectedPage(results, status, offset, limit));
        },
      ),
      { numRuns: 150 },
    );
  });
});
