import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type StateMachineDefinition as EngineDefinition, StateMachine } from 'aws-local-stepfunctions';
import type { StateMachineDefinition } from '#shared/workflows/state-machines';
import { LOCAL_ACCOUNT_ID, LOCAL_NAME_PREFIX, LOCAL_REGION } from '../aws-env.ts';
import { REPOSITORY_ROOT } from '../lambda-runtime.ts';
import { parseTaskResource, type TaskResource } from './task-resources.ts';

/** The local names `resources` substitutions resolve to (the CDK stack substitutes the real ones). */
export interface ResourceNames {
  tableName: string;
  eventBusName: string;
  artifactsBucket: string;
}

/** The Wait state fields the runtime reads to remember when a wait ends. */
export interface WaitState {
  InputPath?: string | null;
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
}

/** What the runtime needs to know about a Task state beyond what the engine does with it. */
export interface LocalTaskState {
  resource: TaskResource;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Reference paths into the state's input, for timeouts chosen per execution. */
  timeoutSecondsPath?: string;
  heartbeatSecondsPath?: string;
  /** Inside a Map's item processor: its occurrences run concurrently, in no fixed order. */
  inMap: boolean;
}

/** A state machine ready to run locally. */
export interface LocalStateMachine {
  id: string;
  /** `trellis-local-<id>`: what the context object and event names call it. */
  name: string;
  arn: string;
  /** A digest of the substituted definition: a replay can tell the file changed since the execution started. */
  revision: string;
  engine: StateMachine;
  /** Task and Wait states by name; names are unique across the machine, nested states included. */
  tasks: ReadonlyMap<string, LocalTaskState>;
  waits: ReadonlyMap<string, WaitState>;
  /** The machine's TimeoutSeconds; enforced by the runtime so that a restart does not reset it. */
  timeoutSeconds?: number;
}

export interface LoadedStateMachines {
  /** By state machine ARN. */
  machines: Map<string, LocalStateMachine>;
  /** Task Lambda function name (`<StateMachineId>-<TaskName>`) → handler file. */
  functions: Map<string, string>;
  /** Task Lambda function name → its own timeout (ms), for tasks that set `timeoutSeconds`. */
  functionTimeoutsMs: Map<string, number>;
}

/**
 * What the engine is told a task's TimeoutSeconds is: the longest a Node.js timer can wait.
 * The runtime enforces the real TimeoutSeconds itself (it has to: after a restart only the
 * remaining time is left, and heartbeats need timers of their own); the engine's own
 * per-task timer, 60 s when a state sets none, must never fire first.
 */
const ENGINE_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const ARN_PREFIX = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}`;

/** `DeploymentPipeline` → `trellis-local-DeploymentPipeline`, as the stack names it `trellis-<stage>-<id>`. */
function stateMachineName(stateMachineId: string): string {
  return `${LOCAL_NAME_PREFIX}-${stateMachineId}`;
}

export function stateMachineArn(stateMachineId: string): string {
  return `${ARN_PREFIX}:stateMachine:${stateMachineName(stateMachineId)}`;
}

/** Whether a string is a state machine ARN of this account and region (defined here or not). */
export function isStateMachineArn(arn: string): boolean {
  const prefix = `${ARN_PREFIX}:stateMachine:`;
  return arn.startsWith(prefix) && arn.length > prefix.length;
}

/** The state machine id an ARN of ours names, or undefined for any other string. */
export function stateMachineIdOf(arn: string): string | undefined {
  const prefix = `${ARN_PREFIX}:stateMachine:${LOCAL_NAME_PREFIX}-`;
  return arn.startsWith(prefix) && arn.length > prefix.length ? arn.slice(prefix.length) : undefined;
}

export function executionArn(stateMachineId: string, executionName: string): string {
  return `${ARN_PREFIX}:execution:${stateMachineName(stateMachineId)}:${executionName}`;
}

/**
 * Until the local machines were named like the stack's, an ARN named the machine by its id
 * (`…:stateMachine:<id>`, `…:execution:<id>:<name>`). Executions stored then are loaded under
 * the current ARNs; these are the old ones, for requests that still use them.
 */
export function legacyExecutionArn(stateMachineId: string, executionName: string): string {
  return `${ARN_PREFIX}:execution:${stateMachineId}:${executionName}`;
}

/** The Lambda the CDK stack creates for a task is named after its machine and task. */
function taskFunctionName(stateMachineId: string, taskName: string): string {
  return `${stateMachineId}-${taskName}`;
}

export function lambdaFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** `${Name}` → value, as the CDK stack passes them in DefinitionSubstitutions. */
function definitionSubstitutions(
  definition: StateMachineDefinition,
  known: ReadonlySet<string>,
  resourceNames: ResourceNames,
): Record<string, string> {
  const substitutions: Record<string, string> = {};
  for (const taskName of Object.keys(definition.tasks)) {
    substitutions[taskName] = lambdaFunctionArn(taskFunctionName(definition.id, taskName));
  }
  for (const [name, resource] of Object.entries(definition.resources ?? {})) {
    substitutions[name] = resourceNames[resource];
  }
  for (const [name, otherId] of Object.entries(definition.stateMachines ?? {})) {
    if (!known.has(otherId)) {
      throw new Error(`${definition.id}: stateMachines.${name} refers to ${otherId}, which is not in the list`);
    }
    substitutions[name] = stateMachineArn(otherId);
  }
  return substitutions;
}

/** The ASL of a definition with its local substitutions applied: what local mode runs. */
export async function renderDefinition(
  definition: StateMachineDefinition,
  all: readonly StateMachineDefinition[],
  resourceNames: ResourceNames,
  root: string = REPOSITORY_ROOT,
): Promise<Record<string, unknown>> {
  const substitutions = definitionSubstitutions(definition, new Set(all.map(({ id }) => id)), resourceNames);
  const text = await readFile(resolve(root, definition.definitionFile), 'utf8');
  // Unknown placeholders stay as they are, as in CloudFormation; an unresolved Resource fails parseTaskResource.
  return JSON.parse(text.replace(/\$\{(\w+)\}/g, (placeholder, name: string) => substitutions[name] ?? placeholder));
}

/** Loads and substitutes every definition; one with a task local mode cannot run fails the start. */
export async function loadStateMachines(
  definitions: readonly StateMachineDefinition[],
  resourceNames: ResourceNames,
  root: string = REPOSITORY_ROOT,
): Promise<LoadedStateMachines> {
  const machines = new Map<string, LocalStateMachine>();
  const functions = new Map<string, string>();
  const functionTimeoutsMs = new Map<string, number>();
  for (const definition of definitions) {
    for (const [taskName, task] of Object.entries(definition.tasks)) {
      functions.set(taskFunctionName(definition.id, taskName), task.handler);
      if (task.timeoutSeconds !== undefined) {
        functionTimeoutsMs.set(taskFunctionName(definition.id, taskName), task.timeoutSeconds * 1000);
      }
    }
    const asl = await renderDefinition(definition, definitions, resourceNames, root);
    try {
      machines.set(stateMachineArn(definition.id), prepare(definition.id, asl));
    } catch (error) {
      throw new Error(`${definition.id} (${definition.definitionFile}): ${(error as Error).message}`);
    }
  }
  return { machines, functions, functionTimeoutsMs };
}

type AslState = Record<string, unknown> & { Type?: unknown };
type AslStates = Record<string, AslState>;

/** Indexes the states and hands the engine a copy whose task and execution timeouts are ours to enforce. */
function prepare(id: string, asl: Record<string, unknown>): LocalStateMachine {
  const engineAsl = structuredClone(asl);
  const tasks = new Map<string, LocalTaskState>();
  const waits = new Map<string, WaitState>();
  const names = new Set<string>();
  const visit = (states: AslStates, inMap: boolean) => {
    for (const [name, state] of Object.entries(states)) {
      // Replay keys tasks by state name, and AWS requires unique names anyway.
      if (names.has(name)) throw new Error(`state name ${name} is used twice`);
      names.add(name);
      if (state.Type === 'Task') {
        tasks.set(name, {
          resource: parseTaskResource(String(state.Resource)),
          timeoutSeconds: state.TimeoutSeconds as number | undefined,
          heartbeatSeconds: state.HeartbeatSeconds as number | undefined,
          timeoutSecondsPath: state.TimeoutSecondsPath as string | undefined,
          heartbeatSecondsPath: state.HeartbeatSecondsPath as string | undefined,
          inMap,
        });
        // The engine would evaluate TimeoutSecondsPath against the task's Parameters, not the state input.
        delete state.TimeoutSecondsPath;
        delete state.HeartbeatSecondsPath;
        state.TimeoutSeconds = ENGINE_TASK_TIMEOUT_SECONDS;
      } else if (state.Type === 'Wait') {
        waits.set(name, state as WaitState);
      } else if (state.Type === 'Parallel') {
        for (const branch of state.Branches as Array<{ States: AslStates }>) visit(branch.States, inMap);
      } else if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as { States: AslStates };
        visit(processor.States, true);
      }
    }
  };
  visit(engineAsl.States as AslStates, false);
  const timeoutSeconds = engineAsl.TimeoutSeconds as number | undefined;
  delete engineAsl.TimeoutSeconds;
  return {
    id,
    name: stateMachineName(id),
    arn: stateMachineArn(id),
    revision: createHash('sha256').update(JSON.stringify(asl)).digest('hex').slice(0, 16),
    // Not validated again here: asl-validator takes about half a second per definition (it
    // compiles its schemas on every call), and the tests validate every ASL file with it.
    engine: new StateMachine(engineAsl as unknown as EngineDefinition, { validationOptions: { noValidate: true } }),
    tasks,
    waits,
    timeoutSeconds,
  };
}
