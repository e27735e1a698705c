import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { REPO_ROOT } from '#infra/config/paths';
import type { StageConfig } from '#infra/config/stages';
import { ALARM_PERIOD, createStageAlarm } from '#infra/constructs/alarms';
import { acknowledgeNag, nagResourceName } from '#infra/constructs/nag';
import { importPlatform, type PlatformResources } from '#infra/constructs/platform';
import { logRetentionOf, namePrefixOf, removalPolicyOf } from '#infra/constructs/stage-defaults';
import {
  executionsArnOf,
  RESOLVE_STATE_MACHINE,
  type StateMachineReference,
  type StateMachineScope,
  TrellisFunction,
} from '#infra/constructs/trellis-function';
import type { StateMachineDefinition } from '#shared/workflows/state-machines';

/** `trellis-<stage>-<Id>`: the physical name of a state machine, known before it exists. */
export function stateMachineNameOf(config: StageConfig, stateMachineId: string): string {
  return `${namePrefixOf(config)}-${stateMachineId}`;
}

/** The ARN of a named state machine, formatted in `scope`'s stack (no reference to the machine itself). */
function stateMachineArnOf(scope: IConstruct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * Orders definitions so that every machine comes after the machines it starts (its
 * `stateMachines` substitutions), and refuses unknown ids, duplicates and cycles.
 */
function inDependencyOrder(definitions: readonly StateMachineDefinition[]): StateMachineDefinition[] {
  const byId = new Map<string, StateMachineDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw new Error(`State machine ${definition.id} is defined twice`);
    byId.set(definition.id, definition);
  }
  const ordered: StateMachineDefinition[] = [];
  const done = new Set<string>();
  const visit = (definition: StateMachineDefinition, path: readonly string[]): void => {
    if (done.has(definition.id)) return;
    if (path.includes(definition.id)) {
      throw new Error(`State machines start each other in a cycle: ${[...path, definition.id].join(' → ')}`);
    }
    for (const childId of Object.values(definition.stateMachines ?? {})) {
      const child = byId.get(childId);
      if (child === undefined) {
        throw new Error(`State machine ${definition.id} starts ${childId}, which is not in the list of state machines`);
      }
      visit(child, [...path, definition.id]);
    }
    done.add(definition.id);
    ordered.push(definition);
  };
  for (const definition of definitions) visit(definition, []);
  return ordered;
}

/** The EventBridge rule Step Functions manages to learn that a child started with `.sync` has ended. */
const SYNC_EXECUTION_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

/** The DynamoDB item operations a definition may call directly, by their ASL API name. */
const DYNAMODB_ACTIONS: Readonly<Record<string, string>> = {
  getItem: 'dynamodb:GetItem',
  putItem: 'dynamodb:PutItem',
  updateItem: 'dynamodb:UpdateItem',
  deleteItem: 'dynamodb:DeleteItem',
};

/** What a definition's Task states call besides its Lambda tasks, as the grants need it. */
export interface WorkflowIntegrations {
  /** `dynamodb:GetItem`, ... on the platform table. */
  readonly dynamodbActions: ReadonlySet<string>;
  readonly putsEvents: boolean;
  /** Substitution names of the machines it starts, and whether it waits for them (`.sync`). */
  readonly startedStateMachines: ReadonlyMap<string, { readonly sync: boolean }>;
}

interface TaskState {
  readonly name: string;
  readonly resource: string;
  readonly parameters: Record<string, unknown>;
}

/**
 * Reads the Task states of an ASL definition (JSONPath) and returns the integrations they use,
 * checking that each one names a resource of the definition through its substitutions. An
 * integration this function does not know fails synth: it could not be granted.
 */
function integrationsOf(definition: StateMachineDefinition, asl: unknown): WorkflowIntegrations {
  const dynamodbActions = new Set<string>();
  let putsEvents = false;
  const startedStateMachines = new Map<string, { sync: boolean }>();
  const where = (state: TaskState) => `${definition.id} (${definition.definitionFile}), state "${state.name}"`;
  const substitutionIn = (state: TaskState, field: string, allowed: readonly string[], what: string): string => {
    const name = substitutionName(state.parameters[field]);
    if (name === undefined || !allowed.includes(name)) {
      throw new Error(
        `${where(state)}: ${field} must be one of the \${Name} substitutions for ${what} (${allowed.join(', ') || 'none declared'}), got ${JSON.stringify(state.parameters[field] ?? state.parameters[`${field}.$`])}`,
      );
    }
    return name;
  };
  const tasks = Object.keys(definition.tasks);
  const resourcesOfKind = (kind: string) =>
    Object.entries(definition.resources ?? {})
      .filter(([, resource]) => resource === kind)
      .map(([name]) => name);

  for (const state of taskStatesOf(asl)) {
    const direct = substitutionName(state.resource);
    if (direct !== undefined) {
      if (!tasks.includes(direct)) {
        throw new Error(`${where(state)}: Resource \${${direct}} is not one of its tasks (${tasks.join(', ')})`);
      }
      continue;
    }
    const integration = /^arn:aws(?:-[a-z]+)*:states:::([a-z0-9-]+):([A-Za-z]+)((?:\.[A-Za-z]+)?(?::2)?)$/.exec(
      state.resource,
    );
    const [, service, api, pattern = ''] = integration ?? [];
    const integrationName = `${service}:${api}${pattern}`;
    if (service === 'lambda' && api === 'invoke' && ['', '.waitForTaskToken'].includes(pattern)) {
      substitutionIn(state, 'FunctionName', tasks, 'its tasks');
    } else if (service === 'dynamodb' && api !== undefined && DYNAMODB_ACTIONS[api] !== undefined && pattern === '') {
      substitutionIn(state, 'TableName', resourcesOfKind('tableName'), 'the table');
      dynamodbActions.add(DYNAMODB_ACTIONS[api]);
    } else if (service === 'events' && api === 'putEvents' && ['', '.waitForTaskToken'].includes(pattern)) {
      const entries = state.parameters.Entries;
      if (!Array.isArray(entries) || entries.length === 0) {
        throw new Error(`${where(state)}: Entries must be a literal list, so that each EventBusName can be checked`);
      }
      for (const entry of entries) {
        substitutionIn(
          { ...state, parameters: entry as Record<string, unknown> },
          'EventBusName',
          resourcesOfKind('eventBusName'),
          'the event bus',
        );
      }
      putsEvents = true;
    } else if (
      service === 'states' &&
      api === 'startExecution' &&
      ['', '.sync', '.sync:2', '.waitForTaskToken'].includes(pattern)
    ) {
      const child = substitutionIn(
        state,
        'StateMachineArn',
        Object.keys(definition.stateMachines ?? {}),
        'its state machines',
      );
      const sync = pattern.startsWith('.sync');
      startedStateMachines.set(child, { sync: sync || (startedStateMachines.get(child)?.sync ?? false) });
    } else {
      throw new Error(
        `${where(state)}: integration ${integration === null ? state.resource : integrationName} is not one the workflows construct can grant; add it to infra/constructs/workflows.ts (integrationsOf) with the IAM actions AWS documents for it`,
      );
    }
  }
  return { dynamodbActions, putsEvents, startedStateMachines };
}

/** Every Task state, including those inside Parallel branches and Map item processors. */
function taskStatesOf(asl: unknown): TaskState[] {
  const found: TaskState[] = [];
  const walk = (machine: unknown): void => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | undefined)?.States ?? {};
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') {
        found.push({
          name,
          resource: String(state.Resource),
          parameters: (state.Parameters as Record<string, unknown> | undefined) ?? {},
        });
      }
      for (const branch of (state.Branches as unknown[] | undefined) ?? []) walk(branch);
      if (state.ItemProcessor !== undefined) walk(state.ItemProcessor);
      if (state.Iterator !== undefined) walk(state.Iterator);
    }
  };
  walk(asl);
  return found;
}

/** `"${Name}"` → `Name`; anything else → undefined. */
function substitutionName(value: unknown): string | undefined {
  return typeof value === 'string' ? /^\$\{([A-Za-z0-9_]+)\}$/.exec(value)?.[1] : undefined;
}

/** Every `${Name}` placeholder of a definition's text. */
function placeholdersOf(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1] ?? ''));
}

export interface WorkflowProps {
  readonly definition: StateMachineDefinition;
  readonly config: StageConfig;
  readonly platform: PlatformResources;
  /** The machines this one starts (the ids of its `stateMachines` substitutions), created before it. */
  readonly children: ReadonlyMap<string, Workflow>;
}

/**
 * One STATE_MACHINES entry: a Lambda per task, the STANDARD state machine loaded from its ASL
 * file with every `${Name}` substituted, its log group (ALL, with execution data) and X-Ray
 * tracing, a role that may do exactly what the definition's Task states call, and alarms on
 * failed and timed-out executions.
 */
export class Workflow extends Construct {
  public readonly id: string;
  /** `trellis-<stage>-<Id>` */
  public readonly stateMachineName: string;
  public readonly stateMachine: sfn.StateMachine;
  /** Task Lambdas by substitution name. */
  public readonly tasks: ReadonlyMap<string, TrellisFunction>;
  public readonly logGroup: logs.LogGroup;
  public readonly integrations: WorkflowIntegrations;
  /** Fires on any failed execution. */
  public readonly failedAlarm: cloudwatch.Alarm;
  /** Fires on any execution that ran past its TimeoutSeconds. */
  public readonly timedOutAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { definition, config, platform } = props;
    this.id = definition.id;
    this.stateMachineName = stateMachineNameOf(config, definition.id);
    const definitionPath = join(REPO_ROOT, definition.definitionFile);
    const { text, asl } = readDefinition(definition, definitionPath);

    this.tasks = new Map(
      Object.entries(definition.tasks).map(([name, task]) => [
        name,
        new TrellisFunction(this, name, {
          name: `${definition.id}-${name}`,
          entry: task.handler,
          description: `Task ${name} of the ${definition.id} state machine`,
          invokedBy: 'workflow',
          access: task.access,
          platform,
          config,
          ...(task.timeoutSeconds === undefined ? {} : { timeout: Duration.seconds(task.timeoutSeconds) }),
          ...(task.memoryMb === undefined ? {} : { memorySize: task.memoryMb }),
          ...(task.packageFiles === undefined ? {} : { packageFiles: task.packageFiles }),
        }),
      ]),
    );
    const children = new Map(
      Object.entries(definition.stateMachines ?? {}).map(([name, childId]) => {
        const child = props.children.get(childId);
        if (child === undefined) throw new Error(`${definition.id}: state machine ${childId} must be created first`);
        return [name, child];
      }),
    );
    const resources = {
      tableName: platform.table.tableName,
      eventBusName: platform.eventBus.eventBusName,
      artifactsBucket: platform.artifactsBucket.bucketName,
    };
    const substitutions: Record<string, string> = {};
    const substitute = (name: string, value: string) => {
      if (name in substitutions) throw new Error(`${definition.id}: substitution \${${name}} is declared twice`);
      substitutions[name] = value;
    };
    for (const [name, task] of this.tasks) substitute(name, task.function.functionArn);
    for (const [name, kind] of Object.entries(definition.resources ?? {})) substitute(name, resources[kind]);
    for (const [name, child] of children) substitute(name, child.stateMachine.stateMachineArn);
    checkPlaceholders(definition, text, Object.keys(substitutions));
    this.integrations = integrationsOf(definition, asl);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(definitionPath),
      definitionSubstitutions: substitutions,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    this.grantIntegrations(platform, children);
    acknowledgeNag(
      this.stateMachine,
      'AwsSolutions-IAM5[Resource::*]',
      'Log delivery to CloudWatch Logs (logs:CreateLogDelivery and related) and X-Ray tracing support no resource-level permissions; Step Functions needs them for logging ALL and tracing',
    );

    const alarm = (alarmId: string, suffix: string, description: string, metric: cloudwatch.IMetric) =>
      createStageAlarm(this, alarmId, {
        config,
        alarmTopic: platform.alarmTopic,
        name: `${definition.id}-${suffix}`,
        description,
        metric,
      });
    const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };
    this.failedAlarm = alarm(
      'ExecutionsFailedAlarm',
      'executions-failed',
      `An execution of ${definition.id} failed`,
      this.stateMachine.metricFailed(sum),
    );
    this.timedOutAlarm = alarm(
      'ExecutionsTimedOutAlarm',
      'executions-timed-out',
      `An execution of ${definition.id} ran out of time`,
      this.stateMachine.metricTimedOut(sum),
    );
  }

  /** What the execution role needs for its Task states, and nothing else: no wildcard actions. */
  private grantIntegrations(platform: PlatformResources, children: ReadonlyMap<string, Workflow>): void {
    const allow = (actions: string[], resources: string[]) =>
      this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
    // Not grantInvoke: it adds `<arn>:*` (every version and alias), and the definitions invoke
    // the unqualified ARNs they are given.
    if (this.tasks.size > 0) {
      allow(
        ['lambda:InvokeFunction'],
        [...this.tasks.values()].map((task) => task.function.functionArn),
      );
    }
    const { dynamodbActions, putsEvents, startedStateMachines } = this.integrations;
    if (dynamodbActions.size > 0) allow([...dynamodbActions].sort(), [platform.table.tableArn]);
    if (putsEvents) allow(['events:PutEvents'], [platform.eventBus.eventBusArn]);
    let waitsForChildren = false;
    for (const [name, { sync }] of startedStateMachines) {
      const child = children.get(name)!;
      allow(['states:StartExecution'], [child.stateMachine.stateMachineArn]);
      if (sync) {
        waitsForChildren = true;
        const executions = executionsArnOf(this, child.stateMachineName);
        allow(['states:DescribeExecution', 'states:StopExecution'], [executions]);
        acknowledgeNag(
          this.stateMachine,
          `AwsSolutions-IAM5[Resource::${nagResourceName(this, this, executions)}]`,
          `Waiting for ${child.id} (.sync) means describing and stopping executions whose names are chosen at start; the wildcard covers that one machine's executions only`,
        );
      }
    }
    if (waitsForChildren) {
      // How Step Functions learns that a child execution ended (AWS documents this rule for .sync).
      allow(
        ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        [Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName: SYNC_EXECUTION_RULE })],
      );
    }
  }
}

function readDefinition(definition: StateMachineDefinition, path: string): { text: string; asl: unknown } {
  try {
    const text = readFileSync(path, 'utf8');
    return { text, asl: JSON.parse(text) };
  } catch (error) {
    throw new Error(`${definition.id}: cannot read ${definition.definitionFile}: ${(error as Error).message}`);
  }
}

/** Every placeholder has a value and every declared substitution is used: otherwise CloudFormation or the execution fails later. */
function checkPlaceholders(definition: StateMachineDefinition, text: string, declared: readonly string[]): void {
  const used = placeholdersOf(text);
  const missing = [...used].filter((name) => !declared.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `${definition.id} (${definition.definitionFile}) uses ${missing.map((name) => `\${${name}}`).join(', ')}, which is neither a task, a resource nor a state machine of its definition`,
    );
  }
  const unused = declared.filter((name) => !used.has(name));
  if (unused.length > 0) {
    throw new Error(`${definition.id} declares ${unused.join(', ')}, which ${definition.definitionFile} never uses`);
  }
}

export interface WorkflowsStackProps {
  readonly definitions: readonly StateMachineDefinition[];
  readonly config: StageConfig;
  /** The main stack's shared resources; re-imported here under named parameters. */
  readonly platform: PlatformResources;
}

/**
 * The platform's state machines and their task Lambdas, in a nested stack of their own (a
 * machine with its role, policy, log group and alarms plus ~6 resources per task would crowd
 * the main stack). Machines are created after the machines they start.
 *
 * Machines carry fixed names (`trellis-<stage>-<Id>`), so a task Lambda here may be given the
 * ARN of the machine it belongs to without a circular reference; service stacks receive the
 * ARNs they need as named parameters (see ServiceStack).
 */
export class WorkflowsStack extends NestedStack implements StateMachineScope {
  /** By STATE_MACHINES id, in dependency order. */
  public readonly workflows = new Map<string, Workflow>();
  private readonly config: StageConfig;
  private readonly known: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    const { config } = props;
    super(scope, id, { description: `Trellis ${config.stage}: state machines and their task Lambdas` });
    this.config = config;
    const ordered = inDependencyOrder(props.definitions);
    this.known = new Set(ordered.map((definition) => definition.id));
    const platform = importPlatform(this, props.platform);
    for (const definition of ordered) {
      this.workflows.set(
        definition.id,
        new Workflow(this, definition.id, { definition, config, platform, children: this.workflows }),
      );
    }
  }

  /**
   * A machine of this stack by name rather than by reference, so that a task may start or
   * answer the machine it belongs to (a reference would be circular).
   */
  public [RESOLVE_STATE_MACHINE](stateMachineId: string): StateMachineReference {
    if (!this.known.has(stateMachineId)) throw unknownStateMachine(stateMachineId, this.known);
    const stateMachineName = stateMachineNameOf(this.config, stateMachineId);
    return { stateMachineArn: stateMachineArnOf(this, stateMachineName), stateMachineName };
  }

  /** Every task Lambda, machine by machine. */
  public get functions(): TrellisFunction[] {
    return [...this.workflows.values()].flatMap((workflow) => [...workflow.tasks.values()]);
  }
}

/** The error for a `stateMachines` entry no definition has. */
export function unknownStateMachine(stateMachineId: string, known: Iterable<string>): Error {
  const ids = [...known].sort();
  return new Error(
    `Unknown state machine ${stateMachineId}: STATE_MACHINES has ${ids.length === 0 ? 'none' : ids.join(', ')}`,
  );
}
