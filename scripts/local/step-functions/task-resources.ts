/** How a task waits for its work, from the Resource's suffix (AWS "service integration patterns"). */
export type IntegrationPattern = 'requestResponse' | 'waitForTaskToken' | 'sync' | 'sync:2';

/** The services local mode calls for `arn:aws:states:::<service>:<action>` resources. */
type OptimizedIntegration =
  | 'lambda:invoke'
  | 'dynamodb:getItem'
  | 'dynamodb:putItem'
  | 'dynamodb:updateItem'
  | 'dynamodb:deleteItem'
  | 'events:putEvents'
  | 'states:startExecution';

/** A Task state's Resource, parsed once when the definition is loaded. */
export type TaskResource =
  | {
      /** A Lambda ARN as the Resource: the function gets the effective input and its result is the task's. */
      integration: 'lambdaFunction';
      functionArn: string;
      pattern: 'requestResponse';
    }
  | {
      integration: OptimizedIntegration;
      pattern: IntegrationPattern;
      /** As history events name it: `lambda`, `dynamodb`, … */
      resourceType: string;
      /** As history events name it: `invoke`, `putItem.waitForTaskToken`, `startExecution.sync:2`, … */
      resource: string;
    };

const PATTERNS: Record<OptimizedIntegration, readonly IntegrationPattern[]> = {
  'lambda:invoke': ['requestResponse', 'waitForTaskToken'],
  'dynamodb:getItem': ['requestResponse', 'waitForTaskToken'],
  'dynamodb:putItem': ['requestResponse', 'waitForTaskToken'],
  'dynamodb:updateItem': ['requestResponse', 'waitForTaskToken'],
  'dynamodb:deleteItem': ['requestResponse', 'waitForTaskToken'],
  'events:putEvents': ['requestResponse', 'waitForTaskToken'],
  'states:startExecution': ['requestResponse', 'waitForTaskToken', 'sync', 'sync:2'],
};

const LAMBDA_FUNCTION_ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const OPTIMIZED_RESOURCE = /^arn:aws:states:::(\w+):(\w+)(?:\.(waitForTaskToken|sync|sync:2))?$/;

/**
 * Parses a Task Resource, or throws naming what local mode supports: an ASL file using an
 * integration nobody implemented here fails when the stack starts, not halfway through a run.
 */
export function parseTaskResource(resource: string): TaskResource {
  if (LAMBDA_FUNCTION_ARN.test(resource)) {
    return { integration: 'lambdaFunction', functionArn: resource, pattern: 'requestResponse' };
  }
  const match = OPTIMIZED_RESOURCE.exec(resource);
  const integration = match && `${match[1]}:${match[2]}`;
  const pattern = (match?.[3] ?? 'requestResponse') as IntegrationPattern;
  if (match && integration && integration in PATTERNS) {
    const optimized = integration as OptimizedIntegration;
    if (PATTERNS[optimized].includes(pattern)) {
      return {
        integration: optimized,
        pattern,
        resourceType: match[1] as string,
        resource: resource.slice('arn:aws:states:::'.length + (match[1] as string).length + 1),
      };
    }
  }
  const supported = Object.entries(PATTERNS)
    .map(([name, patterns]) => `${name} (${patterns.join(', ')})`)
    .join('; ');
  throw new Error(
    `Task resource ${resource} is not supported by local Step Functions. Supported: Lambda function ARNs; ${supported}`,
  );
}
