import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotEntry, type SnapshotLimits } from '#shared/analysis/snapshots/entries';
import type { ArchiveSource } from '#shared/analysis/snapshots/sources';
import { readTarGzEntries } from '#shared/analysis/snapshots/tar';
import { readZipEntries } from '#shared/analysis/snapshots/zip';

/** The archive formats a snapshot upload may use. */
export type ArchiveFormat = 'zip' | 'tar.gz';

/**
 * The entries of an uploaded archive, in archive order, never holding the archive in memory.
 * The whole archive is checked before the first entry is yielded, so a refused archive throws a
 * SnapshotError before anything has been handed out; a single top folder shared by every entry
 * (GitHub's `repo-sha/`) is stripped.
 */
export function readArchiveEntries(
  format: ArchiveFormat,
  source: ArchiveSource,
  limits: Partial<SnapshotLimits> = {},
): AsyncGenerator<SnapshotEntry> {
  const bounds = { ...DEFAULT_SNAPSHOT_LIMITS, ...limits };
  return format === 'zip' ? readZipEntries(source, bounds) : readTarGzEntries(source, bounds);
}
