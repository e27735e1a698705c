import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';

/** A resource of a synthesized template, as the assertions need it. */
export interface CfnResource {
  readonly logicalId: string;
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** An IAM policy statement as CloudFormation renders it. */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

/** Every resource of `type` in the template, with its logical id. */
export function resourcesOf(template: Template, type: string): CfnResource[] {
  return Object.entries(template.findResources(type)).map(([logicalId, resource]) => ({
    logicalId,
    Type: resource.Type,
    Properties: resource.Properties ?? {},
    DeletionPolicy: resource.DeletionPolicy,
    UpdateReplacePolicy: resource.UpdateReplacePolicy,
  }));
}

/** The resource with this logical id; fails the test when there is none. */
export function resourceById(template: Template, logicalId: string): CfnResource {
  const resource = template.toJSON().Resources?.[logicalId];
  if (resource === undefined) {
    throw new Error(`No resource ${logicalId} in the template`);
  }
  return {
    logicalId,
    Type: resource.Type,
    Properties: resource.Properties ?? {},
    DeletionPolicy: resource.DeletionPolicy,
  };
}

/** `{ Ref: X }` → X */
export function refOf(value: unknown): string {
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  if (typeof ref !== 'string') {
    throw new Error(`Expected a Ref, got ${JSON.stringify(value)}`);
  }
  return ref;
}

/** `{ 'Fn::GetAtt': [X, attribute] }` → X */
export function getAttOf(value: unknown): string {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (!Array.isArray(getAtt) || typeof getAtt[0] !== 'string') {
    throw new Error(`Expected a Fn::GetAtt, got ${JSON.stringify(value)}`);
  }
  return getAtt[0];
}

/** The statements of an IAM policy resource. */
export function statementsOf(policy: CfnResource): PolicyStatement[] {
  const document = policy.Properties.PolicyDocument as { Statement: PolicyStatement[] };
  return document.Statement;
}

/** A statement's actions as a list. */
export function actionsOf(statement: PolicyStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** The statements of the one IAM policy attached to the role `roleId`; fails the test unless there is exactly one. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatement[] {
  const policies = resourcesOf(template, 'AWS::IAM::Policy').filter((policy) =>
    (policy.Properties.Roles as unknown[]).some((role) => refOf(role) === roleId),
  );
  expect(policies, `policies of ${roleId}`).toHaveLength(1);
  return statementsOf(policies[0]!);
}

/** A Lambda function's environment variables. */
export function variablesOf(fn: CfnResource): Record<string, unknown> {
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** Every statement of every identity policy in the template (AWS::IAM::Policy and inline role policies). */
export function identityStatements(template: Template): PolicyStatement[] {
  const fromPolicies = resourcesOf(template, 'AWS::IAM::Policy').flatMap(statementsOf);
  const fromRoles = resourcesOf(template, 'AWS::IAM::Role').flatMap((role) =>
    ((role.Properties.Policies as { PolicyDocument: { Statement: PolicyStatement[] } }[] | undefined) ?? []).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );
  return [...fromPolicies, ...fromRoles];
}
