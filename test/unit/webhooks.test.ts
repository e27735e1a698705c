import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi';

type Webhooks = Record<string, { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }>;
interface JsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
  $ref?: string;
}
interface Document {
  webhooks: Webhooks;
  components: { schemas: Record<string, JsonSchema> };
}

describe('OpenAPI webhooks', () => {
  const document = buildOpenApiDocument() as unknown as Document;
  const webhooks = document.webhooks;
  /** The schema itself, following a `#/components/schemas/<name>` reference. */
  const resolved = (schema: JsonSchema): JsonSchema => {
    const name = schema.$ref?.replace('#/components/schemas/', '');
    return name ? resolved(document.components.schemas[name]!) : schema;
  };
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
