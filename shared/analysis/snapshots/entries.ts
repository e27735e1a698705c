import * as m from '#shared/analysis/messages';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';

// What every snapshot source (zip, tar.gz, git) hands the inventory: entries in order, with safe
// relative paths, and the limits that make a hostile snapshot fail as a whole.

/** One entry of a snapshot. `path` is relative, `/`-separated, never empty, never with `.` or `..`. */
export interface SnapshotEntry {
  path: string;
  /** Bytes of the content (files; a symlink's target length; 0 for directories and hardlinks). */
  size: number;
  type: 'file' | 'directory' | 'symlink' | 'hardlink';
  /** Symlinks: the target as written (relative to the link's folder). Hardlinks: the snapshot path it repeats. */
  linkTarget?: string;
  /**
   * The content. Valid until the next entry is requested (sources are read once, in order);
   * counts toward the snapshot's inflated total and ratio.
   */
  read(): Promise<Buffer>;
}

/** The bounds a snapshot must stay within; anything beyond fails the whole snapshot. */
export interface SnapshotLimits {
  /** Entries of every type, directories included. */
  maxEntries: number;
  /** Inflated bytes actually produced, never the sizes an archive declares. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed bytes, for the archive and (zip) for each entry. */
  maxRatio: number;
  /** Ratios are checked once this many bytes have inflated, so small very compressible files pass. */
  ratioGraceBytes: number;
}

/** The limits: 200,000 entries, 2 GiB inflated, ratio 100 (checked past the first MiB). */
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 100,
  ratioGraceBytes: 1024 ** 2,
};

export type SnapshotErrorCode =
  | 'ARCHIVE_UNSAFE_PATH'
  | 'ARCHIVE_LINK_ESCAPES'
  | 'ARCHIVE_TOO_MANY_ENTRIES'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_RATIO_EXCEEDED'
  | 'ARCHIVE_TRUNCATED'
  | 'ARCHIVE_CORRUPT'
  | 'ARCHIVE_UNSUPPORTED_ENTRY'
  | 'GIT_FETCH_REFUSED'
  | 'GIT_REF_NOT_FOUND'
  | 'GIT_AUTH_FAILED'
  | 'GIT_FETCH_FAILED'
  /** A git analysis whose project's repository setting was removed before it ran. */
  | 'REPOSITORY_NOT_SET';

/**
 * Why a snapshot is refused: a stable `code` and a catalogue `detail`, what an analysis records as
 * its failure. `message` is the English detail, for logs; it never holds a token.
 */
export class SnapshotError extends Error {
  constructor(
    readonly code: SnapshotErrorCode,
    readonly detail: LocalizedText,
    options?: ErrorOptions,
  ) {
    super(formatText(detail, 'en'), options);
    this.name = 'SnapshotError';
  }
}

const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * The safe relative form of an archive path: `.` and empty segments dropped (`./src//a.ts` is
 * `src/a.ts`), a trailing `/` ignored. Returns '' for the root itself. Throws ARCHIVE_UNSAFE_PATH on
 * absolute paths, drive letters, backslashes, NUL and `..` segments.
 */
export function safeEntryPath(raw: string): string {
  if (raw.startsWith('/') || DRIVE_LETTER.test(raw) || raw.includes('\\') || raw.includes('\0')) {
    throw new SnapshotError('ARCHIVE_UNSAFE_PATH', m.snapshotUnsafePath({ path: raw }));
  }
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw new SnapshotError('ARCHIVE_UNSAFE_PATH', m.snapshotUnsafePath({ path: raw }));
  return segments.join('/');
}

/** Throws ARCHIVE_LINK_ESCAPES unless a symlink at `path` pointing to `target` stays in the snapshot. */
export function assertSymlinkInside(path: string, target: string): void {
  const escapes = () => new SnapshotError('ARCHIVE_LINK_ESCAPES', m.snapshotLinkEscapes({ path, target }));
  if (target === '' || target.startsWith('/') || DRIVE_LETTER.test(target) || target.includes('\\')) throw escapes();
  const resolved = path.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') {
      if (resolved.length === 0) throw escapes();
      resolved.pop();
    } else if (segment !== '' && segment !== '.') resolved.push(segment);
  }
}

/** The safe snapshot path a hardlink repeats; throws ARCHIVE_LINK_ESCAPES when it leaves the snapshot. */
export function hardlinkTarget(path: string, target: string): string {
  try {
    const safe = safeEntryPath(target);
    if (safe !== '') return safe;
  } catch {
    // An unsafe link target is reported as the link escaping, naming the link.
  }
  throw new SnapshotError('ARCHIVE_LINK_ESCAPES', m.snapshotLinkEscapes({ path, target }));
}

/**
 * The single top folder that every path lies under (GitHub's `repo-sha/`), or undefined. Paths
 * equal to the folder itself are its directory entry; a lone file is not a folder.
 */
export function commonTopFolder(paths: Iterable<string>): string | undefined {
  let folder: string | undefined;
  let hasChild = false;
  for (const path of paths) {
    const slash = path.indexOf('/');
    const first = slash === -1 ? path : path.slice(0, slash);
    if (folder === undefined) folder = first;
    else if (first !== folder) return undefined;
    if (slash !== -1) hasChild = true;
  }
  return hasChild ? folder : undefined;
}

/** `path` without the top folder; '' for the folder itself. */
export function withoutTopFolder(path: string, folder: string | undefined): string {
  if (folder === undefined) return path;
  return path === folder ? '' : path.slice(folder.length + 1);
}

/**
 * Counts entries and inflated bytes against the limits as they happen, so a bomb stops at the first
 * byte over instead of after it has been inflated.
 */
export class SnapshotBudget {
  private entries = 0;
  private inflated = 0;

  constructor(private readonly limits: SnapshotLimits) {}

  /** One more entry (any type). */
  countEntry(): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) throw tooManyEntries(this.limits);
  }

  /** `bytes` more inflated, out of `compressed` bytes read so far (the whole archive, or 0 when unknown). */
  countInflated(bytes: number, compressed: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.maxTotalBytes) throw tooLarge(this.limits);
    if (compressed > 0) assertRatio(this.inflated, compressed, this.limits);
  }
}

/** ARCHIVE_TOO_MANY_ENTRIES for these limits. */
export function tooManyEntries(limits: SnapshotLimits): SnapshotError {
  return new SnapshotError('ARCHIVE_TOO_MANY_ENTRIES', m.snapshotTooManyEntries({ limit: limits.maxEntries }));
}

/** ARCHIVE_TOO_LARGE for these limits. */
export function tooLarge(limits: SnapshotLimits): SnapshotError {
  return new SnapshotError('ARCHIVE_TOO_LARGE', m.snapshotTooLarge({ limit: limits.maxTotalBytes }));
}

/** Throws ARCHIVE_RATIO_EXCEEDED when `inflated` (past the grace bytes) exceeds maxRatio × `compressed`. */
export function assertRatio(inflated: number, compressed: number, limits: SnapshotLimits): void {
  if (inflated > limits.ratioGraceBytes && inflated > limits.maxRatio * Math.max(compressed, 1)) {
    throw new SnapshotError('ARCHIVE_RATIO_EXCEEDED', m.snapshotRatioExceeded({ limit: limits.maxRatio }));
  }
}

/** Reads a stream into one Buffer, calling `onChunk` with each chunk's size first (it may throw to stop). */
export async function collectStream(
  stream: AsyncIterable<Buffer | Uint8Array>,
  onChunk: (bytes: number) => void,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    onChunk(chunk.length);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks);
}
