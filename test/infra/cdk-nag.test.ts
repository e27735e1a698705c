import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app';
import { STAGES, type Stage } from '#infra/config/stages';
import { ROUTES } from '#shared/api/routes';
import { cdkJsonContext } from './support/synth.ts';

interface ReportedViolation {
  ruleName: string;
  severity?: string;
  violatingConstructs?: { constructPath?: string }[];
}
interface ValidationReport {
  pluginReports?: { pluginName?: string; violations?: ReportedViolation[] }[];
}

/** Builds a stage with cdk-nag AwsSolutions registered, as `cdk synth` does. */
function nagApp(stage: Stage) {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], stage } });
  return buildApp(stage, { app, nag: true });
}

/** Synthesizes and returns the AwsSolutions violations of the validation report (none when the report is clean). */
function synthesizeAndReport(app: App): { error?: Error; violations: ReportedViolation[] } {
  let error: Error | undefined;
  let outdir = app.outdir;
  try {
    outdir = app.synth().directory;
  } catch (caught) {
    error = caught as Error;
  }
  let report: ValidationReport = {};
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  } catch {
    // No report file: no plugin had anything to say.
  }
  const violations = (report.pluginReports ?? [])
    .filter((plugin) => plugin.pluginName === 'AwsSolutions')
    .flatMap((plugin) => plugin.violations ?? []);
  return { error, violations };
}

/** Every acknowledgement in the tree: rule id → [construct path, reason]. */
function acknowledgements(root: IConstruct): { id: string; path: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      ),
  );
}

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
  'AwsSolutions-IAM5[Resource::*]', // X-Ray
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<TableName>/index/*]',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<ArtifactsBucketName>/*]',
  'AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AwsSolutions-IAM5[Action::s3:List*]',
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AwsSolutions-IAM5[Action::s3:Abort*]',
]);

describe('cdk-nag AwsSolutions', () => {
  it.each(STAGES)('finds no unacknowledged error in stage %s (main and service stacks)', (stage) => {
    // Prepare
    const { app } = nagApp(stage);

    // Act
    const { error, violations } = synthesizeAndReport(app);

    // Assess
    expect(error?.message).toBeUndefined();
    expect(violations.filter((violation) => violation.severity === 'error')).toEqual([]);
  });

  it('checks the service stacks too: a non-compliant resource there fails synth', () => {
    // Prepare: an SQS queue without TLS enforcement or DLQ, inside a nested service stack.
    const { app, stack } = nagApp('dev');
    const [service] = stack.services;
    if (service === undefined) throw new Error('no service stack');
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
  });

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
  });
});
