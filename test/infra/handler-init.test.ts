import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '#shared/api/routes';
import { ENV } from '#shared/config/env';
import { EVENT_RULES } from '#shared/events/rules';
import { type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import { resourcesOf } from './support/templates.ts';

// Handlers read their configuration at module scope and fail at init when a variable is
// missing. This proves each one initializes with exactly the environment the stack gives
// its Lambda — a shared module that reaches for a resource the route was not granted
// (say, the event bus from a read-only route) fails here instead of in AWS.
const entries = [
  ...ROUTES.map((route) => ({ id: route.id, handler: route.handler })),
  ...EVENT_RULES.map((rule) => ({ id: rule.id, handler: rule.target.handler })),
];

describe('every handler initializes with only the environment its Lambda gets', () => {
  let stage: SynthesizedStage;
  const variablesById = new Map<string, string[]>();
  const savedEnv = { ...process.env };

  beforeAll(() => {
    stage = synthesizeStage('dev');
    for (const template of stage.services.values()) {
      for (const lambda of resourcesOf(template, 'AWS::Lambda::Function')) {
        const entry = entries.find((candidate) =>
          new RegExp(`^${candidate.id}(Handler)?Function`).test(lambda.logicalId),
        );
        const environment = lambda.Properties.Environment as { Variables?: Record<string, unknown> } | undefined;
        if (entry) variablesById.set(entry.id, Object.keys(environment?.Variables ?? {}));
      }
    }
  });

  afterEach(() => {
    process.env = { ...savedEnv };
  });

  for (const entry of entries) {
    it(`${entry.id} (${entry.handler})`, async () => {
      const variables = variablesById.get(entry.id);
      expect(variables, `no Lambda found for ${entry.id}`).toBeDefined();
      for (const name of Object.values(ENV)) delete process.env[name];
      for (const name of variables ?? []) process.env[name] = `test-${name.toLowerCase()}`;
      process.env.AWS_REGION = 'us-east-1';
      vi.resetModules();
      const module = (await import(`../../${entry.handler}`)) as { handler?: unknown };
      expect(typeof module.handler).toBe('function');
    });
  }
});
