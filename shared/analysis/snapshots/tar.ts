import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import * as m from '#shared/analysis/messages';
import {
  assertSymlinkInside,
  collectStream,
  commonTopFolder,
  hardlinkTarget,
  SnapshotBudget,
  type SnapshotEntry,
  SnapshotError,
  type SnapshotLimits,
  safeEntryPath,
  withoutTopFolder,
} from '#shared/analysis/snapshots/entries';
import type { ArchiveSource } from '#shared/analysis/snapshots/sources';

// tar.gz in two streaming passes. The first inflates and checks everything (paths, links,
// counts, bytes, ratio, truncation) and keeps only the headers; the second yields the entries.
// So a hostile or truncated archive fails before the inventory has written anything, and the
// single top folder is known before the first path is handed out. The price is inflating twice.

/** One tar header, its path made safe but not yet stripped of the top folder. */
interface TarHeader {
  path: string;
  type: SnapshotEntry['type'] | 'other';
  size: number;
  /** As written in the archive (hardlinks: a path from the archive root; symlinks: relative to the link). */
  linkname?: string;
}

/** An entry's content as tar-stream gives it (a streamx Readable). */
type EntryBody = AsyncIterable<Buffer> & { resume(): unknown };

const TYPES: Record<string, SnapshotEntry['type']> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
};

/** The entries of a gzip-compressed tar archive, checked as a whole before the first is yielded. */
export async function* readTarGzEntries(source: ArchiveSource, limits: SnapshotLimits): AsyncGenerator<SnapshotEntry> {
  const headers: TarHeader[] = [];
  for await (const { header, body } of walkTarGz(source, limits)) {
    headers.push(header);
    body.resume();
  }
  const folder = commonTopFolder(headers.map((header) => header.path).filter((path) => path !== ''));
  for (const header of headers) describe(header, folder);

  for await (const { header, body } of walkTarGz(source, limits)) {
    const described = describe(header, folder);
    if (described === undefined) {
      body.resume();
      continue;
    }
    if (described.type !== 'file') {
      body.resume();
      yield { ...described, read: async () => Buffer.from(described.linkTarget ?? '') };
      continue;
    }
    let consumed = false;
    yield {
      ...described,
      read: () => {
        if (consumed) return Promise.reject(new Error(`The content of ${described.path} was already read`));
        consumed = true;
        return collectStream(body, () => {});
      },
    };
    // The consumer may skip an entry: the tar stream only moves on once its body is drained.
    if (!consumed) body.resume();
  }
}

/** The entry a header becomes, its links checked; undefined for the root, the top folder and special files. */
function describe(header: TarHeader, folder: string | undefined): Omit<SnapshotEntry, 'read'> | undefined {
  const path = withoutTopFolder(header.path, folder);
  if (path === '' || header.type === 'other') return undefined;
  if (header.type === 'symlink') {
    const target = header.linkname ?? '';
    assertSymlinkInside(path, target);
    return { path, type: 'symlink', size: Buffer.byteLength(target), linkTarget: target };
  }
  if (header.type === 'hardlink') {
    const raw = header.linkname ?? '';
    const target = withoutTopFolder(hardlinkTarget(path, raw), folder);
    if (target === '' || (folder !== undefined && !hardlinkTarget(path, raw).startsWith(`${folder}/`))) {
      throw new SnapshotError('ARCHIVE_LINK_ESCAPES', m.snapshotLinkEscapes({ path, target: raw }));
    }
    return { path, type: 'hardlink', size: 0, linkTarget: target };
  }
  return { path, type: header.type, size: header.type === 'file' ? header.size : 0 };
}

/**
 * Streams the archive once: counts compressed and inflated bytes against the limits as they flow,
 * yields each header with its body stream, and turns zlib and tar errors into snapshot errors.
 */
async function* walkTarGz(
  source: ArchiveSource,
  limits: SnapshotLimits,
): AsyncGenerator<{ header: TarHeader; body: EntryBody }> {
  const budget = new SnapshotBudget(limits);
  let compressed = 0;
  const countCompressed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  const countInflated = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        budget.countInflated(chunk.length, compressed);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const extract = tar.extract();
  let failure: unknown;
  pipeline(source.stream(0, source.size), countCompressed, createGunzip(), countInflated, extract, (error) => {
    failure = error ?? undefined;
  });
  try {
    for await (const body of extract) {
      budget.countEntry();
      const raw = body.header;
      const type = TYPES[raw.type ?? 'file'] ?? 'other';
      yield {
        header: { path: safeEntryPath(raw.name), type, size: raw.size ?? 0, linkname: raw.linkname ?? undefined },
        // tar-stream types chunks as unknown; they are Buffers.
        body: body as EntryBody,
      };
    }
  } catch (error) {
    throw asSnapshotError(failure ?? error);
  } finally {
    extract.destroy();
  }
  if (failure !== undefined) throw asSnapshotError(failure);
}

/** Snapshot errors pass; zlib and tar-stream errors become TRUNCATED or CORRUPT; others (S3) stay as they are. */
function asSnapshotError(error: unknown): unknown {
  if (error instanceof SnapshotError) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'Z_BUF_ERROR' || message === 'Unexpected end of data' || message === 'unexpected end of file') {
    return new SnapshotError('ARCHIVE_TRUNCATED', m.snapshotTruncated(), { cause: error });
  }
  if ((typeof code === 'string' && code.startsWith('Z_')) || /^Invalid (tar )?header/.test(String(message))) {
    return new SnapshotError('ARCHIVE_CORRUPT', m.snapshotCorrupt(), { cause: error });
  }
  return error;
}
