import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import * as m from '#shared/analysis/messages';
import {
  assertRatio,
  assertSymlinkInside,
  collectStream,
  commonTopFolder,
  SnapshotBudget,
  type SnapshotEntry,
  SnapshotError,
  type SnapshotLimits,
  safeEntryPath,
  tooLarge,
  tooManyEntries,
  withoutTopFolder,
} from '#shared/analysis/snapshots/entries';
import type { ArchiveSource } from '#shared/analysis/snapshots/sources';

// zip through yauzl over ranged reads. The central directory lists every entry first, so the
// whole listing is checked (paths, links, counts, declared sizes and ratios) before the first
// entry is yielded; inflated bytes are then counted as entries are read, because declared sizes
// can lie (yauzl also fails an entry whose bytes differ from its declared size).

/** Small reads (headers, the central directory) are served from blocks this big: one GET per block, not per entry. */
const BLOCK_BYTES = 8 * 1024 * 1024;
/** A symlink's content is its target; a longer one is not a path. */
const MAX_LINK_TARGET_BYTES = 4096;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;

interface ZipListing {
  entry: yauzl.Entry;
  path: string;
  type: SnapshotEntry['type'];
  linkTarget?: string;
}

/** The entries of a zip archive, listed and checked as a whole before the first is yielded. */
export async function* readZipEntries(source: ArchiveSource, limits: SnapshotLimits): AsyncGenerator<SnapshotEntry> {
  const zip = await openZip(source);
  try {
    const listing = await listEntries(zip, limits);
    const budget = new SnapshotBudget(limits);
    // Archive order keeps the block reads sequential.
    listing.sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
    for (const item of listing) {
      const { entry, path, type, linkTarget } = item;
      if (type !== 'file') {
        const size = linkTarget === undefined ? 0 : Buffer.byteLength(linkTarget);
        yield { path, type, size, linkTarget, read: async () => Buffer.from(linkTarget ?? '') };
        continue;
      }
      yield {
        path,
        type,
        size: entry.uncompressedSize,
        read: () =>
          mapZipErrors(async () => {
            let inflated = 0;
            return collectStream(await zip.openReadStreamPromise(entry), (bytes) => {
              inflated += bytes;
              assertRatio(inflated, entry.compressedSize, limits);
              // Overlapping entries (a "better zip bomb") share compressed bytes: the archive's size is the denominator.
              budget.countInflated(bytes, source.size);
            });
          }),
      };
    }
  } finally {
    zip.close();
  }
}

function openZip(source: ArchiveSource): Promise<yauzl.ZipFile> {
  return mapZipErrors(() =>
    yauzl.fromRandomAccessReaderPromise(new BlockReader(source), source.size, {
      lazyEntries: true,
      autoClose: false,
      // Names are decoded and checked here, so that unsafe ones fail with our codes.
      decodeStrings: false,
      validateEntrySizes: true,
    }),
  );
}

/** Every entry of the central directory, each path and link checked, the top folder stripped. */
async function listEntries(zip: yauzl.ZipFile, limits: SnapshotLimits): Promise<ZipListing[]> {
  if (zip.entryCount > limits.maxEntries) throw tooManyEntries(limits);
  const listed: ZipListing[] = [];
  let declared = 0;
  await mapZipErrors(async () => {
    for await (const entry of zip.eachEntry()) {
      const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const path = safeEntryPath(raw);
      if (!entry.canDecodeFileData()) {
        throw new SnapshotError('ARCHIVE_UNSUPPORTED_ENTRY', m.snapshotUnsupportedEntry({ path: raw }));
      }
      // Declared sizes refuse a bomb early; the bytes actually inflated are counted when read.
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw tooLarge(limits);
      assertRatio(entry.uncompressedSize, entry.compressedSize, limits);
      if (path === '') continue;
      if (isSymlink(entry)) {
        const target = await readLinkTarget(zip, entry);
        listed.push({ entry, path, type: 'symlink', linkTarget: target });
      } else listed.push({ entry, path, type: raw.endsWith('/') ? 'directory' : 'file' });
    }
  });
  const folder = commonTopFolder(listed.map((item) => item.path));
  const stripped = listed
    .map((item) => ({ ...item, path: withoutTopFolder(item.path, folder) }))
    .filter((item) => item.path !== '');
  for (const item of stripped) if (item.linkTarget !== undefined) assertSymlinkInside(item.path, item.linkTarget);
  return stripped;
}

function isSymlink(entry: yauzl.Entry): boolean {
  return entry.versionMadeBy >> 8 === UNIX_HOST && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

async function readLinkTarget(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_LINK_TARGET_BYTES) throw new SnapshotError('ARCHIVE_CORRUPT', m.snapshotCorrupt());
  return (await collectStream(await zip.openReadStreamPromise(entry), () => {})).toString('utf8');
}

/** Runs yauzl work, turning its errors into TRUNCATED (no end record: cut short) or CORRUPT; I/O errors pass. */
async function mapZipErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    const { code, message, $metadata } = error as { code?: unknown; message?: unknown; $metadata?: unknown };
    // S3 and file-system failures may be transient: they stay themselves so the task can retry.
    if ($metadata !== undefined || (typeof code === 'string' && !code.startsWith('Z_'))) throw error;
    if (String(message).startsWith('End of central directory record signature not found')) {
      throw new SnapshotError('ARCHIVE_TRUNCATED', m.snapshotTruncated(), { cause: error });
    }
    throw new SnapshotError('ARCHIVE_CORRUPT', m.snapshotCorrupt(), { cause: error });
  }
}

/**
 * yauzl's random-access reader over an ArchiveSource. yauzl reads the central directory and each
 * local header as separate small reads; served from one cached block, they cost one ranged GET
 * per 8 MiB instead of one per entry. Larger reads (big entries) stream straight from the source.
 */
class BlockReader extends yauzl.RandomAccessReader {
  private block: { start: number; bytes: Promise<Buffer> } | undefined;

  constructor(private readonly source: ArchiveSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start > BLOCK_BYTES) return this.source.stream(start, end);
    const cached = this.block;
    const block =
      cached !== undefined && start >= cached.start && end <= cached.start + BLOCK_BYTES ? cached : this.load(start);
    const out = new PassThrough();
    block.bytes.then(
      (bytes) => out.end(bytes.subarray(start - block.start, end - block.start)),
      (error: unknown) => out.destroy(error as Error),
    );
    return out;
  }

  private load(start: number): { start: number; bytes: Promise<Buffer> } {
    const end = Math.min(this.source.size, start + BLOCK_BYTES);
    const block = { start, bytes: collectStream(this.source.stream(start, end), () => {}) };
    // A failed block is not kept: the next read asks again.
    block.bytes.catch(() => {
      if (this.block === block) this.block = undefined;
    });
    this.block = block;
    return block;
  }
}
