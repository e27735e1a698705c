import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig, STAGES } from '#infra/config/stages';
import { ACCESS_LOG_FIELDS } from '#infra/constructs/api';
import { CONSUMER_RETRIES, defaultBusRuleName, EVENT_DELIVERY_RETRIES, EVENT_MAX_AGE } from '#infra/constructs/events';
import { serviceOfHandler, TRELLIS_BUNDLING } from '#infra/constructs/trellis-function';
import { stateMachineNameOf } from '#infra/constructs/workflows';
import { ROUTES, type RouteAccess } from '#shared/api/routes';
import { ENV, stateMachineArnEnv } from '#shared/config/env';
import { TABLE_DEFINITION } from '#shared/data/table-definition';
import { busOf, EVENT_RULES } from '#shared/events/rules';
import { PASSWORD_POLICY } from '#shared/identity/password-policy';
import { IMPORT_UPLOAD_PREFIX } from '#shared/schemas/test-runs';
import { STATE_MACHINES } from '#shared/workflows/state-machines';
import { matchesEventPattern } from '../../scripts/local/event-pattern.ts';
import { SYNTH_TIMEOUT_MS, type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import {
  actionsOf,
  type CfnResource,
  getAttOf,
  identityStatements,
  refOf,
  resourceById,
  resourcesOf,
  statementsOf,
  variablesOf,
} from './support/templates.ts';

/**
 * The one helper Lambda CDK adds on its own: `autoDeleteObjects` (non-prod buckets) is a
 * singleton custom-resource provider per stack. Prod keeps its buckets, so it has none.
 */
const AUTO_DELETE_PROVIDER = /^CustomS3AutoDeleteObjectsCustomResourceProviderHandler/;

/** Wildcard actions CDK's own S3 grants use (object versions, multipart); nothing else may have one. */
const CDK_S3_GRANT_WILDCARDS = new Set(['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']);

/** The Workflows nested stack exists while STATE_MACHINES has machines. */
const WORKFLOW_STACKS = STATE_MACHINES.length > 0 ? 1 : 0;

const SERVICES = [
  ...new Set([...ROUTES.map((r) => r.handler), ...EVENT_RULES.map((r) => r.target.handler)].map(serviceOfHandler)),
];

describe.each(STAGES)('stage %s', (stage) => {
  const config = loadStageConfig(stage);
  let synth: SynthesizedStage;
  let main: Template;

  beforeAll(() => {
    // Prepare: one synthesis per stage, bundling off.
    synth = synthesizeStage(stage);
    main = synth.main;
  }, SYNTH_TIMEOUT_MS);

  /** The logical id of a construct's CloudFormation resource in the main stack. */
  const mainId = (element: unknown) => synth.stack.getLogicalId(element as CfnElement);
  const serviceTemplate = (handler: string): Template => {
    const template = synth.services.get(serviceOfHandler(handler));
    if (template === undefined) throw new Error(`No service stack for ${handler}`);
    return template;
  };
  /** The route of an entry and the Lambda behind it, followed through the integration. */
  const routeAndFunction = (route: (typeof ROUTES)[number]) => {
    const template = serviceTemplate(route.handler);
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').filter(
      (resource) => resource.Properties.RouteKey === `${route.method} ${route.path}`,
    );
    expect(routes, `${route.id} route`).toHaveLength(1);
    const apiRoute = routes[0] as CfnResource;
    const target = apiRoute.Properties.Target as { 'Fn::Join': [string, unknown[]] };
    const integration = resourceById(template, refOf(target['Fn::Join'][1][1]));
    const fn = resourceById(template, getAttOf(integration.Properties.IntegrationUri));
    return { template, route: apiRoute, integration, fn };
  };
  const policyOf = (template: Template, fn: CfnResource): CfnResource => {
    const roleId = getAttOf(fn.Properties.Role);
    const policies = resourcesOf(template, 'AWS::IAM::Policy').filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((role) => refOf(role) === roleId),
    );
    expect(policies).toHaveLength(1);
    return policies[0] as CfnResource;
  };
  const lambdasOf = (template: Template) => resourcesOf(template, 'AWS::Lambda::Function');
  /** The templates holding TrellisFunctions: every service stack and the workflows stack. */
  const functionTemplates = () => [...synth.services.values(), ...(synth.workflows ? [synth.workflows] : [])];

  describe('stack layout', () => {
    it('keeps shared resources in Trellis-<stage> and each service in a nested stack of its own', () => {
      // Assess
      expect(synth.stack.stackName).toBe(`Trellis-${stage}`);
      expect([...synth.services.keys()].sort()).toEqual([...SERVICES].sort());
      main.resourceCountIs('AWS::CloudFormation::Stack', SERVICES.length + WORKFLOW_STACKS);
      expect(synth.workflows === undefined).toBe(WORKFLOW_STACKS === 0);
      main.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    });

    it('passes the platform to every service stack under named parameters', () => {
      const { auth, data, events, api, alarmTopic } = synth.stack;
      const platform = {
        TableName: { Ref: mainId(data.table.node.defaultChild) },
        ArtifactsBucketName: { Ref: mainId(data.artifactsBucket.node.defaultChild) },
        EventBusName: { Ref: mainId(events.eventBus.node.defaultChild) },
        EventTargetDeadLetterQueueArn: {
          'Fn::GetAtt': [mainId(events.targetDeadLetterQueue.node.defaultChild), 'Arn'],
        },
        UserPoolId: { Ref: mainId(auth.userPool.node.defaultChild) },
        UserPoolClientId: { Ref: mainId(auth.userPoolClient.node.defaultChild) },
        AlarmTopicArn: { Ref: mainId(alarmTopic.topic.node.defaultChild) },
        // The API's default endpoint: the API itself, not its stage or routes (no cycle).
        PublicApiUrl: { 'Fn::GetAtt': [mainId(api.httpApi.node.defaultChild), 'ApiEndpoint'] },
      };
      const nestedStacks = resourcesOf(main, 'AWS::CloudFormation::Stack');
      expect(nestedStacks).toHaveLength(SERVICES.length + WORKFLOW_STACKS);
      for (const nested of nestedStacks) {
        expect(nested.Properties.Parameters).toMatchObject(platform);
      }
      const withRoutes = nestedStacks.filter((nested) => 'HttpApiId' in (nested.Properties.Parameters as object));
      expect(withRoutes).toHaveLength(new Set(ROUTES.map((route) => serviceOfHandler(route.handler))).size);
      for (const nested of withRoutes) {
        expect(nested.Properties.Parameters).toMatchObject({
          HttpApiId: { Ref: mainId(api.httpApi.node.defaultChild) },
          JwtAuthorizerId: { Ref: mainId(api.jwtAuthorizer.node.defaultChild) },
        });
      }
    });

    it('leaves every template far from the 500-resource limit', () => {
      for (const template of synth.all) {
        expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(400);
      }
    });

    it('reports no construct errors', () => {
      // The main stack's annotations include its nested stacks' constructs.
      expect(Annotations.fromStack(synth.stack).findError('*', Match.anyValue())).toEqual([]);
    });

    it(`is ${config.retainData ? '' : 'not '}protected against termination`, () => {
      expect(synth.stack.terminationProtection).toBe(config.retainData);
    });
  });

  describe('functions', () => {
    it('has one Lambda per route and per event rule and no other, except the auto-delete helper outside prod', () => {
      // Prepare
      const mainLambdas = lambdasOf(main);
      const serviceLambdas = [...synth.services.values()].flatMap(lambdasOf);

      // Assess
      expect(serviceLambdas).toHaveLength(ROUTES.length + EVENT_RULES.length);
      expect(synth.workflows ? lambdasOf(synth.workflows) : []).toHaveLength(
        STATE_MACHINES.reduce((count, definition) => count + Object.keys(definition.tasks).length, 0),
      );
      // The main stack holds the search index's consumer beside its FIFO queue (search-indexing.ts).
      expect(mainLambdas.map((fn) => fn.logicalId).sort()).toEqual([
        ...(config.retainData ? [] : [expect.stringMatching(AUTO_DELETE_PROVIDER)]),
        expect.stringMatching(/^SearchIndexingConsumerFunction/),
      ]);
    });

    it('runs every Lambda on Node.js 22, arm64, active tracing, 1 GiB (unless its task sets memoryMb), with its own log group', () => {
      // Task Lambdas are named <machine id><task name>… in the workflows stack.
      const sized = STATE_MACHINES.flatMap((definition) =>
        Object.entries(definition.tasks).flatMap(([task, { memoryMb }]) =>
          memoryMb === undefined ? [] : [{ prefix: `${definition.id}${task}`, memoryMb }],
        ),
      );
      for (const template of functionTemplates()) {
        for (const fn of lambdasOf(template)) {
          const memory = sized.find(({ prefix }) => fn.logicalId.startsWith(prefix))?.memoryMb ?? 1024;
          expect(fn.Properties).toMatchObject({
            Runtime: 'nodejs22.x',
            Architectures: ['arm64'],
            TracingConfig: { Mode: 'Active' },
            MemorySize: memory,
            LoggingConfig: { LogFormat: 'JSON' },
          });
          const logGroup = resourceById(
            template,
            refOf((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup),
          );
          expect(logGroup.Properties.RetentionInDays).toBe(config.logRetentionDays);
          expect(logGroup.DeletionPolicy).toBe(config.retainData ? 'Retain' : 'Delete');
        }
      }
    });

    it.each(ROUTES)('gives $id the platform environment and the names of exactly what it may touch', (route) => {
      // Act
      const { fn } = routeAndFunction(route);

      // Assess
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceOfHandler(route.handler),
        POWERTOOLS_METRICS_NAMESPACE: 'Trellis',
        [ENV.stage]: stage,
        [ENV.userPoolId]: { Ref: 'UserPoolId' },
        [ENV.userPoolClientId]: { Ref: 'UserPoolClientId' },
      });
      expect(variables[ENV.tableName]).toEqual(route.access.table ? { Ref: 'TableName' } : undefined);
      expect(variables[ENV.artifactsBucket]).toEqual(
        route.access.artifacts ? { Ref: 'ArtifactsBucketName' } : undefined,
      );
      expect(variables[ENV.eventBusName]).toEqual(route.access.events ? { Ref: 'EventBusName' } : undefined);
      expect(variables[ENV.publicApiUrl]).toEqual(route.access.publicApiUrl ? { Ref: 'PublicApiUrl' } : undefined);
      for (const { id } of STATE_MACHINES) {
        expect(variables[stateMachineArnEnv(id)], id).toEqual(
          route.access.stateMachines?.includes(id) ? { Ref: `StateMachineArn${id}` } : undefined,
        );
      }
      // No stage allows private outbound addresses: the variable is left unset, not empty.
      expect(config.outboundAllowList).toEqual([]);
      expect(variables[ENV.outboundAllowList]).toBeUndefined();
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
    });
  });

  describe('API', () => {
    it('has exactly one route per route-table entry', () => {
      const routeKeys = synth.all.flatMap((template) =>
        resourcesOf(template, 'AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey),
      );
      expect(routeKeys.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    });

    it.each(ROUTES)('routes $method $path to its own Lambda (payload 2.0), authorized as $auth', (route) => {
      // Act
      const { route: apiRoute, integration, fn } = routeAndFunction(route);

      // Assess
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      expect(fn.logicalId.startsWith(`${route.id}Function`)).toBe(true);
      if (route.auth === 'user') {
        expect(apiRoute.Properties).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: 'JwtAuthorizerId' },
        });
      } else {
        expect(apiRoute.Properties.AuthorizationType).toBe('NONE');
        expect(apiRoute.Properties.AuthorizerId).toBeUndefined();
      }
    });

    it('accepts Cognito tokens of the app client only', () => {
      main.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: { 'Fn::GetAtt': [mainId(synth.stack.auth.userPool.node.defaultChild), 'ProviderURL'] },
          Audience: [{ Ref: mainId(synth.stack.auth.userPoolClient.node.defaultChild) }],
        },
      });
    });

    it('throttles the default stage as configured and logs each request as one JSON object', () => {
      main.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: config.throttling.rateLimit,
          ThrottlingBurstLimit: config.throttling.burstLimit,
        },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: JSON.stringify(ACCESS_LOG_FIELDS) },
      });
      expect(Object.keys(ACCESS_LOG_FIELDS)).toEqual(
        expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency', 'integrationLatency']),
      );
      main.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: config.logRetentionDays });
    });

    it('throttles login and register on their own, tighter than the stage, once their routes exist', () => {
      const [stageId, stage] = Object.entries(main.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
      expect(stageId).toBeDefined();
      const expected: Record<string, unknown> = {};
      for (const [routeId, limits] of Object.entries(config.routeThrottling)) {
        const route = ROUTES.find((candidate) => candidate.id === routeId);
        expect(route, routeId).toBeDefined();
        expect(limits.rateLimit).toBeLessThan(config.throttling.rateLimit);
        expected[`${route!.method} ${route!.path}`] = {
          ThrottlingRateLimit: limits.rateLimit,
          ThrottlingBurstLimit: limits.burstLimit,
        };
      }
      expect(Object.keys(config.routeThrottling).sort()).toEqual(['Login', 'Register']);
      expect(stage.Properties.RouteSettings).toEqual(expected);
      // The settings name routes of the auth service stack: the stage is deployed after it.
      const authStack = synth.stack.services.find((service) => service.service === 'auth')!;
      expect(stage.DependsOn).toContain(mainId(authStack.nestedStackResource));
    });

    it('answers CORS preflights for bearer-token clients', () => {
      main.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: ['*'],
          AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key']),
          ExposeHeaders: Match.arrayWith(['x-request-id']),
        },
      });
    });

    it('outputs the API URL, user pool id and client id', () => {
      main.hasOutput('ApiUrl', {});
      main.hasOutput('UserPoolId', { Value: { Ref: mainId(synth.stack.auth.userPool.node.defaultChild) } });
      main.hasOutput('UserPoolClientId', { Value: { Ref: mainId(synth.stack.auth.userPoolClient.node.defaultChild) } });
    });
  });

  describe('IAM', () => {
    const expectedAccess = (access: RouteAccess) => ({
      tableRead: access.table !== undefined,
      tableWrite: access.table === 'readWrite',
      artifactsRead: access.artifacts !== undefined,
      artifactsWrite: access.artifacts === 'readWrite',
      events: access.events === true,
      cognito: [...(access.userPool ?? [])].sort(),
      stateMachines: (access.stateMachines ?? []).length > 0,
      sealsSecrets: (access.secrets ?? []).includes('encrypt'),
      opensSecrets: (access.secrets ?? []).includes('decrypt'),
    });
    const grantedAccess = (statements: ReturnType<typeof statementsOf>) => {
      const actions = statements.flatMap(actionsOf);
      return {
        tableRead: actions.includes('dynamodb:Query'),
        tableWrite: actions.includes('dynamodb:PutItem'),
        artifactsRead: actions.includes('s3:GetObject*'),
        artifactsWrite: actions.includes('s3:PutObject'),
        events: actions.includes('events:PutEvents'),
        cognito: actions.filter((action) => action.startsWith('cognito-idp:')).sort(),
        stateMachines: actions.includes('states:StartExecution'),
        sealsSecrets: actions.includes('kms:GenerateDataKey'),
        opensSecrets: actions.includes('kms:Decrypt'),
      };
    };

    it.each(ROUTES)('grants $id exactly the access the route table declares', (route) => {
      // Prepare
      const { template, fn } = routeAndFunction(route);

      // Act
      const statements = statementsOf(policyOf(template, fn));

      // Assess
      expect(grantedAccess(statements)).toEqual(expectedAccess(route.access));
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [refOf((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup), 'Arn'] },
        }),
      );
      const kms = statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('kms:')));
      for (const statement of kms) expect(statement.Resource).toEqual({ Ref: 'SecretsKeyArn' });
      expect(variablesOf(fn)[ENV.secretsKeyId]).toEqual(kms.length > 0 ? { Ref: 'SecretsKeyArn' } : undefined);
      if (route.access.userPool !== undefined) {
        const cognito = statements.find((statement) => actionsOf(statement).some((a) => a.startsWith('cognito-idp:')));
        expect(JSON.stringify(cognito?.Resource)).toContain(':userpool/');
      }
    });

    it.each(EVENT_RULES)('grants the $id consumer its declared access and the dead-letter queue', (rule) => {
      const template = serviceTemplate(rule.target.handler);
      const [fn] = lambdasOf(template).filter((candidate) => candidate.logicalId.startsWith(`${rule.id}Handler`));
      if (fn === undefined) throw new Error(`No Lambda for ${rule.id}`);
      const statements = statementsOf(policyOf(template, fn));
      expect(grantedAccess(statements)).toEqual(expectedAccess(rule.target.access));
      // CDK merges grants of the same actions: the DLQ may share a statement with the search index queue.
      const deadLetterGrant = statements.find(
        (statement) =>
          actionsOf(statement).includes('sqs:SendMessage') &&
          [statement.Resource]
            .flat()
            .some((resource) => JSON.stringify(resource) === '{"Ref":"EventTargetDeadLetterQueueArn"}'),
      );
      expect(deadLetterGrant, rule.id).toBeDefined();
    });

    it('lets only the routes that store secrets seal them, and only those that use or carry them over open them', () => {
      const withSecrets = (action: 'encrypt' | 'decrypt') =>
        ROUTES.filter((route) => route.access.secrets?.includes(action)).map((route) => route.id);
      expect(withSecrets('encrypt').sort()).toEqual([
        'CreateEnvironment',
        'CreatePipeline',
        'CreateProject',
        'ReplacePipeline',
        'UpdateEnvironment',
        'UpdateProject',
      ]);
      expect(withSecrets('decrypt').sort()).toEqual(['ReceiveCallback', 'ReplacePipeline']);
      expect(EVENT_RULES.filter((rule) => rule.target.access.secrets !== undefined)).toEqual([]);
    });

    it('grants no wildcard action except the patterns of CDK S3 grants', () => {
      for (const template of synth.all) {
        for (const statement of identityStatements(template)) {
          for (const action of actionsOf(statement).filter((candidate) => candidate.includes('*'))) {
            expect(CDK_S3_GRANT_WILDCARDS, `wildcard action ${action}`).toContain(action);
          }
        }
      }
    });

    it('gives function roles no managed policies (each writes to its own log group only)', () => {
      for (const template of functionTemplates()) {
        for (const role of resourcesOf(template, 'AWS::IAM::Role')) {
          expect(role.Properties.ManagedPolicyArns).toBeUndefined();
        }
      }
    });
  });

  describe('data', () => {
    const deletionPolicy = config.retainData ? 'Retain' : 'Delete';

    it('builds the table from TABLE_DEFINITION: on demand, PITR, TTL, GSIs, encrypted', () => {
      main.resourceCountIs('AWS::DynamoDB::Table', 1);
      main.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: config.pointInTimeRecovery },
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
        GlobalSecondaryIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: config.retainData,
      });
    });

    it('seals stored secrets under one customer-managed KMS key with yearly rotation, kept with the data', () => {
      const key = resourceById(main, mainId(synth.stack.data.secretsKey.node.defaultChild));
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 30 });
      expect(key.Properties.KeySpec).toBeUndefined(); // SYMMETRIC_DEFAULT: GenerateDataKey needs a symmetric key
      expect(key.DeletionPolicy).toBe(config.retainData ? 'Retain' : 'Delete');
    });

    it(`${config.retainData ? 'keeps' : 'deletes'} the table, buckets and user pool with the stack`, () => {
      for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool']) {
        const resources = resourcesOf(main, type);
        expect(resources.length).toBeGreaterThan(0);
        for (const resource of resources) {
          expect(`${type} ${resource.DeletionPolicy}`).toBe(`${type} ${deletionPolicy}`);
        }
      }
      main.resourceCountIs('Custom::S3AutoDeleteObjects', config.retainData ? 0 : 2);
    });

    it('keeps artifacts private, encrypted, versioned, access-logged and tiered as configured', () => {
      const logsBucketId = mainId(synth.stack.data.accessLogsBucket.node.defaultChild);
      main.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: logsBucketId } },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              Transitions: [
                { StorageClass: 'STANDARD_IA', TransitionInDays: config.artifacts.infrequentAccessAfterDays },
              ],
              NoncurrentVersionExpiration: { NoncurrentDays: config.artifacts.noncurrentExpiryDays },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            }),
            Match.objectLike({ Id: 'expire-raw-uploads' }),
            Match.objectLike({ Id: 'expire-analysis-uploads', Prefix: 'analysis-uploads/' }),
          ],
        },
      });
    });

    it(`expires raw uploads (${IMPORT_UPLOAD_PREFIX}) after ${config.artifacts.uploadExpiryDays} days, and nothing else by that rule`, () => {
      const artifacts = resourceById(main, mainId(synth.stack.data.artifactsBucket.node.defaultChild));
      const rules = (artifacts.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules.find((rule) => rule.Id === 'expire-raw-uploads')).toEqual({
        Id: 'expire-raw-uploads',
        Status: 'Enabled',
        Prefix: 'imports/',
        ExpirationInDays: config.artifacts.uploadExpiryDays,
      });
      // The prefix is where uploads go, and what the import rule listens to.
      expect(IMPORT_UPLOAD_PREFIX).toBe('imports/');
      expect(EVENT_RULES.find((rule) => rule.id === 'ProcessUploadedImport')?.eventPattern).toMatchObject({
        detail: { object: { key: [{ prefix: IMPORT_UPLOAD_PREFIX }] } },
      });
    });

    it('refuses plain-HTTP access to both buckets', () => {
      const policies = resourcesOf(main, 'AWS::S3::BucketPolicy');
      expect(policies).toHaveLength(2);
      for (const policy of policies) {
        expect(statementsOf(policy)).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      }
    });
  });

  describe('auth', () => {
    it('signs users in by email with the shared password policy and email recovery', () => {
      main.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: PASSWORD_POLICY.minLength,
            RequireLowercase: PASSWORD_POLICY.requireLowercase,
            RequireUppercase: PASSWORD_POLICY.requireUppercase,
            RequireNumbers: PASSWORD_POLICY.requireDigits,
            RequireSymbols: PASSWORD_POLICY.requireSymbols,
          }),
        },
      });
    });

    it('has one public app client for USER_PASSWORD_AUTH and revocable refresh, and the admins group', () => {
      main.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        GenerateSecret: false,
        PreventUserExistenceErrors: 'ENABLED',
        // POST /v1/auth/logout calls RevokeToken, which needs it.
        EnableTokenRevocation: true,
      });
      main.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
    });
  });

  describe('events', () => {
    it(`has the custom bus trellis-${stage} and an encrypted, TLS-only dead-letter queue`, () => {
      main.hasResourceProperties('AWS::Events::EventBus', { Name: `trellis-${stage}` });
      main.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      const [queuePolicy] = resourcesOf(main, 'AWS::SQS::QueuePolicy');
      expect(statementsOf(queuePolicy as CfnResource)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          expect.objectContaining({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
          }),
        ]),
      );
    });

    it('lets the DLQ take events from the rules of this stage only: on its bus, and named after it on the default bus', () => {
      const [queuePolicy] = resourcesOf(main, 'AWS::SQS::QueuePolicy');
      const allow = statementsOf(queuePolicy as CfnResource).find((statement) => statement.Effect === 'Allow');
      const sources = JSON.stringify(
        (allow as { Condition?: { ArnLike?: Record<string, unknown> } }).Condition?.ArnLike?.['aws:SourceArn'],
      );
      expect(sources).toContain(`:rule/trellis-${stage}/*`);
      expect(sources).toContain(`:rule/trellis-${stage}-*`);
      expect(sources.match(/:rule\//g)).toHaveLength(2);
    });

    it('puts each rule on its bus: the platform bus, or the default bus under a stage-prefixed name', () => {
      for (const service of SERVICES) {
        const template = synth.services.get(service) as Template;
        const rules = resourcesOf(template, 'AWS::Events::Rule');
        const declared = EVENT_RULES.filter((rule) => serviceOfHandler(rule.target.handler) === service);
        expect(rules, service).toHaveLength(declared.length);
        expect(
          rules.filter((rule) => JSON.stringify(rule.Properties.EventBusName) === '{"Ref":"EventBusName"}'),
        ).toHaveLength(declared.filter((rule) => busOf(rule) === 'platform').length);
        expect(
          rules.filter((rule) => rule.Properties.EventBusName === 'default').map((rule) => rule.Properties.Name),
        ).toEqual(
          declared.filter((rule) => busOf(rule) === 'default').map((rule) => defaultBusRuleName(config, rule.id)),
        );
      }
    });

    it.each([
      { ruleId: 'ReconcileDeploymentRun', machine: 'DeploymentPipeline', other: 'TestRun' },
      { ruleId: 'ReconcileTestRun', machine: 'TestRun', other: 'DeploymentPipeline' },
    ])(
      "$ruleId catches $machine's unsuccessful ends on the default bus, this stage's machine name included",
      ({ ruleId, machine, other }) => {
        const rule = EVENT_RULES.find((candidate) => candidate.id === ruleId)!;
        const template = serviceTemplate(rule.target.handler);
        const pattern = {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: {
            status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
            stateMachineArn: [{ wildcard: `*:stateMachine:trellis-*-${machine}` }],
          },
        };
        template.hasResourceProperties('AWS::Events::Rule', {
          EventBusName: 'default',
          Name: `trellis-${stage}-${ruleId}`,
          EventPattern: pattern,
        });
        // The name the workflows stack gives the machine is one the wildcard matches.
        const machineName = stateMachineNameOf(config, machine);
        expect(
          resourcesOf(synth.workflows as Template, 'AWS::StepFunctions::StateMachine').map(
            (candidate) => candidate.Properties.StateMachineName,
          ),
        ).toContain(machineName);
        const event = {
          source: 'aws.states',
          'detail-type': 'Step Functions Execution Status Change',
          detail: {
            status: 'ABORTED',
            stateMachineArn: `arn:aws:states:eu-west-1:123456789012:stateMachine:${machineName}`,
          },
        };
        expect(matchesEventPattern(pattern, event)).toBe(true);
        expect(matchesEventPattern(pattern, { ...event, detail: { ...event.detail, status: 'SUCCEEDED' } })).toBe(
          false,
        );
        const otherMachine = `arn:aws:states:eu-west-1:123456789012:stateMachine:${stateMachineNameOf(config, other)}`;
        expect(
          matchesEventPattern(pattern, { ...event, detail: { ...event.detail, stateMachineArn: otherMachine } }),
        ).toBe(false);
      },
    );

    it.each(EVENT_RULES)('has rule $id on its bus with retries and the DLQ on both legs', (rule) => {
      // Prepare
      const template = serviceTemplate(rule.target.handler);

      // Assess
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: busOf(rule) === 'default' ? 'default' : { Ref: 'EventBusName' },
        EventPattern: rule.eventPattern,
        Targets: [
          Match.objectLike({
            DeadLetterConfig: { Arn: { Ref: 'EventTargetDeadLetterQueueArn' } },
            RetryPolicy: {
              MaximumRetryAttempts: EVENT_DELIVERY_RETRIES,
              MaximumEventAgeInSeconds: EVENT_MAX_AGE.toSeconds(),
            },
          }),
        ],
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        MaximumRetryAttempts: CONSUMER_RETRIES,
        DestinationConfig: { OnFailure: { Destination: { Ref: 'EventTargetDeadLetterQueueArn' } } },
      });
    });
  });

  describe('monitoring', () => {
    const topicRef = () => ({ Ref: mainId(synth.stack.alarmTopic.topic.node.defaultChild) });

    it('alarms when more than the configured share of requests answer 5xx over 5 minutes', () => {
      main.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.alarms.serverErrorRatePercent,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef()],
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: Match.stringLikeRegexp('100 \\* errors / requests') }),
          Match.objectLike({
            Id: 'errors',
            MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx' }), Period: 300, Stat: 'Sum' }),
          }),
          Match.objectLike({
            Id: 'requests',
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ MetricName: 'Count' }),
              Period: 300,
              Stat: 'Sum',
            }),
          }),
        ]),
      });
    });

    it('alarms when p95 latency stays above the configured limit for 10 minutes', () => {
      main.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: config.alarms.p95LatencyMs,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef()],
        Metrics: [
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({ MetricName: 'Latency' }),
              Period: 300,
              Stat: 'p95',
            }),
          }),
        ],
      });
    });

    it('alarms on any DynamoDB throttle, on the table and on every index', () => {
      const indexes = TABLE_DEFINITION.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'WriteThrottleEvents',
              Dimensions: Match.arrayWith([{ Name: 'GlobalSecondaryIndexName', Value: index.indexName }]),
            }),
          }),
        }),
      );
      main.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef()],
        Metrics: Match.arrayWith([
          Match.objectLike({
            MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ReadThrottleEvents' }) }),
          }),
          ...indexes,
        ]),
      });
    });

    it('alarms on any message in the dead-letter queue', () => {
      main.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [mainId(synth.stack.events.targetDeadLetterQueue.node.defaultChild), 'QueueName'] },
          },
        ],
        AlarmActions: [topicRef()],
      });
    });

    it('alarms on any throttled invocation of every Lambda', () => {
      for (const template of functionTemplates()) {
        const lambdas = lambdasOf(template);
        const throttleAlarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
          (alarm) => alarm.Properties.MetricName === 'Throttles',
        );
        expect(
          throttleAlarms.map((alarm) => (alarm.Properties.Dimensions as { Value: unknown }[])[0]?.Value).sort(),
        ).toEqual(lambdas.map((fn) => ({ Ref: fn.logicalId })).sort());
        for (const alarm of throttleAlarms) {
          expect(alarm.Properties).toMatchObject({ Threshold: 0, AlarmActions: [{ Ref: 'AlarmTopicArn' }] });
        }
      }
    });

    it('lets no alarm fire on missing data, and every alarm notifies', () => {
      for (const template of synth.all) {
        for (const alarm of resourcesOf(template, 'AWS::CloudWatch::Alarm')) {
          expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
          expect(alarm.Properties.AlarmActions).toHaveLength(1);
        }
      }
    });

    it('notifies through one encrypted, TLS-only topic CloudWatch can publish to', () => {
      main.resourceCountIs('AWS::SNS::Topic', 1);
      main.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [mainId(synth.stack.alarmTopic.key.node.defaultChild), 'Arn'] },
      });
      main.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      main.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            }),
          ]),
        },
      });
      main.resourceCountIs('AWS::SNS::Subscription', config.alarms.emails.length);
    });

    it('has one dashboard with API, function, table and dead-letter widgets', () => {
      main.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      main.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `Trellis-${stage}` });
      const body = JSON.stringify(resourcesOf(main, 'AWS::CloudWatch::Dashboard')[0]?.Properties.DashboardBody);
      for (const title of [
        'API requests',
        'API errors',
        'API latency (ms)',
        'Lambda errors',
        'Lambda throttles',
        'Lambda duration p95 (ms)',
        'DynamoDB throttles',
        'Dead-letter queue depth',
      ]) {
        expect(body).toContain(title);
      }
      for (const stat of ['p50', 'p95', 'p99']) expect(body).toContain(`Latency ${stat}`);
      const tasks = STATE_MACHINES.flatMap((definition) =>
        Object.keys(definition.tasks).map((task) => `${definition.id}-${task}`),
      );
      for (const name of [...ROUTES.map((route) => route.id), ...EVENT_RULES.map((rule) => rule.id), ...tasks]) {
        expect(body).toContain(`\\"label\\":\\"${name}\\"`);
      }
    });
  });
});

describe('bundling', () => {
  it('bundles every handler as minified ESM for Node 22 with source maps and the SDK clients inside', () => {
    expect(TRELLIS_BUNDLING).toMatchObject({
      format: 'esm',
      target: 'node22',
      minify: true,
      sourceMap: true,
      mainFields: ['module', 'main'],
      externalModules: [],
      define: { __dirname: 'import.meta.dirname' },
    });
    expect(TRELLIS_BUNDLING.banner).toBe(
      "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    );
  });
});

describe('stage overrides', () => {
  it('subscribes the -c alarmEmails addresses to the alarm topic', () => {
    // Act
    const { main } = synthesizeStage('dev', { alarmEmails: 'ops@example.com, oncall@example.com' });

    // Assess
    main.resourceCountIs('AWS::SNS::Subscription', 2);
    main.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('serves the API on the custom domain when the stage has one', () => {
    // Prepare
    const domain = {
      name: 'api.trellis.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    };

    // Act
    const { main } = synthesizeStage('prod', { adjustConfig: (config) => ({ ...config, domain }) });

    // Assess
    main.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: domain.name,
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: domain.certificateArn })],
    });
    main.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    main.hasOutput('ApiUrl', { Value: `https://${domain.name}/` });
    main.hasOutput('ApiDomainTarget', {});
    // Handlers hand out links on the custom domain (PUBLIC_API_URL), without a trailing slash.
    for (const nested of resourcesOf(main, 'AWS::CloudFormation::Stack')) {
      expect((nested.Properties.Parameters as Record<string, unknown>).PublicApiUrl).toBe(`https://${domain.name}`);
    }
  });

  it('gives every Lambda OUTBOUND_ALLOW_LIST (comma-joined) when the stage allows private outbound addresses', () => {
    // Prepare
    const outboundAllowList = ['localhost', '10.0.0.0/8', '::1'];

    // Act
    const synth = synthesizeStage('dev', { adjustConfig: (config) => ({ ...config, outboundAllowList }) });

    // Assess
    const lambdas = [synth.main, ...synth.services.values(), ...(synth.workflows ? [synth.workflows] : [])].flatMap(
      (template) =>
        resourcesOf(template, 'AWS::Lambda::Function').filter((fn) => !AUTO_DELETE_PROVIDER.test(fn.logicalId)),
    );
    expect(lambdas.length).toBe(synth.stack.functions.length);
    for (const fn of lambdas) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[ENV.outboundAllowList], fn.logicalId).toBe('localhost,10.0.0.0/8,::1');
    }
  });

  it('refuses an outbound allow-list entry the handlers would refuse at init', () => {
    expect(() =>
      synthesizeStage('dev', { adjustConfig: (config) => ({ ...config, outboundAllowList: ['not a host'] }) }),
    ).toThrow('outboundAllowList: Outbound allow-list entry "not a host" is not a host name, IP address or CIDR');
    expect(() =>
      synthesizeStage('dev', { adjustConfig: (config) => ({ ...config, outboundAllowList: ['a.example,b.example'] }) }),
    ).toThrow(/one trimmed, non-empty host name, IP address or CIDR per entry/);
  });

  it('refuses an unknown stage', () => {
    expect(() => synthesizeStage('qa' as never)).toThrow(/Unknown stage "qa"/);
  });
});
