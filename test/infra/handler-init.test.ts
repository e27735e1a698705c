import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '#shared/api/routes';
import { ENV } from '#shared/config/env';
import { EVENT_RULES } from '#shared/events/rules';
import { SEARCH_INDEX_QUEUE } from '#shared/search/index-queue';
import { STATE_MACHINES } from '#shared/workflows/state-machines';
import { type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import { resourceById } from './support/templates.ts';

// Handlers read their configuration at module scope and fail at init when a variable is
// missing. This proves each one initializes with exactly the environment the stack gives
// its Lambda — a shared module that reaches for a resource the route was not granted
// (say, the event bus from a read-only route) fails here instead of in AWS. Routes, event
// consumers and state machine tasks alike, each found by the name its TrellisFunction has.
const entries = [
  ...ROUTES.map((route) => ({ kind: 'route', name: route.id, handler: route.handler })),
  ...EVENT_RULES.map((rule) => ({ kind: 'consumer', name: rule.id, handler: rule.target.handler })),
  { kind: 'consumer', name: SEARCH_INDEX_QUEUE.consumerId, handler: SEARCH_INDEX_QUEUE.handler },
  ...STATE_MACHINES.flatMap((definition) =>
    Object.entries(definition.tasks).map(([task, { handler }]) => ({
      kind: 'task',
      name: `${definition.id}-${task}`,
      handler,
    })),
  ),
];

/** Variables a handler may read besides the ENV names: one per state machine (`stateMachineArnEnv`). */
const STATE_MACHINE_ARN_VARIABLE = /^STATE_MACHINE_ARN_/;

describe('every handler initializes with only the environment its Lambda gets', () => {
  let stage: SynthesizedStage;
  const variablesByName = new Map<string, string[]>();
  const savedEnv = { ...process.env };

  beforeAll(() => {
    stage = synthesizeStage('dev');
    for (const fn of stage.stack.functions) {
      const stack = Stack.of(fn);
      const template: Template | undefined =
        stack === stage.stack
          ? stage.main
          : stack === stage.stack.workflows
            ? stage.workflows
            : stage.services.get(fn.service);
      if (template === undefined) throw new Error(`No template for ${fn.node.path}`);
      const lambda = resourceById(template, stack.getLogicalId(fn.function.node.defaultChild as CfnElement));
      const environment = lambda.Properties.Environment as { Variables?: Record<string, unknown> } | undefined;
      if (variablesByName.has(fn.name)) throw new Error(`Two Lambdas are named ${fn.name}`);
      variablesByName.set(fn.name, Object.keys(environment?.Variables ?? {}));
    }
  });

  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('covers every Lambda of the stage, tasks included', () => {
    expect([...variablesByName.keys()].sort()).toEqual(entries.map((entry) => entry.name).sort());
    expect(entries.filter((entry) => entry.kind === 'task').length).toBe(
      STATE_MACHINES.reduce((count, definition) => count + Object.keys(definition.tasks).length, 0),
    );
  });

  for (const entry of entries) {
    it(`${entry.kind} ${entry.name} (${entry.handler})`, async () => {
      const variables = variablesByName.get(entry.name);
      expect(variables, `no Lambda found for ${entry.name}`).toBeDefined();
      for (const name of Object.values(ENV)) delete process.env[name];
      for (const name of Object.keys(process.env).filter((key) => STATE_MACHINE_ARN_VARIABLE.test(key))) {
        delete process.env[name];
      }
      for (const name of variables ?? []) process.env[name] = `test-${name.toLowerCase()}`;
      process.env.AWS_REGION = 'us-east-1';
      vi.resetModules();
      const module = (await import(`../../${entry.handler}`)) as { handler?: unknown };
      expect(typeof module.handler).toBe('function');
    });
  }
});
