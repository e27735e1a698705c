import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

/**
 * Starts an execution named `name` (a deployment's or a run's id). Step Functions refuses a
 * second execution of that name, so a retried start is a no-op that answers the ARN of the
 * one already started.
 */
export async function startNamedExecution(
  client: SFNClient,
  stateMachineArn: string,
  name: string,
  input: object,
): Promise<string> {
  try {
    const result = await client.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    return result.executionArn!;
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') return namedExecutionArn(stateMachineArn, name);
    throw error;
  }
}

/** The ARN of the execution named `name` of the state machine `stateMachineArn`. */
export function namedExecutionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
