import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type BuildAppOptions, buildApp, type TrellisApp } from '#infra/app';
import type { Stage } from '#infra/config/stages';

/** The feature flags and settings of cdk.json, so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** A synthesis takes 1-5 s, more on a busy machine; hooks default to 10 s. */
export const SYNTH_TIMEOUT_MS = 120_000;

export interface SynthesizedStage extends TrellisApp {
  /** The main stack's template. */
  readonly main: Template;
  /** One template per service stack, keyed by service (`projects`, `activity`, ...). */
  readonly services: ReadonlyMap<string, Template>;
  /** The state machines' stack; undefined when there are none. */
  readonly workflows: Template | undefined;
  /** The main template, every service template and the workflows template. */
  readonly all: readonly Template[];
}

/**
 * Synthesizes one stage with the cdk.json context and bundling off (no esbuild in tests:
 * templates only), and returns its templates.
 */
export function synthesizeStage(stage: Stage, options: Omit<BuildAppOptions, 'app'> = {}): SynthesizedStage {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], stage } });
  const built = buildApp(stage, { ...options, app });
  const main = Template.fromStack(built.stack);
  const services = new Map(built.stack.services.map((service) => [service.service, Template.fromStack(service)]));
  const workflows = built.stack.workflows === undefined ? undefined : Template.fromStack(built.stack.workflows);
  return { ...built, main, services, workflows, all: [main, ...services.values(), ...(workflows ? [workflows] : [])] };
}
