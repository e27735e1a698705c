import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { createLambdaContext, type HandlerLoader } from '../lambda-runtime.ts';
import { lambdaFunctionArn } from './definitions.ts';
import { lambdaFailure, TaskFailure } from './task-failure.ts';
import type { TaskResource } from './task-resources.ts';

export interface ServiceIntegrationOptions {
  loadHandler: HandlerLoader;
  /** Task Lambda function name → handler file. */
  functions: ReadonlyMap<string, string>;
  /** How long a task's Lambda may run: the function's own timeout, not the state's TimeoutSeconds. */
  functionTimeoutMs: number;
  /** Functions with a timeout of their own (a task's `timeoutSeconds`), by name. */
  functionTimeoutsMs?: ReadonlyMap<string, number>;
}

/**
 * The services a Task state calls, reached the way Step Functions reaches them: Lambda
 * handlers in-process (as the local gateway and bus invoke them), DynamoDB and EventBridge
 * through the real SDK clients, pointed at the local emulators by the AWS_ENDPOINT_URL_*
 * variables. Failures are thrown as TaskFailure with the error names Step Functions uses.
 */
export class ServiceIntegrations {
  // Created on first use: the caller sets the endpoint variables before executions run.
  private dynamodb?: DynamoDBClient;
  private eventBridge?: EventBridgeClient;

  constructor(private readonly options: ServiceIntegrationOptions) {}

  /** Performs the task's call and resolves with what the service answered (the task's raw result). */
  async call(resource: TaskResource, parameters: unknown): Promise<unknown> {
    const input = (parameters ?? {}) as Record<string, unknown>;
    switch (resource.integration) {
      case 'lambdaFunction':
        return this.invokeFunction(resource.functionArn, parameters);
      case 'lambda:invoke':
        return {
          ExecutedVersion: '$LATEST',
          Payload: await this.invokeFunction(input.FunctionName, input.Payload ?? {}),
          SdkHttpMetadata: { HttpStatusCode: 200 },
          SdkResponseMetadata: { RequestId: randomUUID() },
          StatusCode: 200,
        };
      case 'events:putEvents':
        return this.putEvents(input);
      case 'dynamodb:getItem':
      case 'dynamodb:putItem':
      case 'dynamodb:updateItem':
      case 'dynamodb:deleteItem':
        return this.callDynamoDb(resource.integration, input);
      case 'states:startExecution':
        throw new Error('startExecution tasks start a child execution: the execution runs them, not a service call');
    }
  }

  close(): void {
    this.dynamodb?.destroy();
    this.eventBridge?.destroy();
  }

  private async invokeFunction(functionRef: unknown, payload: unknown): Promise<unknown> {
    const name = functionNameOf(functionRef);
    const handlerFile = this.options.functions.get(name);
    if (handlerFile === undefined) {
      throw new TaskFailure(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${lambdaFunctionArn(name)} (not a task of any local state machine)`,
      );
    }
    const timeoutMs = this.options.functionTimeoutsMs?.get(name) ?? this.options.functionTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          // Step Functions reports a Lambda timeout as Lambda.Unknown (the function returned no error type).
          reject(new TaskFailure('Lambda.Unknown', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)),
        timeoutMs,
      );
    });
    try {
      const invocation = (async () => {
        const loaded = await this.options.loadHandler(handlerFile);
        loaded.takeColdStart();
        // A copy, as Lambda deserializes its own: a handler cannot change the execution's data.
        return loaded.handler(structuredClone(payload), createLambdaContext(name, loaded, timeoutMs));
      })().catch((error: unknown) => {
        throw lambdaFailure(error);
      });
      const result = await Promise.race([invocation, timedOut]);
      // What Lambda returns is JSON: undefined becomes null, class instances plain objects.
      return JSON.parse(JSON.stringify(result ?? null));
    } finally {
      clearTimeout(timer);
    }
  }

  private async callDynamoDb(
    action: Extract<TaskResource['integration'], `dynamodb:${string}`>,
    input: Record<string, unknown>,
  ): Promise<unknown> {
    this.dynamodb ??= new DynamoDBClient({});
    const client = this.dynamodb;
    try {
      const send = () => {
        switch (action) {
          case 'dynamodb:getItem':
            return client.send(new GetItemCommand(input as unknown as GetItemCommandInput));
          case 'dynamodb:putItem':
            return client.send(new PutItemCommand(input as unknown as PutItemCommandInput));
          case 'dynamodb:updateItem':
            return client.send(new UpdateItemCommand(input as unknown as UpdateItemCommandInput));
          case 'dynamodb:deleteItem':
            return client.send(new DeleteItemCommand(input as unknown as DeleteItemCommandInput));
        }
      };
      const { $metadata, ...output } = await send();
      return output;
    } catch (error) {
      throw serviceFailure('DynamoDB', error);
    }
  }

  private async putEvents(input: Record<string, unknown>): Promise<unknown> {
    this.eventBridge ??= new EventBridgeClient({});
    // Step Functions takes Detail as JSON and serializes it; the API wants a string.
    const entries = ((input.Entries ?? []) as Array<Record<string, unknown>>).map((entry) => ({
      ...entry,
      Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
    }));
    let output: Record<string, unknown>;
    try {
      const { $metadata, ...response } = await this.eventBridge.send(
        new PutEventsCommand({ Entries: entries as PutEventsRequestEntry[] }),
      );
      output = response;
    } catch (error) {
      throw serviceFailure('EventBridge', error);
    }
    if (output.FailedEntryCount !== 0) throw new TaskFailure('EventBridge.FailedEntry', JSON.stringify(output));
    return output;
  }
}

/** `arn:aws:lambda:…:function:Name[:qualifier]`, `Name[:qualifier]` → `Name`. */
function functionNameOf(functionRef: unknown): string {
  const text = String(functionRef ?? '');
  const afterFunction = text.includes(':function:') ? text.slice(text.indexOf(':function:') + 10) : text;
  return afterFunction.split(':')[0] ?? '';
}

/** An SDK error as Step Functions names it for an optimized integration: `<Service>.<Exception>`. */
function serviceFailure(service: string, error: unknown): TaskFailure {
  const thrown = error instanceof Error ? error : new Error(String(error));
  return new TaskFailure(`${service}.${thrown.name}`, thrown.message);
}
