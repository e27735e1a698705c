import { createRequire } from 'node:module';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import type { WorkflowsStack } from '#infra/constructs/workflows';
import { type CfnResource, getAttOf, resourceById, resourcesOf } from './templates.ts';

// asl-validator ships no type declarations.
/** asl-validator: whether an ASL definition is valid, and why not. */
export const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};

/** The logical id `owner` (a stack) gives the CloudFormation resource of `construct`. */
export function logicalIdIn(
  owner: { getLogicalId(element: CfnElement): string },
  construct: { node: { defaultChild?: unknown } },
): string {
  return owner.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The one state machine named `trellis-<stage>-<id>` in the template; fails the test unless there is exactly one. */
export function stateMachineOf(template: Template, id: string, stage = 'dev'): CfnResource {
  const machines = resourcesOf(template, 'AWS::StepFunctions::StateMachine').filter(
    (machine) => machine.Properties.StateMachineName === `trellis-${stage}-${id}`,
  );
  expect(machines, id).toHaveLength(1);
  return machines[0]!;
}

/** The Lambda function of task `task` of state machine `id` in the workflows stack. */
export function taskFunctionOf(stack: WorkflowsStack, template: Template, id: string, task: string): CfnResource {
  return resourceById(template, logicalIdIn(stack, stack.workflows.get(id)!.tasks.get(task)!.function));
}

/**
 * Asserts that a state machine is STANDARD, traced, and logs ALL with execution data;
 * answers the logical id of the log group it logs to.
 */
function expectStandardTracedLoggingAll(machine: CfnResource): string {
  expect(machine.Properties).toMatchObject({
    StateMachineType: 'STANDARD',
    TracingConfiguration: { Enabled: true },
    LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
  });
  const [destination] = (machine.Properties.LoggingConfiguration as { Destinations: unknown[] }).Destinations as {
    CloudWatchLogsLogGroup: { LogGroupArn: unknown };
  }[];
  return getAttOf(destination?.CloudWatchLogsLogGroup.LogGroupArn);
}

/**
 * Asserts that the machine `id` of the workflows stack is STANDARD, traced, and logs ALL with
 * execution data to its own log group; answers that log group.
 */
export function expectTracedLoggingToOwnGroup(stack: WorkflowsStack, template: Template, id: string): CfnResource {
  const logGroupId = expectStandardTracedLoggingAll(stateMachineOf(template, id));
  expect(logGroupId).toBe(logicalIdIn(stack, stack.workflows.get(id)!.logGroup));
  return resourceById(template, logGroupId);
}
