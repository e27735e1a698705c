import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on a construct (and everything below it). The reason is
 * mandatory and must say why the finding is acceptable here, not restate the rule.
 */
export function acknowledgeNag(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) {
    throw new Error(`cdk-nag acknowledgement ${id} on ${scope.node.path} needs a specific reason`);
  }
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Renders a value the way cdk-nag names it in IAM findings (`<LogicalId>`, `<Logical.Attr>`,
 * `arn:<AWS::Partition>:s3:::<BucketName>/*`), so an acknowledgement names exactly one finding.
 *
 * `owner` (the resource the value belongs to) must be in `scope`'s stack: a cross-stack
 * reference resolves differently once CDK has wired it, and the acknowledgement would miss.
 */
export function nagResourceName(scope: IConstruct, owner: IConstruct, value: string): string {
  if (Stack.of(owner) !== Stack.of(scope)) {
    throw new Error(`${owner.node.path} is in another stack than ${scope.node.path}: import it into this stack first`);
  }
  return flatten(Stack.of(scope).resolve(value), scope);
}

function flatten(node: unknown, scope: IConstruct): string {
  if (typeof node === 'string') {
    return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  if (isObject(node)) {
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map((item) => flatten(item, scope)).join(delimiter);
    }
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `<${flatten(getAtt[0], scope)}.${flatten(getAtt[1], scope)}>`;
    }
    if ('Ref' in node) {
      return `<${flatten(node.Ref, scope)}>`;
    }
  }
  throw new Error(`Cannot name ${JSON.stringify(node)} for cdk-nag in ${scope.node.path}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
