import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Secrets stored in plaintext before the application sealed them (`secret` / `secrets` on
// the item) stay readable: a deployment of an environment configured earlier still signs.
// Sealed items are covered end to end by test/integration/secrets-at-rest.test.ts.
const dynamodb = mockClient(DynamoDBDocumentClient);
const saved = { ...process.env };
let environments: typeof import('#shared/environments/repository');
let pipelines: typeof import('#shared/pipelines/repository');

beforeAll(async () => {
  process.env.TABLE_NAME = 'trellis-test';
  process.env.AWS_REGION = 'us-east-1';
  vi.resetModules();
  environments = await import('#shared/environments/repository');
  pipelines = await import('#shared/pipelines/repository');
});

beforeEach(() => {
  dynamodb.reset();
});

afterAll(() => {
  dynamodb.restore();
  process.env = saved;
});

describe('secrets stored before they were sealed', () => {
  it('reads a plaintext deploy-target secret as it is', async () => {
    dynamodb.on(GetCommand, { Key: { PK: 'PROJECT#p1', SK: 'ENVSECRET#e1' } }).resolves({
      Item: { PK: 'PROJECT#p1', SK: 'ENVSECRET#e1', type: 'EnvironmentSecret', secret: 'legacy-secret-0123456789' },
    });

    expect(await environments.getEnvironmentSecret('p1', 'e1')).toBe('legacy-secret-0123456789');
  });

  it('reads plaintext webhook secrets of a pipeline version as they are', async () => {
    dynamodb.on(GetCommand, { Key: { PK: 'PROJECT#p1', SK: 'PIPELINESECRET#pl1#000003' } }).resolves({
      Item: { type: 'PipelineSecrets', secrets: { build: 'legacy-stage-secret-0123' } },
    });

    expect(await pipelines.getPipelineSecrets('p1', 'pl1', 3)).toEqual({ build: 'legacy-stage-secret-0123' });
  });

  it('answers no secret when none is stored', async () => {
    dynamodb.on(GetCommand).resolves({});

    expect(await environments.getEnvironmentSecret('p1', 'e2')).toBeUndefined();
    expect(await pipelines.getPipelineSecrets('p1', 'pl2', 1)).toEqual({});
  });
});
