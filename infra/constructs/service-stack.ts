import { NestedStack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { EventConsumer } from '#infra/constructs/events';
import { acknowledgeNag } from '#infra/constructs/nag';
import { importPlatform, nestedStackParameter, type PlatformResources } from '#infra/constructs/platform';
import {
  RESOLVE_STATE_MACHINE,
  type StateMachineReference,
  type StateMachineScope,
  serviceOfHandler,
  TrellisFunction,
} from '#infra/constructs/trellis-function';
import { unknownStateMachine } from '#infra/constructs/workflows';
import type { RouteDefinition } from '#shared/api/routes';
import type { EventRuleDefinition } from '#shared/events/rules';

/** The Lambdas of one service folder (`functions/<service>/`): its routes and its consumers. */
export interface ServiceDefinition {
  readonly service: string;
  readonly routes: readonly RouteDefinition[];
  readonly eventRules: readonly EventRuleDefinition[];
}

/**
 * Groups the route table and the event rules by the service folder of their handlers, in
 * first-seen order, so each service gets one stack.
 */
export function groupByService(
  routes: readonly RouteDefinition[],
  eventRules: readonly EventRuleDefinition[],
): ServiceDefinition[] {
  const services = new Map<string, { routes: RouteDefinition[]; eventRules: EventRuleDefinition[] }>();
  const entryOf = (service: string) => {
    let entry = services.get(service);
    if (entry === undefined) {
      entry = { routes: [], eventRules: [] };
      services.set(service, entry);
    }
    return entry;
  };
  for (const route of routes) entryOf(serviceOfHandler(route.handler)).routes.push(route);
  for (const rule of eventRules) entryOf(serviceOfHandler(rule.target.handler)).eventRules.push(rule);
  return [...services].map(([service, entry]) => ({ service, ...entry }));
}

/** `projects` → `ProjectsService`: the construct id of a service's stack. */
export function serviceStackId(service: string): string {
  const pascal = service
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}Service`;
}

export interface ServiceStackProps {
  readonly definition: ServiceDefinition;
  readonly config: StageConfig;
  /** The main stack's shared resources; re-imported here under named parameters. */
  readonly platform: PlatformResources;
  readonly httpApi: apigwv2.IHttpApi;
  readonly jwtAuthorizer: apigwv2.HttpAuthorizer;
  /**
   * The platform's state machines by id, as the main stack sees them; a machine a Lambda here
   * lists in `access.stateMachines` is imported under a named parameter. @default none
   */
  readonly stateMachines?: ReadonlyMap<string, StateMachineReference>;
}

/**
 * One nested stack per service: each route's Lambda, integration, permission and route, and each
 * event consumer's Lambda and rule. An endpoint costs ~8 resources, so keeping services apart
 * keeps every template far below CloudFormation's 500-resource limit as the route table grows.
 */
export class ServiceStack extends NestedStack implements StateMachineScope {
  public readonly service: string;
  /** Every Lambda of the service, routes first, in table order. */
  public readonly functions: TrellisFunction[] = [];
  /** API route per route-table entry, keyed by the entry's id. */
  public readonly routes = new Map<string, apigwv2.HttpRoute>();
  public readonly consumers: EventConsumer[] = [];

  private readonly platformStateMachines: ReadonlyMap<string, StateMachineReference>;
  private readonly importedStateMachines = new Map<string, StateMachineReference>();

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const { definition, config } = props;
    super(scope, id, { description: `Trellis ${config.stage}: ${definition.service} service` });
    this.service = definition.service;
    this.platformStateMachines = props.stateMachines ?? new Map();
    const platform = importPlatform(this, props.platform);

    if (definition.routes.length > 0) {
      const httpApi = apigwv2.HttpApi.fromHttpApiAttributes(this, 'ImportedHttpApi', {
        httpApiId: nestedStackParameter(this, 'HttpApiId', props.httpApi.apiId, 'The platform HTTP API'),
      });
      const jwtAuthorizer = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'ImportedJwtAuthorizer', {
        authorizerId: nestedStackParameter(
          this,
          'JwtAuthorizerId',
          props.jwtAuthorizer.authorizerId,
          'The Cognito JWT authorizer',
        ),
        authorizerType: apigwv2.HttpAuthorizerType.JWT,
      });

      for (const route of definition.routes) {
        const handler = new TrellisFunction(this, route.id, {
          name: route.id,
          entry: route.handler,
          description: `${route.method} ${route.path}: ${route.summary}`,
          invokedBy: 'api',
          access: route.access,
          packageFiles: route.packageFiles,
          platform,
          config,
        });
        const httpRoute = new apigwv2.HttpRoute(this, `${route.id}Route`, {
          httpApi,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
          integration: new HttpLambdaIntegration(`${route.id}Integration`, handler.function, {
            payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
          }),
          authorizer: route.auth === 'user' ? jwtAuthorizer : new apigwv2.HttpNoneAuthorizer(),
        });
        if (route.auth === 'public') {
          acknowledgeNag(
            httpRoute,
            'AwsSolutions-APIG4',
            `${route.method} ${route.path} is auth: 'public' in the route table: it is called before the caller has a token`,
          );
        }
        this.functions.push(handler);
        this.routes.set(route.id, httpRoute);
      }
    }

    for (const rule of definition.eventRules) {
      const consumer = new EventConsumer(this, rule.id, { definition: rule, platform, config });
      this.consumers.push(consumer);
      this.functions.push(consumer.handler);
    }
  }

  /**
   * `StateMachineArn<Id>`: a parameter per machine the service's Lambdas use (and only those),
   * fed from the workflows stack like the platform's table and bus.
   */
  public [RESOLVE_STATE_MACHINE](stateMachineId: string): StateMachineReference {
    let imported = this.importedStateMachines.get(stateMachineId);
    if (imported === undefined) {
      const platformMachine = this.platformStateMachines.get(stateMachineId);
      if (platformMachine === undefined) throw unknownStateMachine(stateMachineId, this.platformStateMachines.keys());
      imported = {
        stateMachineArn: nestedStackParameter(
          this,
          `StateMachineArn${stateMachineId}`,
          platformMachine.stateMachineArn,
          `The ${stateMachineId} state machine`,
        ),
        stateMachineName: platformMachine.stateMachineName,
      };
      this.importedStateMachines.set(stateMachineId, imported);
    }
    return imported;
  }
}
