import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { stateMachineArnEnv } from '#shared/config/env';
import type { DeploymentRunInput } from '#shared/deployments/lifecycle';

/** The state machine that runs deployments (statemachines/deployment-pipeline.asl.json). */
export const DEPLOYMENT_PIPELINE = 'DeploymentPipeline';

const stateMachineArn = process.env[stateMachineArnEnv(DEPLOYMENT_PIPELINE)];
if (!stateMachineArn)
  throw new Error(`Missing required environment variable ${stateMachineArnEnv(DEPLOYMENT_PIPELINE)}`);
const client = new SFNClient({});

/** Starts the run of a deployment; the execution is named after it, so a retry cannot start it twice. */
export async function startDeploymentExecution(projectId: string, deploymentId: string): Promise<string> {
  try {
    const result = await client.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: deploymentId,
        input: JSON.stringify({ projectId, deploymentId } satisfies DeploymentRunInput),
      }),
    );
    return result.executionArn!;
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') return executionArnOf(deploymentId);
    throw error;
  }
}

export async function stopDeploymentExecution(executionArn: string, cause: string): Promise<void> {
  await client.send(new StopExecutionCommand({ executionArn, error: 'DeploymentCancelled', cause }));
}

/** Completes a waiting task; false when the wait is already over (timed out, stopped, answered). */
export async function completeTask(taskToken: string, output: unknown): Promise<boolean> {
  return answered(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
}

/** Fails a waiting task with an error the state machine's Catch sees; false when the wait is over. */
export async function failTask(taskToken: string, error: string, cause: string): Promise<boolean> {
  return answered(() => client.send(new SendTaskFailureCommand({ taskToken, error, cause: cause.slice(0, 32_000) })));
}

async function answered(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken)
      return false;
    throw error;
  }
}

/** A deployment's run is the execution named after it. */
export function executionArnOf(deploymentId: string): string {
  return `${stateMachineArn!.replace(':stateMachine:', ':execution:')}:${deploymentId}`;
}

/** Whether an ARN is the state machine deployments run on here (not, say, another stage's). */
export function isDeploymentPipeline(arn: string): boolean {
  return arn === stateMachineArn;
}
