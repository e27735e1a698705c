import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app';
import { REPO_ROOT } from '#infra/config/paths';
import { loadStageConfig } from '#infra/config/stages';
import { DEFAULT_TIMEOUTS, type TrellisFunction } from '#infra/constructs/trellis-function';
import type { WorkflowsStack } from '#infra/constructs/workflows';
import { ROUTES } from '#shared/api/routes';
import { ENV, stateMachineArnEnv } from '#shared/config/env';
import { TABLE_DEFINITION } from '#shared/data/table-definition';
import { EVENT_RULES } from '#shared/events/rules';
import { STATE_MACHINES, type StateMachineDefinition } from '#shared/workflows/state-machines';
import {
  APPROVAL_PIPELINE,
  APPROVAL_STEP,
  FIXTURE_STATE_MACHINES,
  START_APPROVAL_ROUTE,
  UNKNOWN_INTEGRATION,
} from '../fixtures/cdk-statemachines/state-machines.ts';
import { acknowledgements, synthesizeAndReport } from './support/nag.ts';
import {
  expectTracedLoggingToOwnGroup,
  logicalIdIn,
  stateMachineOf,
  taskFunctionOf,
  validateAsl,
} from './support/state-machines.ts';
import { cdkJsonContext, SYNTH_TIMEOUT_MS, type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import {
  actionsOf,
  type CfnResource,
  getAttOf,
  identityStatements,
  type PolicyStatement,
  resourceById,
  resourcesOf,
  statementsOfRole,
  variablesOf,
} from './support/templates.ts';

const config = loadStageConfig('dev');

/** `arn:${Partition}:<service>:${Region}:${AccountId}<rest>` as CloudFormation renders a formatted ARN. */
const arnOf = (service: string, ...rest: unknown[]) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:${service}:`,
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ...rest,
    ],
  ],
});
const tableArn = arnOf('dynamodb', ':table/', { Ref: 'TableName' });
const executionsOf = (id: string) => arnOf('states', `:execution:trellis-dev-${id}:*`);

/** What Step Functions needs for logging ALL and X-Ray; AWS offers no resource-level permission for these. */
const LOGGING_AND_TRACING = {
  actions: [
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:DescribeLogGroups',
    'logs:DescribeResourcePolicies',
    'logs:GetLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:UpdateLogDelivery',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ],
  resource: '*',
};

/** A statement as the assertions compare it: sorted actions and its resource. */
const grantOf = (statement: PolicyStatement) => ({
  actions: actionsOf(statement).sort(),
  resource: statement.Resource,
});

/** The event rules that bind no state machine: with the fixtures as STATE_MACHINES, the others cannot be built. */
const FIXTURE_EVENT_RULES = EVENT_RULES.filter((rule) => (rule.target.access.stateMachines ?? []).length === 0);

const placeholdersOf = (text: string) => [...text.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]);

describe('workflows: fixture state machines', () => {
  let synth: SynthesizedStage;
  let stack: WorkflowsStack;
  let template: Template;

  beforeAll(() => {
    // Prepare: the fixtures (parent listed before its child) and one route that starts the parent.
    synth = synthesizeStage('dev', {
      stateMachines: FIXTURE_STATE_MACHINES,
      routes: [START_APPROVAL_ROUTE],
      eventRules: FIXTURE_EVENT_RULES,
    });
    stack = synth.stack.workflows!;
    template = synth.workflows!;
  }, SYNTH_TIMEOUT_MS);

  const machineOf = (id: string): CfnResource => stateMachineOf(template, id);
  const taskOf = (id: string, task: string): TrellisFunction => stack.workflows.get(id)!.tasks.get(task)!;
  const machinePolicyOf = (id: string) => statementsOfRole(template, getAttOf(machineOf(id).Properties.RoleArn));

  describe('layout', () => {
    it('keeps every machine and task Lambda in the Workflows nested stack, fed the platform by named parameters', () => {
      // Assess
      synth.main.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
      template.resourceCountIs('AWS::StepFunctions::StateMachine', FIXTURE_STATE_MACHINES.length);
      const [nested] = resourcesOf(synth.main, 'AWS::CloudFormation::Stack').filter(
        (resource) => resource.logicalId === synth.stack.getLogicalId(stack.nestedStackResource!),
      );
      expect(Object.keys((nested as CfnResource).Properties.Parameters as object).sort()).toEqual(
        [
          'AlarmTopicArn',
          'ArtifactsBucketName',
          'EventBusName',
          'EventTargetDeadLetterQueueArn',
          'PublicApiUrl',
          'SearchIndexQueueArn',
          'SearchIndexQueueUrl',
          'SecretsKeyArn',
          'TableName',
          'UserPoolClientId',
          'UserPoolId',
        ].sort(),
      );
    });

    it('creates each machine after the machines it starts, whatever the order of the list', () => {
      expect(FIXTURE_STATE_MACHINES.map((definition) => definition.id)).toEqual(['ApprovalPipeline', 'ApprovalStep']);
      expect([...stack.workflows.keys()]).toEqual(['ApprovalStep', 'ApprovalPipeline']);
    });
  });

  describe.each(FIXTURE_STATE_MACHINES)('state machine $id', (definition) => {
    it('is a STANDARD machine named trellis-<stage>-<id>, logging ALL with execution data to its own log group, traced', () => {
      // Assess
      const logGroup = expectTracedLoggingToOwnGroup(stack, template, definition.id);
      expect(logGroup.Properties.RetentionInDays).toBe(config.logRetentionDays);
    });

    it('is deployed from its ASL file, with a substitution for every placeholder in it', () => {
      // Prepare
      const machine = machineOf(definition.id);
      const asl = readFileSync(join(REPO_ROOT, definition.definitionFile), 'utf8');
      const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;

      // Act: what CloudFormation does with the file at deploy time.
      const deployed = Object.keys(substitutions).reduce(
        (text, name) => text.replaceAll(`\${${name}}`, 'resolved'),
        asl,
      );

      // Assess
      expect(machine.Properties.DefinitionString).toBeUndefined();
      const { Key } = machine.Properties.DefinitionS3Location as { Key: string };
      expect(readFileSync(join(synth.app.outdir, `asset.${Key}`), 'utf8')).toBe(asl);
      expect(deployed).not.toContain('${');
      expect(Object.keys(substitutions).sort()).toEqual([...new Set(placeholdersOf(asl))].sort());
    });

    it('has one Lambda per task with the workflow timeout, alarmed on throttles', () => {
      // Prepare
      const lambdas = resourcesOf(template, 'AWS::Lambda::Function').filter((fn) =>
        fn.logicalId.startsWith(definition.id),
      );

      // Assess
      expect(lambdas.map((fn) => fn.logicalId).sort()).toEqual(
        Object.keys(definition.tasks)
          .map((task) => logicalIdIn(stack, taskOf(definition.id, task).function))
          .sort(),
      );
      for (const fn of lambdas) {
        expect(fn.Properties).toMatchObject({
          Timeout: DEFAULT_TIMEOUTS.workflow.toSeconds(),
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
      expect(DEFAULT_TIMEOUTS.workflow.toSeconds()).toBe(60);
      const throttled = resourcesOf(template, 'AWS::CloudWatch::Alarm')
        .filter((alarm) => alarm.Properties.MetricName === 'Throttles')
        .map((alarm) => (alarm.Properties.Dimensions as { Value: unknown }[])[0]?.Value);
      for (const fn of lambdas) expect(throttled).toContainEqual({ Ref: fn.logicalId });
    });

    it('alarms on any failed and any timed-out execution, to the platform alarm topic', () => {
      // Prepare
      const machineRef = { Ref: machineOf(definition.id).logicalId };

      // Act
      const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
        (alarm) => alarm.Properties.Namespace === 'AWS/States',
      );
      const mine = alarms.filter(
        (alarm) =>
          JSON.stringify(alarm.Properties.Dimensions) ===
          JSON.stringify([{ Name: 'StateMachineArn', Value: machineRef }]),
      );

      // Assess
      expect(mine.map((alarm) => alarm.Properties.MetricName).sort()).toEqual([
        'ExecutionsFailed',
        'ExecutionsTimedOut',
      ]);
      for (const alarm of mine) {
        expect(alarm.Properties).toMatchObject({
          AlarmName: Object.is(alarm.Properties.MetricName, 'ExecutionsFailed')
            ? `trellis-dev-${definition.id}-executions-failed`
            : `trellis-dev-${definition.id}-executions-timed-out`,
          Statistic: 'Sum',
          Period: 300,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: 'AlarmTopicArn' }],
        });
      }
    });
  });

  describe('substitutions', () => {
    it('gives the parent its task Lambda ARN, the platform table name and the child machine ARN', () => {
      expect(machineOf('ApprovalPipeline').Properties.DefinitionSubstitutions).toEqual({
        RequestApproval: {
          'Fn::GetAtt': [logicalIdIn(stack, taskOf('ApprovalPipeline', 'RequestApproval').function), 'Arn'],
        },
        TableName: { Ref: 'TableName' },
        ApprovalStep: { Ref: machineOf('ApprovalStep').logicalId },
      });
    });
  });

  describe('execution roles', () => {
    it('let the parent invoke its task, update items of the table, and start and wait for the child (.sync:2)', () => {
      // Act
      const grants = machinePolicyOf('ApprovalPipeline').map(grantOf);

      // Assess
      expect(grants).toEqual([
        LOGGING_AND_TRACING,
        {
          actions: ['lambda:InvokeFunction'],
          resource: {
            'Fn::GetAtt': [logicalIdIn(stack, taskOf('ApprovalPipeline', 'RequestApproval').function), 'Arn'],
          },
        },
        { actions: ['dynamodb:UpdateItem'], resource: tableArn },
        { actions: ['states:StartExecution'], resource: { Ref: machineOf('ApprovalStep').logicalId } },
        { actions: ['states:DescribeExecution', 'states:StopExecution'], resource: executionsOf('ApprovalStep') },
        {
          actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
          resource: arnOf('events', ':rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'),
        },
      ]);
    });

    it('let the child invoke its task and nothing else', () => {
      expect(machinePolicyOf('ApprovalStep').map(grantOf)).toEqual([
        LOGGING_AND_TRACING,
        {
          actions: ['lambda:InvokeFunction'],
          resource: { 'Fn::GetAtt': [logicalIdIn(stack, taskOf('ApprovalStep', 'RunStep').function), 'Arn'] },
        },
      ]);
    });

    it('use no wildcard action anywhere in the workflows stack', () => {
      const actions = identityStatements(template).flatMap(actionsOf);
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    });
  });

  describe('Lambdas that list a state machine', () => {
    it('pass a task the ARN of its own machine by name (no circular reference) with the start and token grants', () => {
      // Prepare
      const task = taskOf('ApprovalPipeline', 'RequestApproval');
      const fn = resourceById(template, logicalIdIn(stack, task.function));
      const ownArn = arnOf('states', ':stateMachine:trellis-dev-ApprovalPipeline');

      // Act
      const grants = statementsOfRole(template, getAttOf(fn.Properties.Role)).map(grantOf);

      // Assess
      expect(variablesOf(fn)).toMatchObject({
        [stateMachineArnEnv('ApprovalPipeline')]: ownArn,
      });
      expect(grants.filter((grant) => grant.actions.some((action) => action.startsWith('states:')))).toEqual([
        {
          actions: [
            'states:SendTaskFailure',
            'states:SendTaskHeartbeat',
            'states:SendTaskSuccess',
            'states:StartExecution',
          ],
          resource: ownArn,
        },
        { actions: ['states:DescribeExecution', 'states:StopExecution'], resource: executionsOf('ApprovalPipeline') },
      ]);
    });

    it('import into a service stack only the machines its routes list, as StateMachineArn<Id> from the workflows stack', () => {
      // Prepare
      const service = synth.stack.services.find((candidate) => candidate.service === 'platform')!;
      const nested = resourceById(synth.main, synth.stack.getLogicalId(service.nestedStackResource!));
      const parameters = nested.Properties.Parameters as Record<string, unknown>;

      // Assess
      expect(Object.keys(parameters).filter((name) => name.startsWith('StateMachineArn'))).toEqual([
        'StateMachineArnApprovalPipeline',
      ]);
      const output = (parameters.StateMachineArnApprovalPipeline as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      expect(output[0]).toBe(synth.stack.getLogicalId(stack.nestedStackResource!));
      expect(template.toJSON().Outputs[output[1].replace(/^Outputs\./, '')].Value).toEqual({
        Ref: machineOf('ApprovalPipeline').logicalId,
      });
    });

    it('give a route the ARN in its environment and the grants on that machine only', () => {
      // Prepare
      const platform = synth.services.get('platform')!;
      const fns = resourcesOf(platform, 'AWS::Lambda::Function').filter((candidate) =>
        candidate.logicalId.startsWith(START_APPROVAL_ROUTE.id),
      );
      expect(fns).toHaveLength(1);
      const fn = fns[0]!;

      // Act
      const grants = statementsOfRole(platform, getAttOf(fn.Properties.Role)).map(grantOf);

      // Assess
      expect(variablesOf(fn)).toMatchObject({
        [stateMachineArnEnv('ApprovalPipeline')]: { Ref: 'StateMachineArnApprovalPipeline' },
      });
      expect(grants.filter((grant) => grant.actions.some((action) => action.startsWith('states:')))).toEqual([
        {
          actions: [
            'states:SendTaskFailure',
            'states:SendTaskHeartbeat',
            'states:SendTaskSuccess',
            'states:StartExecution',
          ],
          resource: { Ref: 'StateMachineArnApprovalPipeline' },
        },
        { actions: ['states:DescribeExecution', 'states:StopExecution'], resource: executionsOf('ApprovalPipeline') },
      ]);
      expect(JSON.stringify(grants)).not.toContain('ApprovalStep');
    });
  });

  describe('monitoring', () => {
    it('charts executions started, succeeded, failed and their duration per machine on the stage dashboard', () => {
      const body = JSON.stringify(resourcesOf(synth.main, 'AWS::CloudWatch::Dashboard')[0]?.Properties.DashboardBody);
      for (const title of [
        'Executions started',
        'Executions succeeded',
        'Executions failed or timed out',
        'Execution duration p95 (ms)',
      ]) {
        expect(body).toContain(title);
      }
      for (const metric of [
        'ExecutionsStarted',
        'ExecutionsSucceeded',
        'ExecutionsFailed',
        'ExecutionsTimedOut',
        'ExecutionTime',
      ]) {
        expect(body).toContain(`\\"${metric}\\"`);
      }
      for (const id of ['ApprovalPipeline', 'ApprovalStep']) expect(body).toContain(`\\"label\\":\\"${id}\\"`);
      expect(synth.stack.monitoring.alarms).toEqual(
        expect.arrayContaining(
          [...stack.workflows.values()].flatMap((workflow) => [workflow.failedAlarm, workflow.timedOutAlarm]),
        ),
      );
    });
  });
});

describe('workflows: definitions the construct refuses', () => {
  const synthesizeWith =
    (stateMachines: readonly StateMachineDefinition[], routes = [START_APPROVAL_ROUTE]) =>
    () =>
      synthesizeStage('dev', { stateMachines, routes, eventRules: FIXTURE_EVENT_RULES });

  it('fails synth on an integration it cannot grant, naming the machine, state and integration', () => {
    expect(synthesizeWith([UNKNOWN_INTEGRATION], [])).toThrow(
      'Notifier (test/fixtures/cdk-statemachines/unknown-integration.asl.json), state "Notify": integration sqs:sendMessage is not one the workflows construct can grant',
    );
  });

  it('refuses machines that start each other in a cycle', () => {
    const first = { ...APPROVAL_PIPELINE, stateMachines: { ApprovalStep: 'ApprovalStep' } };
    const second = { ...APPROVAL_STEP, stateMachines: { Parent: 'ApprovalPipeline' } };
    expect(synthesizeWith([first, second], [])).toThrow(
      'State machines start each other in a cycle: ApprovalPipeline → ApprovalStep → ApprovalPipeline',
    );
  });

  it('refuses a child that is not in the list', () => {
    expect(synthesizeWith([APPROVAL_PIPELINE], [])).toThrow(
      'State machine ApprovalPipeline starts ApprovalStep, which is not in the list of state machines',
    );
  });

  it('refuses a placeholder in the ASL that the definition does not declare', () => {
    const { resources: _, ...withoutTable } = APPROVAL_PIPELINE;
    expect(synthesizeWith([withoutTable, APPROVAL_STEP], [])).toThrow(
      `ApprovalPipeline (test/fixtures/cdk-statemachines/approval-pipeline.asl.json) uses \${TableName}, which is neither a task, a resource nor a state machine of its definition`,
    );
  });

  it('refuses a route that lists a machine no definition has', () => {
    const route = { ...START_APPROVAL_ROUTE, access: { stateMachines: ['Nowhere'] } };
    expect(synthesizeWith(FIXTURE_STATE_MACHINES, [route])).toThrow(
      'Unknown state machine Nowhere: STATE_MACHINES has ApprovalPipeline, ApprovalStep',
    );
  });
});

describe('workflows: the real STATE_MACHINES', () => {
  let synth: SynthesizedStage;

  beforeAll(() => {
    synth = synthesizeStage('dev');
  }, SYNTH_TIMEOUT_MS);

  it('adds a Workflows stack only when there are state machines, and one Lambda per task in it', () => {
    // Prepare
    const tasks = STATE_MACHINES.reduce((count, definition) => count + Object.keys(definition.tasks).length, 0);
    const serviceLambdas = [...synth.services.values()].flatMap((template) =>
      resourcesOf(template, 'AWS::Lambda::Function'),
    );

    // Assess
    expect(synth.workflows === undefined).toBe(STATE_MACHINES.length === 0);
    expect(serviceLambdas).toHaveLength(ROUTES.length + EVENT_RULES.length);
    expect(synth.workflows ? resourcesOf(synth.workflows, 'AWS::Lambda::Function') : []).toHaveLength(tasks);
    for (const template of [synth.main, ...synth.services.values()]) {
      template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
    }
  });

  describe('DeploymentPipeline', () => {
    const ID = 'DeploymentPipeline';
    const definition = STATE_MACHINES.find((candidate) => candidate.id === ID)!;
    const ownArn = arnOf('states', `:stateMachine:trellis-dev-${ID}`);
    let stack: WorkflowsStack;
    let template: Template;

    beforeAll(() => {
      stack = synth.stack.workflows!;
      template = synth.workflows!;
    });

    const machine = (): CfnResource => stateMachineOf(template, ID);
    const taskFunction = (task: string): CfnResource => taskFunctionOf(stack, template, ID, task);

    it('is in STATE_MACHINES with its 11 Lambda tasks', () => {
      expect(definition).toBeDefined();
      expect(Object.keys(definition.tasks).sort()).toEqual(
        [
          'BeginRunFunction',
          'CheckHealthFunction',
          'CheckQualityGateFunction',
          'CheckTestGateFunction',
          'DeployVersionFunction',
          'FinishFunction',
          'NextStageFunction',
          'RequestApprovalFunction',
          'RunWebhookFunction',
          'StartTestRunFunction',
          'WaitForCallbackFunction',
        ].sort(),
      );
    });

    it('exists as a STANDARD machine named trellis-dev-DeploymentPipeline, logging ALL with execution data, traced', () => {
      expectTracedLoggingToOwnGroup(stack, template, ID);
    });

    it('substitutes each task with the ARN of its own Lambda, and the test-run machine it starts', () => {
      expect(machine().Properties.DefinitionSubstitutions).toEqual({
        ...Object.fromEntries(
          Object.keys(definition.tasks).map((task) => [task, { 'Fn::GetAtt': [taskFunction(task).logicalId, 'Arn'] }]),
        ),
        TestRunStateMachine: { Ref: expect.stringMatching(/^TestRunStateMachine/) },
      });
    });

    it('lets its role invoke exactly its 11 task Lambdas, with no wildcard action', () => {
      // Act
      const statements = statementsOfRole(template, getAttOf(machine().Properties.RoleArn));
      const invoke = statements.filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'));

      // Assess
      // Besides its tasks: a test stage's child run (startExecution.sync:2), nothing wider.
      expect(statements.map(grantOf)).toEqual([
        LOGGING_AND_TRACING,
        { actions: ['lambda:InvokeFunction'], resource: expect.any(Array) },
        { actions: ['states:StartExecution'], resource: { Ref: expect.stringMatching(/^TestRunStateMachine/) } },
        {
          actions: ['states:DescribeExecution', 'states:StopExecution'],
          resource: executionsOf('TestRun'),
        },
        {
          actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
          resource: arnOf('events', ':rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'),
        },
      ]);
      expect(invoke).toHaveLength(1);
      const resources = invoke[0]!.Resource as unknown[];
      expect(resources).toHaveLength(11);
      expect(resources.map(getAttOf).sort()).toEqual(
        Object.keys(definition.tasks)
          .map((task) => taskFunction(task).logicalId)
          .sort(),
      );
      expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
    });

    it('gives the tasks that register callbacks, and only them, PUBLIC_API_URL from the PublicApiUrl parameter', () => {
      // Assess
      const callbackTasks = ['WaitForCallbackFunction', 'DeployVersionFunction'];
      for (const task of callbackTasks) {
        expect(variablesOf(taskFunction(task))[ENV.publicApiUrl], task).toEqual({ Ref: 'PublicApiUrl' });
      }
      for (const task of Object.keys(definition.tasks).filter((name) => !callbackTasks.includes(name))) {
        expect(variablesOf(taskFunction(task))[ENV.publicApiUrl], task).toBeUndefined();
      }
      // Fed from the main stack: the API's default endpoint (no stage path, no trailing slash).
      const nested = resourceById(synth.main, synth.stack.getLogicalId(stack.nestedStackResource!));
      expect((nested.Properties.Parameters as Record<string, unknown>).PublicApiUrl).toEqual({
        'Fn::GetAtt': [logicalIdIn(synth.stack, synth.stack.api.httpApi), 'ApiEndpoint'],
      });
    });

    it('gives FinishFunction the machine ARN and states:StartExecution on it', () => {
      // Prepare
      const fn = taskFunction('FinishFunction');

      // Act
      const grants = statementsOfRole(template, getAttOf(fn.Properties.Role)).map(grantOf);

      // Assess
      expect(variablesOf(fn)[stateMachineArnEnv(ID)]).toEqual(ownArn);
      expect(grants.filter((grant) => grant.actions.some((action) => action.startsWith('states:')))).toEqual([
        {
          actions: [
            'states:SendTaskFailure',
            'states:SendTaskHeartbeat',
            'states:SendTaskSuccess',
            'states:StartExecution',
          ],
          resource: ownArn,
        },
        { actions: ['states:DescribeExecution', 'states:StopExecution'], resource: executionsOf(ID) },
      ]);
      // No other task touches the machine.
      for (const task of Object.keys(definition.tasks).filter((name) => name !== 'FinishFunction')) {
        expect(variablesOf(taskFunction(task))[stateMachineArnEnv(ID)], task).toBeUndefined();
        const actions = statementsOfRole(template, getAttOf(taskFunction(task).Properties.Role)).flatMap(actionsOf);
        expect(
          actions.filter((action) => action.startsWith('states:')),
          task,
        ).toEqual([]);
      }
    });

    it("lets CheckQualityGateFunction query the table's indexes: it finds the analyses of a version on GSI2", () => {
      // Act
      const statements = statementsOfRole(template, getAttOf(taskFunction('CheckQualityGateFunction').Properties.Role));
      const queries = statements.filter((statement) => actionsOf(statement).includes('dynamodb:Query'));

      // Assess
      expect(queries).toHaveLength(1);
      expect(JSON.stringify(queries[0]!.Resource)).toContain('/index/*');
      expect(TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName)).toContain('GSI2');
    });

    it('gives every task the table and the event bus it declares, and nothing unset', () => {
      for (const [task, { access }] of Object.entries(definition.tasks)) {
        const variables = variablesOf(taskFunction(task));
        expect(variables[ENV.tableName], task).toEqual(access.table ? { Ref: 'TableName' } : undefined);
        expect(variables[ENV.eventBusName], task).toEqual(access.events ? { Ref: 'EventBusName' } : undefined);
        expect(variables[ENV.artifactsBucket], task).toEqual(
          access.artifacts ? { Ref: 'ArtifactsBucketName' } : undefined,
        );
        expect(variables[ENV.outboundAllowList], task).toBeUndefined();
      }
    });

    it('lets only the tasks that sign with a stored secret open it (kms:Decrypt on the secrets key), and none seal', () => {
      const opening = Object.entries(definition.tasks)
        .filter(([, { access }]) => access.secrets?.includes('decrypt'))
        .map(([task]) => task);
      expect(opening.sort()).toEqual(['DeployVersionFunction', 'RunWebhookFunction', 'WaitForCallbackFunction']);
      for (const task of Object.keys(definition.tasks)) {
        const fn = taskFunction(task);
        const kms = statementsOfRole(template, getAttOf(fn.Properties.Role)).filter((statement) =>
          actionsOf(statement).some((action) => action.startsWith('kms:')),
        );
        expect(kms.flatMap(actionsOf), task).toEqual(opening.includes(task) ? ['kms:Decrypt'] : []);
        for (const statement of kms) expect(statement.Resource, task).toEqual({ Ref: 'SecretsKeyArn' });
        expect(variablesOf(fn)[ENV.secretsKeyId], task).toEqual(
          opening.includes(task) ? { Ref: 'SecretsKeyArn' } : undefined,
        );
      }
    });
  });
});

describe('ASL files', () => {
  const files = [
    ...new Set([...FIXTURE_STATE_MACHINES, UNKNOWN_INTEGRATION, ...STATE_MACHINES].map((d) => d.definitionFile)),
  ];

  it.each(files)(
    '%s is valid ASL (asl-validator), each Task retries and catches, each token wait has a timeout (fixed or from the input)',
    (file) => {
      // Prepare
      const asl = JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as {
        States: Record<string, Record<string, unknown>>;
      };

      // Act
      const { isValid, errorsText } = validateAsl(structuredClone(asl));

      // Assess
      expect(isValid, errorsText('\n')).toBe(true);
      for (const [name, state] of Object.entries(asl.States).filter(([, state]) => state.Type === 'Task')) {
        expect(state.Retry, `${name} Retry`).toBeDefined();
        expect(state.Catch, `${name} Catch`).toBeDefined();
        if (String(state.Resource).endsWith('.waitForTaskToken')) {
          // asl-validator checks the path's syntax; what it points at is the task's business.
          if (state.TimeoutSecondsPath !== undefined) expect(state.TimeoutSecondsPath, name).toMatch(/^\$/);
          else expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
        }
      }
    },
  );
});

describe('workflows: cdk-nag AwsSolutions', () => {
  it(
    'finds no unacknowledged error with the fixtures, and acknowledges only the expected findings in the workflows stack',
    () => {
      // Prepare
      const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], stage: 'dev' } });
      const { stack } = buildApp('dev', {
        app,
        nag: true,
        stateMachines: FIXTURE_STATE_MACHINES,
        routes: [START_APPROVAL_ROUTE],
        eventRules: FIXTURE_EVENT_RULES,
      });

      // Act
      const { error, violations } = synthesizeAndReport(app);

      // Assess
      expect(error?.message).toBeUndefined();
      expect(violations.filter((violation) => violation.severity === 'error')).toEqual([]);
      expect(violations.filter((violation) => violation.ruleName.startsWith('AwsSolutions-SF'))).toEqual([]);
      const executions = (id: string) =>
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:trellis-dev-${id}:*]`;
      const inWorkflows = acknowledgements(stack.workflows!).map((acknowledgement) => acknowledgement.id);
      expect([...new Set(inWorkflows)].sort()).toEqual(
        [
          'AwsSolutions-IAM5[Resource::*]',
          'AwsSolutions-L1',
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<TableName>/index/*]',
          executions('ApprovalStep'),
          executions('ApprovalPipeline'),
        ].sort(),
      );
    },
    SYNTH_TIMEOUT_MS,
  );
});
