import { activeAnalysis } from '#shared/analysis/active';
import type { ConfigFile } from '#shared/analysis/dependencies/graph';
import { isDependencyManifest, type ManifestFile } from '#shared/analysis/dependencies/manifests';
import {
  buildInventoryRules,
  classifyFile,
  DEFAULT_MAX_FILE_BYTES,
  type GitattributesFile,
  type InventoryRules,
} from '#shared/analysis/inventory/index';
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
import { getProjectRecord, type ProjectRecord, repositoryTokenContext } from '#shared/projects/repository';
import { artifactsBucket, s3 } from '#shared/storage/s3';

/** Bounds of one batch: what one AnalyseBatch task holds in memory at once. */
export const BATCH_LIMITS = { bytes: 8 * 1024 * 1024, files: 2_000 } as const;
/** Bytes of a file's head that decide its language (shebang, content rules) and whether it is binary. */
const HEAD_BYTES = 8 * 1024;
/** Configuration files the import graph reads, and the most of each kind kept. */
const CONFIG_NAMES: Record<string, keyof InventoryRecord['config']> = {
  'tsconfig.json': 'tsconfigs',
  'package.json': 'packageJsons',
  'go.mod': 'goMods',
};
const MAX_CONFIG_FILES = 500;
/** Manifests and lockfiles kept for the Merge: at most this many, each at most this large (lockfiles outgrow sources). */
const MAX_MANIFEST_FILES = 500;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
/** Skip reasons under which a file is not the project's own: its manifests and configs are not read either. */
const FOREIGN: ReadonlySet<SkipReason> = new Set(['vendored', 'excluded']);

/** What the Inventory hands the machine: the batch numbers to analyse, or why the snapshot is refused. */
export interface InventoryOutcome {
  batches: number[];
  refusal: StoredFailure | null;
}

/**
 * The Inventory task: reads the snapshot twice, in order, never holding more than one batch. The
 * first pass only collects the `.gitattributes` files (root and nested: a file's attributes must
 * be known before it is classified, and a tar.gz gives them in archive order). The second
 * classifies each file by the inventory rules (project `analysis.exclude` globs, .gitattributes,
 * vendored, generated, too large, binary, unknown language, minified), counts skipped files by
 * reason, keeps manifests/lockfiles and import-graph configs for the Merge, and packs source
 * files into batch objects of bounded size. A snapshot the readers refuse (a hostile archive)
 * returns its refusal before any object is written. Idempotent: a retry rewrites the same objects.
 */
export async function runInventory(input: AnalysisTaskInput): Promise<InventoryOutcome> {
  const analysis = await activeAnalysis(input);
  const packer = new BatchPacker(input);
  const project = await getProjectRecord(analysis.projectId);
  const record: InventoryRecord = {
    skipped: {},
    config: { tsconfigs: [], packageJsons: [], goMods: [] },
    manifests: [],
    sbom: { projectName: project?.name ?? analysis.projectId, commit: analysis.commit, timestamp: analysis.createdAt },
  };
  let snapshot: OpenedSnapshot | undefined;
  try {
    snapshot = await openSnapshot(analysis, project);
    const rules = buildInventoryRules({
      gitattributes: await readGitattributes(snapshot.entries),
      exclude: project?.analysis?.exclude ?? [],
    });
    for await (const entry of snapshot.entries) {
      if (entry.type !== 'file') continue;
      const outcome = await classify(entry, rules);
      keepFoundFiles(record, outcome);
      if (outcome.kind === 'skipped') record.skipped[outcome.reason] = (record.skipped[outcome.reason] ?? 0) + 1;
      else await packer.add({ path: entry.path, language: outcome.language, text: outcome.text });
    }
  } catch (error) {
    if (error instanceof SnapshotError) return { batches: [], refusal: { code: error.code, message: error.detail } };
    throw error;
  } finally {
    await snapshot?.dispose();
  }
  const batches = await packer.finish();
  await putWorkObject(input, WORK_OBJECTS.inventory, JSON.stringify(record));
  return { batches, refusal: null };
}

/** The snapshot's `.gitattributes` files; the other entries are passed over unread. */
async function readGitattributes(entries: AsyncIterable<SnapshotEntry>): Promise<GitattributesFile[]> {
  const found: GitattributesFile[] = [];
  for await (const entry of entries) {
    if (entry.type !== 'file' || !(entry.path === '.gitattributes' || entry.path.endsWith('/.gitattributes'))) {
      continue;
    }
    if (entry.size <= DEFAULT_MAX_FILE_BYTES)
      found.push({ path: entry.path, text: (await entry.read()).toString('utf8') });
  }
  return found;
}

/**
 * A snapshot's entries in path order (iterable more than once: the Inventory reads twice), and how
 * to release what reading them holds (a fetched repository).
 */
interface OpenedSnapshot {
  entries: AsyncIterable<SnapshotEntry>;
  dispose(): Promise<void>;
}

/**
 * The uploaded archive, or the git ref fetched from the project's repository (with its sealed
 * token, if any). The fetched commit id is recorded on the analysis as `source.fetchedCommit`.
 */
async function openSnapshot(analysis: AnalysisRecord, project: ProjectRecord | undefined): Promise<OpenedSnapshot> {
  const { source } = analysis;
  if (source.type === 'archive') {
    const archive = await s3Source(s3, {
      bucket: artifactsBucket,
      key: uploadObjectKey(analysis.projectId, analysis.id, source.format),
    });
    return {
      entries: { [Symbol.asyncIterator]: () => readArchiveEntries(source.format, archive)[Symbol.asyncIterator]() },
      dispose: async () => {},
    };
  }
  const repository = project?.repository;
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
  manifest?: ManifestFile;
};

async function classify(entry: SnapshotEntry, rules: InventoryRules): Promise<Classified> {
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const isManifest = isDependencyManifest(entry.path);
  const readable = entry.size <= rules.maxFileBytes || (isManifest && entry.size <= MAX_MANIFEST_BYTES);
  // An oversized file is classified on its name alone (the rules skip it as too large, or earlier).
  const bytes = readable ? await entry.read() : Buffer.alloc(0);
  const classification = classifyFile(entry.path, bytes.subarray(0, HEAD_BYTES), entry.size, rules);
  const skipped = classification.kind === 'skipped' ? classification.reason : undefined;
  const ownText = readable && skipped !== 'binary' && !(skipped && FOREIGN.has(skipped));
  const configKind = CONFIG_NAMES[name];
  // Decoded only when kept: most skipped files (vendored trees) are never needed as text.
  const text = skipped === undefined || (ownText && (configKind || isManifest)) ? bytes.toString('utf8') : '';
  const found = {
    config: ownText && configKind ? { kind: configKind, file: { path: entry.path, text } } : undefined,
    manifest: ownText && isManifest ? { path: entry.path, text } : undefined,
  };
  if (classification.kind === 'skipped') return { kind: 'skipped', reason: classification.reason, ...found };
  return { kind: 'source', language: classification.language, text, ...found };
}

/** Keeps the import-graph configs and the manifests the Merge reads, up to their bounds. */
function keepFoundFiles(record: InventoryRecord, found: Classified) {
  const { config, manifest } = found;
  if (config && record.config[config.kind].length < MAX_CONFIG_FILES) record.config[config.kind].push(config.file);
  if (manifest && record.manifests.length < MAX_MANIFEST_FILES) record.manifests.push(manifest);
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
