import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/http/errors';
import type { PipelineRecord } from '#shared/pipelines/repository';
import { FIRST_PIPELINE_VERSION, nextPipelineVersion, splitStages } from '#shared/pipelines/versioning';
import { PipelineBody } from '#shared/schemas/pipelines';

const NOW = '2026-02-01T00:00:00.000Z';
const body = (stages: unknown[]) => PipelineBody.parse({ name: 'release', stages });
const hook = (changes: Record<string, unknown> = {}) => ({
  type: 'webhook',
  name: 'build',
  url: 'https://ci.example.com/hooks/build',
  ...changes,
});

describe('nextPipelineVersion', () => {
  it('is one more than the current version, keeping the id, creator and creation time', () => {
    // Prepare
    const current: PipelineRecord = {
      pipelineId: 'p1',
      projectId: 'project-1',
      name: 'old',
      version: 4,
      stages: [],
      createdBy: 'user-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-06-01T00:00:00.000Z',
    };
    const input = body([{ type: 'deploy', name: 'release' }]);

    // Act
    const next = nextPipelineVersion(current, input, [{ type: 'deploy', name: 'release' }], NOW);

    // Assess
    expect(FIRST_PIPELINE_VERSION).toBe(1);
    expect(next).toEqual({
      ...current,
      name: 'release',
      description: undefined,
      version: 5,
      stages: [{ type: 'deploy', name: 'release' }],
      updatedAt: NOW,
    });
  });
});

describe('splitStages', () => {
  it('stores webhook secrets apart and tells only that a stage has one', () => {
    // Act
    const { stages, secrets } = splitStages(body([hook({ secret: 's3cret-value-long-enough' })]).stages, {});

    // Assess
    expect(secrets).toEqual({ build: 's3cret-value-long-enough' });
    expect(stages).toEqual([
      {
        type: 'webhook',
        name: 'build',
        url: 'https://ci.example.com/hooks/build',
        hasSecret: true,
        waitForCallback: false,
        timeoutSeconds: 3_600,
      },
    ]);
  });

  it("carries a stage's secret to the next version by the stage's name, unless a new one is given", () => {
    // Prepare
    const previous = { build: 'kept-secret-from-v1', gone: 'of-a-removed-stage' };

    // Act
    const kept = splitStages(body([hook()]).stages, previous);
    const replaced = splitStages(body([hook({ secret: 'a-brand-new-secret-value' })]).stages, previous);
    const renamed = splitStages(body([hook({ name: 'compile' })]).stages, previous);

    // Assess
    expect(kept.secrets).toEqual({ build: 'kept-secret-from-v1' });
    expect(replaced.secrets).toEqual({ build: 'a-brand-new-secret-value' });
    expect(renamed.secrets).toEqual({});
    expect(renamed.stages[0]).toMatchObject({ hasSecret: false });
  });

  it('refuses a stage that waits for a callback without a secret to verify it, naming the field', () => {
    // Act
    let refusal: unknown;
    try {
      splitStages(body([{ type: 'deploy', name: 'd' }, hook({ waitForCallback: true })]).stages, {});
    } catch (error) {
      refusal = error;
    }

    // Assess
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).extras.errors).toEqual([
      {
        path: 'body.stages.1.secret',
        message: 'a stage that waits for a callback needs a secret to verify the callback',
      },
    ]);
  });

  it('refuses a webhook URL the outbound policy refuses', () => {
    expect(() => splitStages(body([hook({ url: 'http://169.254.169.254/latest' })]).stages, {})).toThrow(
      ValidationError,
    );
  });
});
