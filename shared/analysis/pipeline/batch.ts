import { extractImports, IMPORT_LANGUAGES } from '#shared/analysis/dependencies/imports';
import { fingerprintFile, serializeFingerprints } from '#shared/analysis/duplication/index';
import { extractFunctions, supportsFunctions } from '#shared/analysis/functions/extract';
import { countLines } from '#shared/analysis/lines/index';
import { lineHashesOf, packFileDigest } from '#shared/analysis/new-code';
import {
  type BatchOutcome,
  getWorkJson,
  putWorkObject,
  type SourceBatch,
  WORK_OBJECTS,
} from '#shared/analysis/pipeline/objects';
import { putResult } from '#shared/analysis/result-store';
import { RESULT_OBJECTS, type StoredFileDigests, type StoredFileFunctions } from '#shared/analysis/results';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';

const IMPORTS_READ = new Set(IMPORT_LANGUAGES);

/**
 * The AnalyseBatch task: for each file of one batch, its lines (as cloc counts them), its
 * functions with their complexity (languages with a tree-sitter rule table), its duplication
 * fingerprints, its imports and its digest (line hashes and function places, which the branch's
 * next analysis compares with); writes the batch's outcome, fingerprints, functions and digests.
 * The snapshot-wide work (clones across batches, the import graph, new code) is the Merge's.
 * Idempotent: a retry rewrites the same objects.
 */
export async function analyseBatch(input: AnalysisTaskInput & { batch: number }): Promise<void> {
  const source = await getWorkJson<SourceBatch>(input, WORK_OBJECTS.batch(input.batch));
  const outcome: BatchOutcome = { files: [] };
  const functionsByPath: StoredFileFunctions = {};
  const digests: StoredFileDigests = {};
  const fingerprints = [];
  for (const file of source.files) {
    const functions = supportsFunctions(file.language) ? await extractFunctions(file.language, file.text) : null;
    if (functions) functionsByPath[file.path] = functions;
    outcome.files.push({
      path: file.path,
      language: file.language,
      lines: countLines(file.language, file.text),
      functions,
      imports: IMPORTS_READ.has(file.language) ? extractImports(file.language, file.path, file.text) : null,
    });
    fingerprints.push(fingerprintFile(file.path, file.language, file.text));
    digests[file.path] = packFileDigest(lineHashesOf(file.text), functions ?? []);
  }
  await Promise.all([
    putWorkObject(input, WORK_OBJECTS.outcome(input.batch), JSON.stringify(outcome)),
    putWorkObject(input, WORK_OBJECTS.fingerprints(input.batch), serializeFingerprints(fingerprints)),
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.functions(input.batch), functionsByPath),
    putResult(input.projectId, input.analysisId, RESULT_OBJECTS.digests(input.batch), digests),
  ]);
}
