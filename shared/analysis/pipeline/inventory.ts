import { isBinaryFileSync } from 'isbinaryfile';
import { activeAnalysis } from '#shared/analysis/active';
import type { ConfigFile } from '#shared/analysis/dependencies/graph';
import { detectLanguage } from '#shared/analysis/languages/detect';
import * as m from '#shared/analysis/messages';
import type { SkipReason } from '#shared/analysis/model';
import { type InventoryRecord, putWorkObject, type SourceBatch, WORK_OBJECTS } from '#shared/analysis/pipeline/objects';
import {
  type AnalysisRecord,
  type StoredFailure,
  transitionAnalysis,
  uploadObjectKey,
} from '#shared/analysis/repository';
import { readArchiveEntries } from '#shared/analysis/snapshots/archives';
import { type SnapshotEntry, SnapshotError } from '#shared/analysis/snapshots/entries';
import { fetchGitSnapshot } from '#shared/analysis/snapshots/git';
import { s3Source } from '#shared/analysis/snapshots/sources';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { decryptSecret } from '#shared/crypto/envelope';
import { getProject, repositoryTokenContext } from '#shared/projects/repository';
import { artifactsBucket, s3 } from '#shared/storage/s3';

/** Bounds of one batch: what one AnalyseBatch task holds in memory at once. */
export const BATCH_LIMITS = { bytes: 8 * 1024 * 1024, files: 2_000 } as const;
/** A file larger than this is not analysed (generated data far more often than source). */
export const MAX_SOURCE_FILE_BYTES = 4 * 1024 * 1024;
/** Bytes of a file's head that decide its language (shebang, content rules) and whether it is binary. */
const HEAD_BYTES = 8 * 1024;
/** Configuration files the import graph reads, and the most of each kind kept. */
const CONFIG_NAMES: Record<string, keyof InventoryRecord['config']> = {
  'tsconfig.json': 'tsconfigs',
  'package.json': 'packageJsons',
  'go.mod': 'goMods',
};
const MAX_CONFIG_FILES = 500;

/** What the Inventory hands the machine: the batch numbers to analyse, or why the snapshot is refused. */
export interface InventoryOutcome {
  batches: number[];
  refusal: StoredFailure | null;
}

/**
 * The Inventory task: reads the snapshot once, in order, never holding more than one batch:
 * each file is classified (language from Linguist's data by name, shebang and extension;
 * binary, unknown-language and oversized files are counted apart) and source files are packed
 * into batch objects of bounded size. A snapshot the readers refuse (a hostile archive) returns
 * its refusal before any object is written. Idempotent: a retry rewrites the same objects.
 */
export async function runInventory(input: AnalysisTaskInput): Promise<InventoryOutcome> {
  const analysis = await activeAnalysis(input);
  const packer = new BatchPacker(input);
  const skipped: Partial<Record<SkipReason, number>> = {};
  const config: InventoryRecord['config'] = { tsconfigs: [], packageJsons: [], goMods: [] };
  let snapshot: OpenedSnapshot | undefined;
  try {
    snapshot = await openSnapshot(analysis);
    for await (const entry of snapshot.entries) {
      if (entry.type !== 'file') continue;
      const outcome = await classify(entry);
      if (outcome.config) keepConfig(config, outcome.config);
      if (outcome.kind === 'skipped') skipped[outcome.reason] = (skipped[outcome.reason] ?? 0) + 1;
      else await packer.add({ path: entry.path, language: outcome.language, text: outcome.text });
    }
  } catch (error) {
    if (error instanceof SnapshotError) return { batches: [], refusal: { code: error.code, message: error.detail } };
    throw error;
  } finally {
    await snapshot?.dispose();
  }
  const batches = await packer.finish();
  await putWorkObject(input, WORK_OBJECTS.inventory, JSON.stringify({ skipped, config } satisfies InventoryRecord));
  return { batches, refusal: null };
}

/** A snapshot's entries in path order, and how to release what reading them holds (a fetched repository). */
interface OpenedSnapshot {
  entries: AsyncIterable<SnapshotEntry>;
  dispose(): Promise<void>;
}

/**
 * The uploaded archive, or the git ref fetched from the project's repository (with its sealed
 * token, if any). The fetched commit id is recorded on the analysis as `source.fetchedCommit`.
 */
async function openSnapshot(analysis: AnalysisRecord): Promise<OpenedSnapshot> {
  const { source } = analysis;
  if (source.type === 'archive') {
    const archive = await s3Source(s3, {
      bucket: artifactsBucket,
      key: uploadObjectKey(analysis.projectId, analysis.id, source.format),
    });
    return { entries: readArchiveEntries(source.format, archive), dispose: async () => {} };
  }
  const repository = (await getProject(analysis.projectId))?.repository;
  if (!repository) throw new SnapshotError('REPOSITORY_NOT_SET', m.repositoryNotSet());
  const token = repository.token && (await decryptSecret(repository.token, repositoryTokenContext(analysis.projectId)));
  const fetched = await fetchGitSnapshot({ url: repository.url, ref: source.ref, token });
  try {
    await transitionAnalysis(analysis.projectId, analysis.id, ['queued', 'running'], {
      source: { ...source, fetchedCommit: fetched.commit },
    });
  } catch (error) {
    await fetched.dispose();
    throw error;
  }
  return fetched;
}

type Classified = ({ kind: 'source'; language: string; text: string } | { kind: 'skipped'; reason: SkipReason }) & {
  config?: { kind: keyof InventoryRecord['config']; file: ConfigFile };
};

async function classify(entry: SnapshotEntry): Promise<Classified> {
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const configKind = CONFIG_NAMES[name];
  if (entry.size > MAX_SOURCE_FILE_BYTES) return { kind: 'skipped', reason: 'too_large' };
  const bytes = await entry.read();
  const head = bytes.subarray(0, HEAD_BYTES);
  if (isBinaryFileSync(head, head.length)) return { kind: 'skipped', reason: 'binary' };
  const text = bytes.toString('utf8');
  const config = configKind ? { kind: configKind, file: { path: entry.path, text } } : undefined;
  const language = detectLanguage(entry.path, text.slice(0, HEAD_BYTES));
  if (language === undefined) return { kind: 'skipped', reason: 'unknown_language', config };
  return { kind: 'source', language, text, config };
}

function keepConfig(
  config: InventoryRecord['config'],
  found: { kind: keyof InventoryRecord['config']; file: ConfigFile },
) {
  if (config[found.kind].length < MAX_CONFIG_FILES) config[found.kind].push(found.file);
}

/** Packs source files into numbered batch objects of at most BATCH_LIMITS each (a bigger file alone). */
class BatchPacker {
  private files: SourceBatch['files'] = [];
  private bytes = 0;
  private readonly written: number[] = [];

  constructor(private readonly ids: AnalysisTaskInput) {}

  async add(file: SourceBatch['files'][number]): Promise<void> {
    const size = Buffer.byteLength(file.text);
    if (this.files.length > 0 && (this.bytes + size > BATCH_LIMITS.bytes || this.files.length >= BATCH_LIMITS.files)) {
      await this.flush();
    }
    this.files.push(file);
    this.bytes += size;
  }

  /** Writes the last batch; the numbers of every batch written. */
  async finish(): Promise<number[]> {
    if (this.files.length > 0) await this.flush();
    return this.written;
  }

  private async flush(): Promise<void> {
    const batch = this.written.length;
    await putWorkObject(
      this.ids,
      WORK_OBJECTS.batch(batch),
      JSON.stringify({ files: this.files } satisfies SourceBatch),
    );
    this.written.push(batch);
    this.files = [];
    this.bytes = 0;
  }
}
