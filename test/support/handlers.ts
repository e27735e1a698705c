import { inject } from 'vitest';
import { applyHandlerEnvironment, handlerEnvironment } from '../../scripts/local/aws-env.ts';
import { createHandlerLoader, createLambdaContext } from '../../scripts/local/lambda-runtime.ts';

/**
 * The handler in `handlerFile` (from the repository root, as in the route table and event
 * rules) run in this process, configured as the stack configures the function `functionName`:
 * each call gets its own context with 30 s to go.
 */
export async function inProcessHandler(
  handlerFile: string,
  functionName: string,
): Promise<(event: unknown) => Promise<unknown>> {
  applyHandlerEnvironment(handlerEnvironment(inject('endpoints'), inject('resources'), 'WARN'));
  const loaded = await createHandlerLoader()(handlerFile);
  return async (event) => loaded.handler(event, createLambdaContext(functionName, loaded, 30_000));
}
