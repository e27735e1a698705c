import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { expect, inject } from 'vitest';
import type { Logger } from '../../scripts/local/log.ts';
import { stateMachineArn } from '../../scripts/local/step-functions/definitions.ts';
import {
  type LocalStepFunctions,
  type StepFunctionsOptions,
  startStepFunctions,
} from '../../scripts/local/step-functions/index.ts';
import { type PublishedEvent, readPublishedEvents } from './events.ts';
import { localStepFunctions } from './local-clients.ts';
import { pollUntil } from './poll.ts';

/** A logger that says nothing. */
export const SILENT_LOG: Logger = { level: 'ERROR', debug() {}, info() {}, warn() {}, error() {} };

/** What `resources` substitutions resolve to: the shared local stack's table, bus and bucket. */
export function stackResourceNames(): NonNullable<StepFunctionsOptions['resourceNames']> {
  const resources = inject('resources');
  return {
    tableName: resources.tableName,
    eventBusName: resources.eventBusName,
    artifactsBucket: resources.bucketName,
  };
}

export interface LocalEngine {
  stepFunctions: LocalStepFunctions;
  client: SFNClient;
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint of its own on `dataDir`, serving `definitions` against the shared
 * stack's resources (silent unless `log` is given), resumed, and a client for it. A
 * `loadHandler` resolves the task handlers (a test can wrap the real ones to inject faults).
 */
export async function startLocalEngine(
  dataDir: string,
  options: Pick<StepFunctionsOptions, 'definitions'> &
    Partial<Pick<StepFunctionsOptions, 'statusEvents' | 'log' | 'loadHandler'>>,
): Promise<LocalEngine> {
  const stepFunctions = await startStepFunctions({
    dataDir,
    resourceNames: stackResourceNames(),
    log: SILENT_LOG,
    ...options,
  });
  stepFunctions.resume();
  const client = localStepFunctions(stepFunctions.endpoint);
  return {
    stepFunctions,
    client,
    async stop() {
      client.destroy();
      await stepFunctions.stop();
    },
  };
}

/** Starts an execution of the machine `machine` with `input`; answers its ARN. */
export async function startExecution(
  client: SFNClient,
  machine: string,
  input: object,
  name?: string,
): Promise<string> {
  const started = await client.send(
    new StartExecutionCommand({ stateMachineArn: stateMachineArn(machine), input: JSON.stringify(input), name }),
  );
  return started.executionArn as string;
}

/** The execution once it is no longer RUNNING (waiting at most `timeoutMs`, default 10 s). */
export function closed(
  client: SFNClient,
  executionArn: string,
  timeoutMs?: number,
): Promise<DescribeExecutionCommandOutput> {
  return pollUntil(
    () => client.send(new DescribeExecutionCommand({ executionArn })),
    (execution) => execution.status !== 'RUNNING',
    { description: `${executionArn} to close`, timeoutMs },
  );
}

/** The execution `name` of the shared stack's machine `machine` (`DeploymentPipeline`, `TestRun`, ...). */
export function stackExecutionArn(machine: string, name: string): string {
  return `${inject('resources').stateMachineArns[machine]?.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** Stops an execution as an operator in the console would: StopExecution, no error, no cause. */
export async function stopAsOperator(client: SFNClient, executionArn: string): Promise<void> {
  await client.send(new StopExecutionCommand({ executionArn }));
  expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
}

/** The status-change event of an execution, as the local Step Functions put it on the default bus. */
export function statusChangeOf(executionArn: string): Promise<PublishedEvent> {
  return pollUntil(
    async () =>
      (await readPublishedEvents(inject('dataDir'))).find(
        (event) => event.source === 'aws.states' && event.resources.includes(executionArn),
      ),
    { description: `the status change of ${executionArn}` },
  ) as Promise<PublishedEvent>;
}
