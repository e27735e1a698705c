import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#shared/observability';

/**
 * Wraps a state-machine task. Errors propagate with their class name as the Lambda error
 * type, which is what the state machine's Retry and Catch match on (`TargetUnreachable`,
 * `DeploymentNotActive`, ...); nothing is swallowed here. The Lambda context is passed on
 * for tasks that budget their time (`getRemainingTimeInMillis`).
 */
export function taskHandler<I, O>(run: (input: I, context: Context) => Promise<O>) {
  return middy<I, O, Error, Context>(async (input: I, context: Context) => run(input, context), {
    timeoutEarlyInMillis: 0,
  }).use({
    before: ({ context, event }) => {
      logger.addContext(context);
      const ids = event as { deploymentId?: string; runId?: string };
      if (ids.deploymentId) logger.appendKeys({ deploymentId: ids.deploymentId });
      if (ids.runId) logger.appendKeys({ runId: ids.runId });
    },
  });
}
