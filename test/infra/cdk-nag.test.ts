import { App } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app';
import { STAGES, type Stage } from '#infra/config/stages';
import { serviceStackId } from '#infra/constructs/service-stack';
import { serviceOfHandler } from '#infra/constructs/trellis-function';
import { ROUTES } from '#shared/api/routes';
import { EVENT_RULES } from '#shared/events/rules';
import { acknowledgements, synthesizeAndReport } from './support/nag.ts';
import { cdkJsonContext } from './support/synth.ts';

/** Builds a stage with cdk-nag AwsSolutions registered, as `cdk synth` does. */
function nagApp(stage: Stage) {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], stage } });
  return buildApp(stage, { app, nag: true });
}

/** The finding on `states:DescribeExecution`/`StopExecution` over every execution of one dev machine. */
const executionsOf = (stateMachineId: string) =>
  `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:trellis-dev-${stateMachineId}:*]`;

/**
 * Every rule the stacks acknowledge. A new acknowledgement has to be added here on purpose,
 * with its reason next to the resource it concerns.
 */
const ACKNOWLEDGED_RULES = new Set([
  'AwsSolutions-APIG4', // public routes (auth: 'public' in the route table)
  'AwsSolutions-COG2', // MFA not part of the v1 API
  'AwsSolutions-COG3', // threat protection needs the Plus plan
  'AwsSolutions-COG8', // same
  'AwsSolutions-L1', // Node 22 pinned with local mode and CI
  'AwsSolutions-S1', // the access-log bucket itself
  'AwsSolutions-SQS3', // the DLQ itself
  'AwsSolutions-IAM5[Resource::*]', // X-Ray; Step Functions log delivery
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<TableName>/index/*]',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<ArtifactsBucketName>/*]',
  'AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AwsSolutions-IAM5[Action::s3:List*]',
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AwsSolutions-IAM5[Action::s3:Abort*]',
  // The search index's consumer lives in the main stack beside its FIFO queue: its table and
  // bucket grants name the resources there, not the service stacks' parameters.
  'AwsSolutions-IAM5[Resource::<DataTableFDBAD0F2.Arn>/index/*]',
  'AwsSolutions-IAM5[Resource::<DataArtifactsBucketD1663D5D.Arn>/*]',
  // Lambdas that list DeploymentPipeline in access.stateMachines (its FinishFunction task starts the
  // next queued run; deployment routes start and stop runs): execution names are chosen at start.
  executionsOf('DeploymentPipeline'),
  // Test runs: the create-test-run route starts them (named after the run), the deployment
  // machine waits on them as child executions (startExecution.sync), and the ReconcileTestRun
  // consumer is given the machine to tell this stage's executions from another's.
  executionsOf('TestRun'),
  // Code analyses: the create route (git refs) and StartUploadedAnalysis (archives) start them,
  // named after the analysis; ReconcileCodeAnalysis is given the machine like ReconcileTestRun.
  executionsOf('CodeAnalysis'),
]);

describe('cdk-nag AwsSolutions', () => {
  it.each(STAGES)('finds no unacknowledged error in stage %s (main, service and workflows stacks)', (stage) => {
    // Prepare
    const { app } = nagApp(stage);

    // Act
    const { error, violations } = synthesizeAndReport(app);

    // Assess
    expect(error?.message).toBeUndefined();
    expect(violations.filter((violation) => violation.severity === 'error')).toEqual([]);
  });

  it.each(['service', 'workflows'] as const)(
    'checks the %s stack too: a non-compliant resource there fails synth',
    (kind) => {
      // Prepare: an SQS queue without TLS enforcement or DLQ, inside a nested stack.
      const { app, stack } = nagApp('dev');
      const service = kind === 'service' ? stack.services[0] : stack.workflows;
      if (service === undefined) throw new Error(`no ${kind} stack`);
      new sqs.Queue(service, 'NagProbe');

      // Act
      const { error, violations } = synthesizeAndReport(app);

      // Assess
      expect(error?.message).toMatch(/AwsSolutions-SQS4/);
      const probePaths = violations
        .filter((violation) => violation.ruleName === 'AwsSolutions-SQS4')
        .flatMap((violation) => violation.violatingConstructs ?? [])
        .map((resource) => resource.constructPath);
      expect(probePaths).toContain(`${service.node.path}/NagProbe/Resource`);
    },
  );

  it('acknowledges only the listed rules, each with a specific reason', () => {
    // Prepare
    const { app } = nagApp('dev');

    // Act
    const found = acknowledgements(app);

    // Assess
    expect(found.length).toBeGreaterThan(0);
    for (const acknowledgement of found) {
      expect(ACKNOWLEDGED_RULES, `${acknowledgement.id} at ${acknowledgement.path}`).toContain(acknowledgement.id);
      expect(acknowledgement.reason.length, acknowledgement.id).toBeGreaterThanOrEqual(40);
    }
    // Public routes are the only unauthenticated ones, and each is acknowledged on its own.
    const publicRoutes = found.filter((acknowledgement) => acknowledgement.id === 'AwsSolutions-APIG4');
    expect(publicRoutes.map((acknowledgement) => acknowledgement.path.split('/').pop()).sort()).toEqual(
      ROUTES.filter((route) => route.auth === 'public')
        .map((route) => `${route.id}Route`)
        .sort(),
    );
    // The execution wildcard is acknowledged on each Lambda that lists the machine, and only there
    // (and, for TestRun, on the role of the machine that waits on its runs).
    const listing = (machine: string) => [
      ...ROUTES.filter((route) => route.access.stateMachines?.includes(machine)).map(
        (route) => `Trellis-dev/${serviceStackId(serviceOfHandler(route.handler))}/${route.id}`,
      ),
      ...EVENT_RULES.filter((rule) => rule.target.access.stateMachines?.includes(machine)).map(
        (rule) => `Trellis-dev/${serviceStackId(serviceOfHandler(rule.target.handler))}/${rule.id}/Handler`,
      ),
    ];
    for (const [machine, others] of [
      ['DeploymentPipeline', ['Trellis-dev/Workflows/DeploymentPipeline/FinishFunction']],
      ['TestRun', ['Trellis-dev/Workflows/DeploymentPipeline/StateMachine']],
      ['CodeAnalysis', []],
    ] as const) {
      const executions = found.filter((acknowledgement) => acknowledgement.id === executionsOf(machine));
      expect(executions.map((acknowledgement) => acknowledgement.path).sort(), machine).toEqual(
        [...others, ...listing(machine)].sort(),
      );
      for (const acknowledgement of executions) expect(acknowledgement.reason).toContain(machine);
    }
  });
});
