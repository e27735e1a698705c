import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import { api, registerAndLogin } from '../support/client.ts';
import { createProject } from '../support/projects.ts';

// Deploy-target and webhook secrets are sealed by the application (envelope encryption with a
// KMS data key, AES-256-GCM) before they reach the table: what DynamoDB holds is no secret.
const apiUrl = inject('apiUrl');
const endpoints = inject('endpoints');
const { tableName } = inject('resources');
const client = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const dynamodb = new DynamoDBClient({ ...client, endpoint: endpoints.dynamodb });
const kms = new KMSClient({ ...client, endpoint: endpoints.kms });

afterAll(() => {
  dynamodb.destroy();
  kms.destroy();
});

const DEPLOY_SECRET = 'deploy-secret-4f0c2b9e-at-rest';
const STAGE_SECRET = 'stage-secret-7d1a55c3-at-rest';

async function projectItems(projectId: string): Promise<Record<string, unknown>[]> {
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: `PROJECT#${projectId}` } },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => unmarshall(item));
}

describe('secrets at rest', () => {
  it('stores deploy-target and webhook secrets sealed: no plaintext in the table, a KMS data key bound to the resource', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Secrets', 'SE');

    // Act
    const environment = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body: {
        name: 'production',
        deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook', secret: DEPLOY_SECRET },
      },
    });
    const pipeline = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: {
        name: 'Release',
        stages: [{ type: 'webhook', name: 'build', url: 'https://ci.example.com/hook', secret: STAGE_SECRET }],
      },
    });

    // Assess: answered without the secrets, stored without them in any form.
    expect(environment.status, environment.text).toBe(201);
    expect(pipeline.status, pipeline.text).toBe(201);
    expect(environment.text).not.toContain(DEPLOY_SECRET);
    expect(pipeline.text).not.toContain(STAGE_SECRET);
    const items = await projectItems(projectId);
    const stored = JSON.stringify(items);
    for (const secret of [DEPLOY_SECRET, STAGE_SECRET]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    }
    const { id: environmentId } = environment.body as { id: string };
    const { id: pipelineId } = pipeline.body as { id: string };
    const sealed = [
      {
        item: items.find((item) => item.SK === `ENVSECRET#${environmentId}`),
        resource: `environment/${environmentId}/deploy-target-secret`,
      },
      {
        item: items.find((item) => item.SK === `PIPELINESECRET#${pipelineId}#000001`),
        resource: `pipeline/${pipelineId}/version/1/webhook-secrets`,
      },
    ];
    for (const { item, resource } of sealed) {
      expect(item).toMatchObject({
        encrypted: { v: 1, keyId: inject('resources').secretsKeyId, iv: expect.any(String), tag: expect.any(String) },
      });
      expect(item).not.toHaveProperty('secret');
      expect(item).not.toHaveProperty('secrets');
      const encryptedDataKey = Buffer.from(
        (item!.encrypted as { encryptedDataKey: string }).encryptedDataKey,
        'base64',
      );
      const dataKey = await kms.send(
        new DecryptCommand({ CiphertextBlob: encryptedDataKey, EncryptionContext: { projectId, resource } }),
      );
      expect(dataKey.Plaintext).toHaveLength(32);
      const elsewhere = await kms
        .send(
          new DecryptCommand({ CiphertextBlob: encryptedDataKey, EncryptionContext: { projectId: 'other', resource } }),
        )
        .catch((error: Error) => error);
      expect(elsewhere).toMatchObject({ name: 'InvalidCiphertextException' });
    }
  });
});
