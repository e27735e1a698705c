import { STATE_MACHINES, type StateMachineDefinition } from '#shared/workflows/state-machines';
import { LOCAL_RESOURCE_NAMES } from '../aws-env.ts';
import { createHandlerLoader, type HandlerLoader } from '../lambda-runtime.ts';
import type { Logger } from '../log.ts';
import { loadStateMachines, type ResourceNames, stateMachineArn } from './definitions.ts';
import { StepFunctionsEngine } from './engine.ts';
import { ServiceIntegrations } from './integrations.ts';
import { startProtocolServer } from './server.ts';
import type { StatusEventSink } from './status-events.ts';
import { ExecutionStore } from './store.ts';

/** How long a task's Lambda handler may run unless its task sets `timeoutSeconds`: the CDK construct's workflow default. */
const TASK_FUNCTION_TIMEOUT_MS = 60_000;

export interface StepFunctionsOptions {
  /** Executions live under `<dataDir>/stepfunctions/`; reused on restart. */
  dataDir: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** The state machines to serve; default STATE_MACHINES. */
  definitions?: readonly StateMachineDefinition[];
  /** What `resources` substitutions resolve to; default the local stack's names. */
  resourceNames?: ResourceNames;
  loadHandler?: HandlerLoader;
  log: Logger;
  /**
   * Where executions announce how they ended (`Step Functions Execution Status Change`,
   * SUCCEEDED, FAILED, TIMED_OUT or ABORTED), as Step Functions does on the account's default
   * bus; the local stack passes its EventBridge's default bus. None when absent.
   */
  statusEvents?: StatusEventSink;
}

export interface LocalStepFunctions {
  endpoint: string;
  /** State machine ARN by id. */
  stateMachineArns: Record<string, string>;
  /**
   * Continues the executions a previous process left RUNNING (replaying them) and returns how
   * many. Separate from the start so the caller can first point the handlers' SDK clients at
   * this endpoint: a resumed task may run a handler at once.
   */
  resume(): number;
  /** Stops serving; running executions stay RUNNING on disk and resume on the next start. */
  stop(): Promise<void>;
}

/** The ARN of each state machine by id, as local mode names them. */
export function stateMachineArnsById(
  definitions: readonly StateMachineDefinition[] = STATE_MACHINES,
): Record<string, string> {
  return Object.fromEntries(definitions.map(({ id }) => [id, stateMachineArn(id)]));
}

/**
 * The local Step Functions endpoint: the ASL files of `definitions`, with their
 * substitutions, on aws-local-stepfunctions, behind the AWS JSON protocol of the SDK's SFN
 * client; executions and their history persisted under the data folder.
 */
export async function startStepFunctions(options: StepFunctionsOptions): Promise<LocalStepFunctions> {
  const definitions = options.definitions ?? STATE_MACHINES;
  const { machines, functions, functionTimeoutsMs } = await loadStateMachines(
    definitions,
    options.resourceNames ?? {
      tableName: LOCAL_RESOURCE_NAMES.tableName,
      eventBusName: LOCAL_RESOURCE_NAMES.eventBusName,
      artifactsBucket: LOCAL_RESOURCE_NAMES.bucketName,
    },
  );
  const services = new ServiceIntegrations({
    loadHandler: options.loadHandler ?? createHandlerLoader(),
    functions,
    functionTimeoutMs: TASK_FUNCTION_TIMEOUT_MS,
    functionTimeoutsMs,
  });
  const engine = new StepFunctionsEngine(
    machines,
    new ExecutionStore(options.dataDir, options.log),
    services,
    options.log,
    options.statusEvents,
  );
  await engine.load();
  const server = await startProtocolServer(engine, { port: options.port, log: options.log });
  return {
    endpoint: server.endpoint,
    stateMachineArns: stateMachineArnsById(definitions),
    resume: () => engine.resume(),
    async stop() {
      await server.stop();
      await engine.shutdown();
    },
  };
}
