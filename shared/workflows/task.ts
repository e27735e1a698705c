import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#shared/observability';

/**
 * Wraps a state-machine task. Errors propagate with their class name as the Lambda error
 * type, which is what the state machine's Retry and Catch match on (`TargetUnreachable`,
 * `DeploymentNotActive`, ...); nothing is swallowed here.
 */
export function taskHandler<I, O>(run: (input: I) => Promise<O>) {
  return middy<I, O, Error, Context>(async (input: I) => run(input), { timeoutEarlyInMillis: 0 }).use({
    before: ({ context, event }) => {
      logger.addContext(context);
      const ids = event as { deploymentId?: string };
      if (ids.deploymentId) logger.appendKeys({ deploymentId: ids.deploymentId });
    },
  });
}
