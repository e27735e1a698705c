import { randomBytes, randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-env.ts';

/** A Lambda handler as our functions export it (async, two arguments). */
export type LambdaHandler = (event: unknown, context: Context) => unknown;

/** Loads a handler by its entry path (as in the route table and event rules). */
export type HandlerLoader = (handlerFile: string) => Promise<LoadedHandler>;

export interface LoadedHandler {
  handler: LambdaHandler;
  /** Stands for one warm Lambda instance: fixed from the cold start on. */
  logStreamName: string;
  /** True for the first invocation after the cold start, then false. */
  takeColdStart(): boolean;
  initDurationMs: number;
}

/** The repository root, against which handler paths in the route table are resolved. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');

function logStreamName(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * Imports handler modules lazily, on their first invocation, and keeps them: the import is
 * the local "cold start" (module-scope clients and config run then, as in Lambda). A
 * module whose init throws is not cached, so the next invocation retries the init, as
 * Lambda does after an init error.
 */
export function createHandlerLoader(root: string = REPOSITORY_ROOT): HandlerLoader {
  const cache = new Map<string, Promise<LoadedHandler>>();
  return (handlerFile) => {
    let loading = cache.get(handlerFile);
    if (!loading) {
      loading = importHandler(root, handlerFile);
      cache.set(handlerFile, loading);
      loading.catch(() => cache.delete(handlerFile));
    }
    return loading;
  };
}

async function importHandler(root: string, handlerFile: string): Promise<LoadedHandler> {
  const started = performance.now();
  const path = isAbsolute(handlerFile) ? handlerFile : resolve(root, handlerFile);
  const module = (await import(pathToFileURL(path).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    throw new Error(`${handlerFile} does not export a handler function`);
  }
  return wrapHandler(module.handler as LambdaHandler, performance.now() - started);
}

/** Wraps an in-memory handler function as a loaded one (tests inject handlers this way). */
export function wrapHandler(handler: LambdaHandler, initDurationMs = 0): LoadedHandler {
  let cold = true;
  return {
    handler,
    logStreamName: logStreamName(),
    initDurationMs,
    takeColdStart() {
      const wasCold = cold;
      cold = false;
      return wasCold;
    },
  };
}

/**
 * A Lambda context object for one invocation. `functionName` is the route or rule id (the
 * name of the construct the CDK stack creates for it); the remaining time counts down from
 * `timeoutMs`.
 */
export function createLambdaContext(functionName: string, loaded: LoadedHandler, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported locally: return or throw from the async handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: loaded.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

/** What `invokeWithTimeout` answers when the handler outlives its timeout. */
export const TIMED_OUT = Symbol('timed out');

/**
 * Runs one invocation with a fresh context, as Lambda would. A handler that outlives
 * `timeoutMs` answers TIMED_OUT; its promise is abandoned, as Lambda abandons the work.
 */
export async function invokeWithTimeout(
  functionName: string,
  loaded: LoadedHandler,
  event: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const context = createLambdaContext(functionName, loaded, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => loaded.handler(event, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
