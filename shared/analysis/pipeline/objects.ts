import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ConfigFile } from '#shared/analysis/dependencies/graph';
import type { FunctionMetrics, ImportSpecifier, LineCounts, SkipReason } from '#shared/analysis/model';
import { resultKey } from '#shared/analysis/result-store';
import { artifactsBucket, s3 } from '#shared/storage/s3';

// The working objects the CodeAnalysis machine's tasks pass to each other through the artifacts
// bucket (under the analysis's results folder, `work/`): only batch numbers travel through the
// state machine, so no state's payload grows with the snapshot.

/** Source files of one batch, as the Inventory packed them. */
export interface SourceBatch {
  files: { path: string; language: string; text: string }[];
}

/** What the Inventory learned about the whole snapshot. */
export interface InventoryRecord {
  /** Files not analysed, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Configuration files that steer import resolution (tsconfig.json, package.json, go.mod). */
  config: { tsconfigs: ConfigFile[]; packageJsons: ConfigFile[]; goMods: ConfigFile[] };
  /** Manifests and lockfiles of the project's own code (not vendored or excluded) that the Merge reads dependencies from. */
  manifests: { path: string; text: string }[];
  /** What the SBOM says about the project (read by the Inventory, which reads the table; the Merge does not). */
  sbom: { projectName: string; commit: string; timestamp: string };
}

/** What a batch's task measured per file. */
export interface BatchOutcome {
  files: {
    path: string;
    language: string;
    lines: LineCounts;
    /** Null when the language's functions are not measured. */
    functions: FunctionMetrics[] | null;
    /** Null when the language's imports are not read. */
    imports: ImportSpecifier[] | null;
  }[];
}

export const WORK_OBJECTS = {
  inventory: 'work/inventory.json.gz',
  batch: (batch: number) => `work/batches/${String(batch).padStart(5, '0')}.json.gz`,
  outcome: (batch: number) => `work/outcomes/${String(batch).padStart(5, '0')}.json.gz`,
  fingerprints: (batch: number) => `work/fingerprints/${String(batch).padStart(5, '0')}.bin`,
  summary: 'work/summary.json',
  /** GateOutcome (pipeline/gate.ts): the summary with coverage and gate, written by EvaluateGate. */
  gate: 'work/gate.json',
} as const;

/** Writes one working object (gzipped when its name says so); a retried task overwrites its own. */
export async function putWorkObject(
  ids: { projectId: string; analysisId: string },
  name: string,
  body: Uint8Array | string,
): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  await s3.send(
    new PutObjectCommand({
      Bucket: artifactsBucket,
      Key: resultKey(ids.projectId, ids.analysisId, name),
      Body: name.endsWith('.gz') ? gzipSync(bytes) : bytes,
    }),
  );
}

/** Reads one working object's bytes (gunzipped when its name says so). */
export async function getWorkObject(ids: { projectId: string; analysisId: string }, name: string): Promise<Buffer> {
  const response = await s3.send(
    new GetObjectCommand({ Bucket: artifactsBucket, Key: resultKey(ids.projectId, ids.analysisId, name) }),
  );
  const bytes = Buffer.from(await response.Body!.transformToByteArray());
  return name.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** A JSON working object. */
export async function getWorkJson<T>(ids: { projectId: string; analysisId: string }, name: string): Promise<T> {
  return JSON.parse((await getWorkObject(ids, name)).toString('utf8')) as T;
}
