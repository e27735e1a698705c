import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig, type StageConfig } from '#infra/config/stages';
import { TrellisStack } from '#infra/trellis-stack';
import type { RouteDefinition } from '#shared/api/routes';
import type { EventRuleDefinition } from '#shared/events/rules';
import type { StateMachineDefinition } from '#shared/workflows/state-machines';

export interface BuildAppOptions {
  /** @default a new App (context from cdk.json and `-c` when run by the CDK CLI) */
  readonly app?: App;
  /** `-c alarmEmails=a@x,b@y`: replaces the stage's alarm addresses. */
  readonly alarmEmails?: unknown;
  /** Check the app with cdk-nag AwsSolutions during synth; violations fail it. @default false */
  readonly nag?: boolean;
  /** Adjusts the validated stage config, for branches no stage uses yet (e.g. a custom domain). */
  readonly adjustConfig?: (config: StageConfig) => StageConfig;
  /** Replaces the route table (tests: routes that exercise a binding no real route has yet). @default ROUTES */
  readonly routes?: readonly RouteDefinition[];
  /** Replaces the event rules (tests: with fixture state machines, rules bound to real ones cannot be built). @default EVENT_RULES */
  readonly eventRules?: readonly EventRuleDefinition[];
  /** Replaces the state machine registry (tests: fixture definitions). @default STATE_MACHINES */
  readonly stateMachines?: readonly StateMachineDefinition[];
}

export interface TrellisApp {
  readonly app: App;
  readonly stack: TrellisStack;
  readonly config: StageConfig;
}

/** `Trellis-<stage>`: the stack (and CloudFormation stack) name of a stage. */
function stackNameOf(config: StageConfig): string {
  return `Trellis-${config.stage}`;
}

/**
 * Builds the CDK app for one stage: the bin entry and the tests call this, so what the tests
 * assert is what `cdk deploy` deploys.
 */
export function buildApp(stage: unknown, options: BuildAppOptions = {}): TrellisApp {
  const app = options.app ?? new App();
  const loaded = loadStageConfig(stage, { alarmEmails: options.alarmEmails });
  const config = options.adjustConfig === undefined ? loaded : options.adjustConfig(loaded);
  if (options.nag === true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  const stack = new TrellisStack(app, stackNameOf(config), {
    stackName: stackNameOf(config),
    description: `Trellis ${config.stage}: shared resources (auth, data, events, API, monitoring)`,
    config,
    // Prod keeps data; refusing `cdk destroy` on it is the cheapest guard.
    terminationProtection: config.retainData,
    tags: { project: 'trellis', stage: config.stage },
    routes: options.routes,
    eventRules: options.eventRules,
    stateMachines: options.stateMachines,
  });
  return { app, stack, config };
}
