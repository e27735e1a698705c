import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { AlarmTopic } from '#infra/constructs/alarm-topic';
import { Api } from '#infra/constructs/api';
import { Auth } from '#infra/constructs/auth';
import { Data } from '#infra/constructs/data';
import { Events } from '#infra/constructs/events';
import { Monitoring } from '#infra/constructs/monitoring';
import type { PlatformResources } from '#infra/constructs/platform';
import { SearchIndexing } from '#infra/constructs/search-indexing';
import { groupByService, ServiceStack, serviceStackId } from '#infra/constructs/service-stack';
import { type StateMachineReference, serviceOfHandler, type TrellisFunction } from '#infra/constructs/trellis-function';
import { WorkflowsStack } from '#infra/constructs/workflows';
import { ROUTES, type RouteDefinition } from '#shared/api/routes';
import { EVENT_RULES, type EventRuleDefinition } from '#shared/events/rules';
import { STATE_MACHINES, type StateMachineDefinition } from '#shared/workflows/state-machines';

export interface TrellisStackProps extends StackProps {
  readonly config: StageConfig;
  /** @default ROUTES */
  readonly routes?: readonly RouteDefinition[];
  /** @default EVENT_RULES */
  readonly eventRules?: readonly EventRuleDefinition[];
  /** @default STATE_MACHINES */
  readonly stateMachines?: readonly StateMachineDefinition[];
}

/**
 * One stage of the platform. This stack holds what every service shares (auth, data, event
 * bus, alarm topic, API, monitoring); each service's Lambdas, routes and rules are in a nested
 * stack of their own, built from the route table and the event rules, and the state machines
 * with their task Lambdas in one more (when there are any).
 */
export class TrellisStack extends Stack {
  public readonly config: StageConfig;
  public readonly auth: Auth;
  public readonly data: Data;
  public readonly events: Events;
  public readonly alarmTopic: AlarmTopic;
  public readonly api: Api;
  public readonly services: ServiceStack[];
  /** Undefined while STATE_MACHINES is empty. */
  public readonly workflows: WorkflowsStack | undefined;
  public readonly monitoring: Monitoring;
  public readonly searchIndexing: SearchIndexing;

  constructor(scope: Construct, id: string, props: TrellisStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;

    this.auth = new Auth(this, 'Auth', { config });
    this.data = new Data(this, 'Data', { config });
    this.events = new Events(this, 'Events', { config });
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { config });
    this.api = new Api(this, 'Api', { config, userPool: this.auth.userPool, userPoolClient: this.auth.userPoolClient });
    this.searchIndexing = new SearchIndexing(this, 'SearchIndexing', { config });

    const platform: PlatformResources = {
      table: this.data.table,
      artifactsBucket: this.data.artifactsBucket,
      secretsKey: this.data.secretsKey,
      eventBus: this.events.eventBus,
      eventTargetDeadLetterQueue: this.events.targetDeadLetterQueue,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.userPoolClient,
      alarmTopic: this.alarmTopic.topic,
      searchIndexQueue: this.searchIndexing.queue,
      // The API's URL only: the routes live in the service stacks this is passed to.
      publicApiUrl: this.api.publicUrl,
    };
    this.searchIndexing.addConsumer(platform, config);
    const stateMachines = props.stateMachines ?? STATE_MACHINES;
    this.workflows =
      stateMachines.length === 0
        ? undefined
        : new WorkflowsStack(this, 'Workflows', { definitions: stateMachines, config, platform });
    const stateMachineReferences = new Map<string, StateMachineReference>(
      [...(this.workflows?.workflows.values() ?? [])].map((workflow) => [
        workflow.id,
        { stateMachineArn: workflow.stateMachine.stateMachineArn, stateMachineName: workflow.stateMachineName },
      ]),
    );
    const routes = props.routes ?? ROUTES;
    this.services = groupByService(routes, props.eventRules ?? EVENT_RULES).map(
      (definition) =>
        new ServiceStack(this, serviceStackId(definition.service), {
          definition,
          config,
          platform,
          httpApi: this.api.httpApi,
          jwtAuthorizer: this.api.jwtAuthorizer,
          stateMachines: stateMachineReferences,
        }),
    );

    for (const [routeId, limits] of Object.entries(config.routeThrottling)) {
      // Stage config names routes of the product's table (a typo fails synth); a stack built
      // from another table (the fixture stacks of the infra tests) throttles those it has.
      if (!ROUTES.some((candidate) => candidate.id === routeId)) {
        throw new Error(`routeThrottling names ${routeId}, which is not in the route table`);
      }
      const route = routes.find((candidate) => candidate.id === routeId);
      if (route === undefined) continue;
      const owner = this.services.find((service) => service.service === serviceOfHandler(route.handler));
      if (owner === undefined) throw new Error(`No service stack holds ${routeId}`);
      this.api.throttleRoute(`${route.method} ${route.path}`, limits, owner);
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      alarmTopic: this.alarmTopic.topic,
      httpApi: this.api.httpApi,
      table: this.data.table,
      deadLetterQueues: [this.events.targetDeadLetterQueue, this.searchIndexing.deadLetterQueue],
      functions: this.functions,
      workflows: [...(this.workflows?.workflows.values() ?? [])],
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.events.eventBus.eventBusName });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'ArtifactsBucketName', { value: this.data.artifactsBucket.bucketName });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    if (this.api.domainName !== undefined) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.domainName.regionalDomainName,
        description: 'Point the custom domain (CNAME or alias) here',
      });
    }
  }

  /** Every Lambda of the stage, across the service stacks and the workflows stack. */
  public get functions(): TrellisFunction[] {
    return [
      ...this.services.flatMap((service) => service.functions),
      ...(this.workflows?.functions ?? []),
      ...(this.searchIndexing.consumer ? [this.searchIndexing.consumer] : []),
    ];
  }
}
