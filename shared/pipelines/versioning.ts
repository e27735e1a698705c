import { ValidationError } from '#shared/http/errors';
import { assertOutboundUrl } from '#shared/http/outbound';
import type { PipelineRecord } from '#shared/pipelines/repository';
import type { PipelineBody, Stage, StageInput } from '#shared/schemas/pipelines';

// Pipeline versions as decisions, without I/O: a pipeline starts at version 1, each replacement
// is the next version (every version is kept; a deployment runs the one it started with), and a
// webhook stage's secret carries over to the next version by the stage's name. Storing a version
// only if nobody saved one first is the repository's conditional write.

/** The version a new pipeline starts at. */
export const FIRST_PIPELINE_VERSION = 1;

/** The version replacing `current` with `input`: one more, same id, creator and creation time. */
export function nextPipelineVersion(
  current: PipelineRecord,
  input: PipelineBody,
  stages: Stage[],
  now: string,
): PipelineRecord {
  return {
    ...current,
    name: input.name,
    description: input.description,
    version: current.version + 1,
    stages,
    updatedAt: now,
  };
}

/**
 * A version's stages as stored, with their webhook secrets apart (secrets are write-only). A
 * webhook stage given without a secret keeps the one its same-named stage had in the previous
 * version; a stage that waits for a callback needs one (to verify the callback). Stage URLs
 * must pass the outbound policy. Throws ValidationError with the offending field's path.
 */
export function splitStages(
  inputs: readonly StageInput[],
  previousSecrets: Readonly<Record<string, string>>,
): { stages: Stage[]; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const stages = inputs.map((stage, index): Stage => {
    if (stage.type !== 'webhook') return stage;
    assertOutboundUrl(stage.url, `body.stages.${index}.url`);
    const secret = stage.secret ?? previousSecrets[stage.name];
    if (stage.waitForCallback && secret === undefined) {
      throw new ValidationError([
        {
          path: `body.stages.${index}.secret`,
          message: 'a stage that waits for a callback needs a secret to verify the callback',
        },
      ]);
    }
    if (secret !== undefined) secrets[stage.name] = secret;
    return {
      type: 'webhook',
      name: stage.name,
      url: stage.url,
      hasSecret: secret !== undefined,
      waitForCallback: stage.waitForCallback,
      timeoutSeconds: stage.timeoutSeconds,
    };
  });
  return { stages, secrets };
}
