import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi';

type Webhooks = Record<string, { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }>;
interface JsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** The schema itself, following a top-level `#/$defs/<name>` reference. */
function resolved(schema: JsonSchema): JsonSchema {
  const name = schema.$ref?.replace('#/$defs/', '');
  return name ? resolved({ ...schema.$defs![name]!, $defs: schema.$defs }) : schema;
}

describe('OpenAPI webhooks', () => {
  const webhooks = (buildOpenApiDocument() as { webhooks: Webhooks }).webhooks;
  const bodyOf = (name: string) => resolved(webhooks[name]!.post.requestBody.content['application/json']!.schema);

  it('documents the deploy hook body Trellis sends, parameters and callbackUrl included', () => {
    const schema = bodyOf('deployTarget');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['deploymentId', 'version', 'parameters', 'rollback', 'callbackUrl', 'environment']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['deploymentId', 'version', 'stage', 'parameters']));
  });

  it("documents a webhook stage's body", () => {
    expect(Object.keys(bodyOf('deploymentStage').properties ?? {})).toEqual(
      expect.arrayContaining(['deploymentId', 'stage', 'parameters', 'callbackUrl']),
    );
  });
});
