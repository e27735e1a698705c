import { join } from 'node:path';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { REPO_ROOT } from '#infra/config/paths';
import type { StageConfig } from '#infra/config/stages';
import { ALARM_PERIOD, createStageAlarm } from '#infra/constructs/alarms';
import { acknowledgeNag, nagResourceName } from '#infra/constructs/nag';
import type { PlatformResources } from '#infra/constructs/platform';
import { logRetentionOf, outboundAllowListOf, removalPolicyOf } from '#infra/constructs/stage-defaults';
import type { RouteAccess } from '#shared/api/routes';
import { ENV, stateMachineArnEnv } from '#shared/config/env';

/** API Gateway gives up on an integration after 30 s; the function must end before that. */
const MAX_API_TIMEOUT = Duration.seconds(29);

/** Timeout of a Lambda by what invokes it, unless its props say otherwise. */
export const DEFAULT_TIMEOUTS = {
  api: Duration.seconds(10),
  events: Duration.seconds(60),
  workflow: Duration.seconds(60),
} as const;

/** What the wildcard actions of CDK's S3 grants stand for (the reasons of their cdk-nag acknowledgements). */
const S3_GRANT_WILDCARDS = {
  's3:GetObject*': 'reading objects and their versions, tags and retention',
  's3:GetBucket*': 'the bucket metadata the SDK reads (location, versioning)',
  's3:List*': 'listing objects, versions and multipart uploads',
  's3:DeleteObject*': 'deleting objects and object versions',
  's3:Abort*': 'aborting failed multipart uploads',
} as const;

/** Metric namespace every handler's Powertools Metrics writes to. */
const METRICS_NAMESPACE = 'Trellis';

/**
 * ESM bundles of the AWS SDK v3 still call `require` for Node built-ins; ESM has no `require`,
 * so the bundle gets one up front.
 */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * WebAssembly modules bundled packages read from their own folder (`__dirname`) at init:
 * RE2 (re2-wasm), which runs users' regular expressions in linear time. esbuild bundles the
 * JavaScript; the .wasm file is copied next to the bundles that reference it.
 */
const BUNDLED_WASM_FILES = ['node_modules/re2-wasm/build/wasm/re2.wasm'] as const;

/**
 * Shell commands that copy each of BUNDLED_WASM_FILES from the project (`inputDir`) into
 * `outputDir` when the bundle there names it (only functions that compile user patterns
 * carry RE2's 840 KB).
 */
export function wasmCopyCommands(inputDir: string, outputDir: string): string[] {
  return BUNDLED_WASM_FILES.map((file) => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    return `if grep -q "${name}" "${outputDir}/index.mjs"; then cp "${inputDir}/${file}" "${outputDir}/${name}"; fi`;
  });
}

/**
 * How every handler is bundled (exported so benchmarks measure the deployed bundles): ESM for
 * Node 22, minified, with source maps, the SDK v3 clients bundled in.
 */
export const TRELLIS_BUNDLING: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not a second copy of the sources: smaller bundles.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  // CommonJS packages in an ESM bundle still read `__dirname` (re2-wasm locates its .wasm by it):
  // the bundle's own folder, where wasmCopyCommands puts the file.
  define: { __dirname: 'import.meta.dirname' },
  // Bundle the SDK v3 clients: pinned versions, tree-shaken, no runtime-provided copy.
  externalModules: [],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => wasmCopyCommands(inputDir, outputDir),
  },
};

/**
 * TRELLIS_BUNDLING plus a copy of each package file the handler reads at run time, at its
 * `node_modules/` path inside the bundle (where `require.resolve` from the handler finds it).
 */
export function bundlingWith(packageFiles: readonly string[]): nodejs.BundlingOptions {
  if (packageFiles.length === 0) return TRELLIS_BUNDLING;
  const copy = (inputDir: string, outputDir: string) =>
    packageFiles.flatMap((file) => {
      const target = `${outputDir}/node_modules/${file}`;
      return [
        `mkdir -p "${target.slice(0, target.lastIndexOf('/'))}"`,
        `cp "${inputDir}/node_modules/${file}" "${target}"`,
      ];
    });
  return {
    ...TRELLIS_BUNDLING,
    commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: copy },
  };
}

export interface TrellisFunctionProps {
  /** Operation or rule id (`GetProject`, `RecordActivity`): names the alarm and dashboard lines. */
  readonly name: string;
  /** Handler file relative to the repository root (`functions/<service>/<name>.ts`). */
  readonly entry: string;
  readonly description: string;
  /**
   * API handlers get a short timeout capped below API Gateway's; event consumers and state
   * machine tasks a longer one.
   */
  readonly invokedBy: keyof typeof DEFAULT_TIMEOUTS;
  /** What the handler may touch; granted together with the environment variables naming it. */
  readonly access: RouteAccess;
  /** Package files the handler reads at run time, copied into the bundle (see RouteDefinition). */
  readonly packageFiles?: readonly string[];
  readonly platform: PlatformResources;
  readonly config: StageConfig;
  /** @default DEFAULT_TIMEOUTS[invokedBy] */
  readonly timeout?: Duration;
  /** @default 1024 */
  readonly memorySize?: number;
}

/**
 * The one construct every Trellis Lambda is built with, so runtime, architecture, tracing,
 * logging, bundling and alarms cannot differ between functions. Access is granted through
 * `grantAccess`, which sets the environment variable and the IAM grant in one step.
 */
export class TrellisFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  /** A role of its own: only its log group, X-Ray and what `grantAccess` adds. */
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  /** Fires on any throttled invocation (concurrency exhausted: requests were refused). */
  public readonly throttlesAlarm: cloudwatch.Alarm;
  public readonly name: string;
  /** The service folder the handler lives in (`functions/<service>/...`). */
  public readonly service: string;

  private readonly platform: PlatformResources;

  constructor(scope: Construct, id: string, props: TrellisFunctionProps) {
    super(scope, id);
    this.name = props.name;
    this.service = serviceOfHandler(props.entry);
    this.platform = props.platform;

    const timeout = props.timeout ?? DEFAULT_TIMEOUTS[props.invokedBy];
    if (props.invokedBy === 'api' && timeout.toSeconds() > MAX_API_TIMEOUT.toSeconds()) {
      throw new Error(`${props.name}: API handlers time out after at most ${MAX_API_TIMEOUT.toSeconds()} s`);
    }

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logRetentionOf(props.config),
      removalPolicy: removalPolicyOf(props.config),
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.name} (${props.config.stage})`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every group): write to this group only.
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: this.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        [ENV.stage]: props.config.stage,
        // Not secrets, and Register/Login/Refresh call Cognito's public API with them.
        [ENV.userPoolId]: props.platform.userPool.userPoolId,
        [ENV.userPoolClientId]: props.platform.userPoolClient.userPoolClientId,
      },
      bundling: bundlingWith(props.packageFiles ?? []),
    });
    // Private addresses outbound calls may reach after all; unset (not empty) when the stage allows none.
    const outboundAllowList = outboundAllowListOf(props.config);
    if (outboundAllowList !== undefined) {
      this.function.addEnvironment(ENV.outboundAllowList, outboundAllowList);
    }

    this.throttlesAlarm = createStageAlarm(this, 'ThrottlesAlarm', {
      config: props.config,
      alarmTopic: props.platform.alarmTopic,
      name: `${props.name}-throttles`,
      description: `${props.name} was throttled: invocations were refused because concurrency ran out`,
      metric: this.function.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
    });

    acknowledgeNag(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords (added by tracing: ACTIVE) support no resource-level permissions',
    );
    acknowledgeNag(
      this,
      'AwsSolutions-L1',
      'Node.js 22 is pinned on purpose: local mode, CI and the esbuild target run Node 22, so the deployed runtime is the tested one; move them together',
    );

    this.grantAccess(props.access);
  }

  /**
   * Binds what a route or rule declares it may touch: each resource's name goes into the
   * environment (the names in `ENV`) and the matching IAM grant onto the role, never one
   * without the other.
   */
  public grantAccess(access: RouteAccess): void {
    const { table, artifactsBucket, eventBus, userPool, publicApiUrl, secretsKey } = this.platform;
    if (access.table !== undefined) {
      this.function.addEnvironment(ENV.tableName, table.tableName);
      if (access.table === 'read') {
        table.grantReadData(this.function);
      } else {
        table.grantReadWriteData(this.function);
      }
      acknowledgeNag(
        this,
        `AwsSolutions-IAM5[Resource::${nagResourceName(this, table, table.tableArn)}/index/*]`,
        'Queries on the GSIs of TABLE_DEFINITION need their index ARNs; the wildcard covers only this one table',
      );
    }
    if (access.artifacts !== undefined) {
      this.function.addEnvironment(ENV.artifactsBucket, artifactsBucket.bucketName);
      const wildcardActions: (keyof typeof S3_GRANT_WILDCARDS)[] = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
      if (access.artifacts === 'read') {
        artifactsBucket.grantRead(this.function);
      } else {
        artifactsBucket.grantReadWrite(this.function);
        wildcardActions.push('s3:DeleteObject*', 's3:Abort*');
      }
      for (const action of wildcardActions) {
        acknowledgeNag(
          this,
          `AwsSolutions-IAM5[Action::${action}]`,
          `CDK's artifacts-bucket grant uses ${action} for ${S3_GRANT_WILDCARDS[action]}; it applies to the artifacts bucket only`,
        );
      }
      acknowledgeNag(
        this,
        `AwsSolutions-IAM5[Resource::${nagResourceName(this, artifactsBucket, artifactsBucket.arnForObjects('*'))}]`,
        'Artifact keys are chosen at run time (per project and resource); the wildcard covers objects of the artifacts bucket only',
      );
    }
    if (access.events === true) {
      this.function.addEnvironment(ENV.eventBusName, eventBus.eventBusName);
      eventBus.grantPutEventsTo(this.function);
    }
    if (access.userPool !== undefined && access.userPool.length > 0) {
      userPool.grant(this.function, ...access.userPool);
    }
    if (access.publicApiUrl === true) {
      // A URL, not a resource: nothing to grant.
      this.function.addEnvironment(ENV.publicApiUrl, publicApiUrl);
    }
    if (access.secrets !== undefined && access.secrets.length > 0) {
      this.function.addEnvironment(ENV.secretsKeyId, secretsKey.keyArn);
      const actions = new Set(access.secrets);
      if (actions.has('encrypt')) secretsKey.grant(this.function, 'kms:GenerateDataKey');
      if (actions.has('decrypt')) secretsKey.grantDecrypt(this.function);
    }
    for (const stateMachineId of new Set(access.stateMachines ?? [])) {
      this.grantStateMachine(stateMachineId);
    }
    if (access.searchIndexQueue === 'send') {
      this.function.addEnvironment(ENV.searchIndexQueueUrl, this.platform.searchIndexQueue.queueUrl);
      this.platform.searchIndexQueue.grantSendMessages(this.function);
    }
  }

  /**
   * Lets the handler start the machine, describe and stop its executions and answer its task
   * tokens, and passes the machine's ARN in `stateMachineArnEnv(id)`. The stack the function
   * lives in says where that ARN comes from (see StateMachineScope).
   */
  private grantStateMachine(stateMachineId: string): void {
    const scope = stateMachineScopeOf(this);
    if (scope === undefined) {
      throw new Error(
        `${this.name} lists state machine ${stateMachineId}, but its stack cannot provide state machines`,
      );
    }
    const { stateMachineArn, stateMachineName } = scope[RESOLVE_STATE_MACHINE](stateMachineId);
    this.function.addEnvironment(stateMachineArnEnv(stateMachineId), stateMachineArn);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'states:StartExecution',
          'states:SendTaskSuccess',
          'states:SendTaskFailure',
          'states:SendTaskHeartbeat',
        ],
        resources: [stateMachineArn],
      }),
    );
    const executions = executionsArnOf(this, stateMachineName);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [executions],
      }),
    );
    acknowledgeNag(
      this,
      `AwsSolutions-IAM5[Resource::${nagResourceName(this, this, executions)}]`,
      `Execution names of ${stateMachineId} are chosen when they start; the wildcard covers that one machine's executions only`,
    );
  }
}

/** The method a StateMachineScope resolves state machine ids with (a symbol, so nothing matches by accident). */
export const RESOLVE_STATE_MACHINE: unique symbol = Symbol.for('trellis.resolveStateMachine');

/** A state machine as a Lambda's stack sees it: its ARN, and its name for the ARNs of its executions. */
export interface StateMachineReference {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
}

/**
 * A stack whose Lambdas may list state machines in `access.stateMachines` (service stacks
 * import them as named parameters, the workflows stack names its own machines).
 */
export interface StateMachineScope {
  /** The machine with this STATE_MACHINES id, usable in this stack; throws on an unknown id. */
  [RESOLVE_STATE_MACHINE](stateMachineId: string): StateMachineReference;
}

/** The innermost StateMachineScope above `construct`, if any. */
function stateMachineScopeOf(construct: IConstruct): StateMachineScope | undefined {
  return [...construct.node.scopes]
    .reverse()
    .find((scope): scope is IConstruct & StateMachineScope => RESOLVE_STATE_MACHINE in scope);
}

/** The ARN of every execution of a named state machine (`…:execution:<name>:*`), formatted in `scope`'s stack. */
export function executionsArnOf(scope: IConstruct, stateMachineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** `functions/projects/get-project.ts` → `projects`: the service a handler belongs to. */
export function serviceOfHandler(handler: string): string {
  const match = /^functions\/([a-z0-9-]+)\/[^/]+\.ts$/.exec(handler);
  if (match?.[1] === undefined) {
    throw new Error(`Handler ${handler} is not functions/<service>/<name>.ts`);
  }
  return match[1];
}
