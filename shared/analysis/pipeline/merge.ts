import { activeAnalysis } from '#shared/analysis/active';
import { toCycloneDx, toPurl } from '#shared/analysis/dependencies/cyclonedx';
import { buildImportGraph, findCycles } from '#shared/analysis/dependencies/graph';
import { readExternalDependencies } from '#shared/analysis/dependencies/manifests';
import { deserializeFingerprints, type FileFingerprints, findDuplication } from '#shared/analysis/duplication/index';
import { measureNewCode } from '#shared/analysis/pipeline/new-code';
import {
  type BatchOutcome,
  getWorkJson,
  getWorkObject,
  type InventoryRecord,
  putWorkObject,
  WORK_OBJECTS,
} from '#shared/analysis/pipeline/objects';
import { putResult } from '#shared/analysis/result-store';
import { RESULT_OBJECTS, type StoredFile } from '#shared/analysis/results';
import { type FileOutcome, summarize } from '#shared/analysis/summary-rules';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import type { AnalysisDependencies, AnalysisSummary, DuplicationBlock } from '#shared/schemas/analyses';

/**
 * The Merge task: adds every batch up across the whole snapshot. Clones are found across all
 * files (not only within a batch), the import graph is resolved over every file with the
 * snapshot's tsconfig/package.json/go.mod, external dependencies are read from the manifests
 * and lockfiles the Inventory kept, the snapshot is compared with its base analysis (new code),
 * and the summary is computed by the summary rules. Writes the results the query Lambdas serve
 * (files, duplications, dependencies, the CycloneDX SBOM, new code) and the summary Finish
 * records. Idempotent: a retry rewrites the same objects (and finds the same base).
 */
export async function mergeAnalysis(input: AnalysisTaskInput & { batches: number[] }): Promise<void> {
  const analysis = await activeAnalysis(input);
  const inventory = await getWorkJson<InventoryRecord>(input, WORK_OBJECTS.inventory);
  const files: (FileOutcome & { batch: number; imports: BatchOutcome['files'][number]['imports'] })[] = [];
  const fingerprints: FileFingerprints[] = [];
  for (const batch of input.batches) {
    const [outcome, packed] = await Promise.all([
      getWorkJson<BatchOutcome>(input, WORK_OBJECTS.outcome(batch)),
      getWorkObject(input, WORK_OBJECTS.fingerprints(batch)),
    ]);
    for (const file of outcome.files) files.push({ ...file, batch });
    fingerprints.push(...deserializeFingerprints(packed));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const duplication = findDuplication(fingerprints);
  const duplicatedLines = new Map(duplication.files.map((file) => [file.path, file.duplicatedLines]));
  const graph = buildImportGraph(
    files.flatMap((file) =>
      file.imports ? [{ path: file.path, language: file.language, imports: file.imports }] : [],
    ),
    inventory.config,
  );
  const cycles = findCycles(graph);
  const newCode = await measureNewCode(analysis, {
    batches: input.batches,
    functionsByPath: new Map(files.flatMap((file) => (file.functions ? [[file.path, file.functions]] : []))),
    blocks: duplication.blocks,
    cycles,
  });
  const changes = new Map<string, 'added' | 'changed'>([
    ...(newCode?.comparison.added ?? []).map((path) => [path, 'added'] as const),
    ...(newCode?.comparison.changed ?? []).map((path) => [path, 'changed'] as const),
  ]);

  const stored: StoredFile[] = files.map((file) => ({
    path: file.path,
    language: file.language,
    ...file.lines,
    functions: file.functions?.length ?? null,
    maxCyclomatic: file.functions ? Math.max(0, ...file.functions.map((fn) => fn.cyclomatic)) : null,
    duplicatedLines: duplicatedLines.get(file.path) ?? 0,
    change: changes.get(file.path) ?? null,
    newLines: newCode ? (newCode.comparison.newLines.get(file.path)?.size ?? 0) : null,
    batch: file.batch,
  }));
  const blocks: DuplicationBlock[] = duplication.blocks;
  const external = readExternalDependencies(inventory.manifests);
  const dependencies: AnalysisDependencies = { external, cycles };
  const summary: AnalysisSummary = summarize(files, inventory.skipped, {
    duplication: {
      blocks: duplication.blocks.length,
      duplicatedLines: duplication.duplicatedLines,
      percentage: Math.round(duplication.percentage * 100) / 100,
    },
    dependencies: {
      nodes: graph.nodes.length,
      imports: graph.edges.length,
      cycles: cycles.length,
      external: new Set(external.map(toPurl)).size,
      direct: new Set(external.filter((dependency) => dependency.direct).map(toPurl)).size,
    },
    newCode: newCode?.section ?? null,
  });
  const sbom = toCycloneDx(external, inventory.sbom);
  await Promise.all([
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.files, stored),
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.sbom, sbom),
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.duplications, blocks),
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.dependencies, dependencies),
  ]);
  await putWorkObject(input, WORK_OBJECTS.summary, JSON.stringify(summary));
}
