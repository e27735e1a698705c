import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IDependable } from 'constructs';
import type { StageConfig, Throttling } from '#infra/config/stages';
import { logRetentionOf, namePrefixOf, removalPolicyOf } from '#infra/constructs/stage-defaults';

/**
 * One JSON object per request in the access log, so Logs Insights can filter and aggregate on
 * fields (status, routeKey, latency) without parsing text.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  userId: '$context.authorizer.claims.sub',
} as const;

export interface ApiProps {
  readonly config: StageConfig;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
}

/**
 * The HTTP API itself: the API, its `$default` stage (throttling and JSON access logs from the
 * stage config), CORS, the Cognito JWT authorizer and the optional custom domain. Routes and
 * their Lambdas are added by the service stacks, all from the one route table.
 */
export class Api extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  /** Validates Cognito tokens (issuer = the pool, audience = the app client) for `user` routes. */
  public readonly jwtAuthorizer: apigwv2.HttpAuthorizer;
  public readonly domainName?: apigwv2.DomainName;
  /** Base URL clients call: the custom domain when the stage has one. */
  public readonly url: string;
  /**
   * The same base URL without the trailing slash, as handlers get it in PUBLIC_API_URL (to build
   * links for external systems, such as callback URLs): `https://<name>` on a custom domain,
   * otherwise the API's default endpoint `https://<apiId>.execute-api.<region>.amazonaws.com`.
   * It names the API only, never its routes or stage, so the service stacks (which hold the
   * routes) can be given it without a circular reference.
   */
  public readonly publicUrl: string;
  /** As CloudFormation takes them: the L1 property is an untyped map, rendered verbatim. */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: namePrefixOf(config),
      description: `Trellis HTTP API (${config.stage})`,
      createDefaultStage: false,
      // Bearer tokens, not cookies: any origin may call, no credentials are shared.
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [
          apigwv2.CorsHttpMethod.GET,
          apigwv2.CorsHttpMethod.POST,
          apigwv2.CorsHttpMethod.PUT,
          apigwv2.CorsHttpMethod.PATCH,
          apigwv2.CorsHttpMethod.DELETE,
          apigwv2.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
        exposeHeaders: ['etag', 'location', 'x-request-id'],
        maxAge: Duration.days(1),
      },
    });

    this.jwtAuthorizer = new apigwv2.HttpAuthorizer(this, 'JwtAuthorizer', {
      httpApi: this.httpApi,
      authorizerName: 'cognito-jwt',
      type: apigwv2.HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: props.userPool.userPoolProviderUrl,
      // Id tokens carry the client id as `aud`, access tokens as `client_id`: both are accepted.
      jwtAudience: [props.userPoolClient.userPoolClientId],
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: logRetentionOf(config),
      removalPolicy: removalPolicyOf(config),
    });

    if (config.domain !== undefined) {
      this.domainName = new apigwv2.DomainName(this, 'DomainName', {
        domainName: config.domain.name,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.domain.certificateArn),
      });
    }

    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttling.rateLimit, burstLimit: config.throttling.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      domainMapping: this.domainName === undefined ? undefined : { domainName: this.domainName },
    });

    this.url = this.domainName === undefined ? this.stage.url : `https://${config.domain?.name}/`;
    this.publicUrl = config.domain === undefined ? this.httpApi.apiEndpoint : `https://${config.domain.name}`;
  }

  /**
   * Gives one route (`"POST /v1/auth/login"`) its own rate and burst on the stage. API Gateway
   * refuses settings for a route that does not exist yet, so the stage waits for `routeOwner`,
   * the stack that creates the route.
   */
  public throttleRoute(routeKey: string, limits: Throttling, routeOwner: IDependable): void {
    this.routeSettings[routeKey] = {
      ThrottlingRateLimit: limits.rateLimit,
      ThrottlingBurstLimit: limits.burstLimit,
    };
    (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = this.routeSettings;
    this.stage.node.addDependency(routeOwner);
  }
}
