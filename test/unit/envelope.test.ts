import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Envelope from '#shared/crypto/envelope';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import { type KmsLocal, startKmsLocal } from '../../scripts/local/kms.ts';
import { createLogger } from '../../scripts/local/log.ts';

// The envelope module against the local KMS endpoint (the AWS JSON 1.1 protocol the SDK
// speaks, on loopback): the same code path the handlers take locally and in AWS.
const log = createLogger('ERROR');
const SECRET = 'deploy-hook-signing-secret-0123456789';
const CONTEXT = { projectId: 'p1', resource: 'environment/e1/deploy-target-secret' };

let dataDir: string;
let kmsLocal: KmsLocal;
let envelope: typeof Envelope;
const saved = { ...process.env };

const client = () =>
  new KMSClient({ endpoint: kmsLocal.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trellis-kms-'));
  kmsLocal = await startKmsLocal({ dataDir, log });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: kmsLocal.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  vi.resetModules();
  envelope = await import('#shared/crypto/envelope');
});

afterAll(async () => {
  process.env = saved;
  await kmsLocal.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('envelope encryption of secrets (shared/crypto/envelope)', () => {
  it('round-trips a secret, storing neither it nor its data key in plaintext', async () => {
    // Act
    const sealed = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);
    const opened = await envelope.decryptSecret(sealed, { resource: CONTEXT.resource, projectId: CONTEXT.projectId });

    // Assess
    expect(opened).toBe(SECRET);
    expect(sealed).toMatchObject({ v: 1, keyId: kmsLocal.keyArn });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain(SECRET);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain(SECRET);
  });

  it('seals the same secret differently each time (a data key and IV of its own)', async () => {
    const first = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);
    const second = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);

    expect(second.encryptedDataKey).not.toBe(first.encryptedDataKey);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it('refuses a tampered ciphertext, tag or data key', async () => {
    // Prepare
    const sealed = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);
    const flipped = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[bytes.length - 1]! ^= 0x01;
      return bytes.toString('base64');
    };

    // Act / Assess
    for (const tampered of [
      { ...sealed, ciphertext: flipped(sealed.ciphertext) },
      { ...sealed, tag: flipped(sealed.tag) },
      { ...sealed, encryptedDataKey: flipped(sealed.encryptedDataKey) },
    ]) {
      await expect(envelope.decryptSecret(tampered, CONTEXT)).rejects.toBeInstanceOf(envelope.SecretDecryptionError);
    }
  });

  it('refuses to open a secret under another project or resource, even with its data key cached', async () => {
    // Prepare: opened once, so its data key is cached in this "container".
    const sealed = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);
    expect(await envelope.decryptSecret(sealed, CONTEXT)).toBe(SECRET);

    // Act / Assess
    await expect(envelope.decryptSecret(sealed, { ...CONTEXT, projectId: 'p2' })).rejects.toThrow(
      /cannot be decrypted/,
    );
    await expect(
      envelope.decryptSecret(sealed, { ...CONTEXT, resource: 'environment/e2/deploy-target-secret' }),
    ).rejects.toThrow(/cannot be decrypted/);
  });

  it('says so when the stored value is not a sealed secret', async () => {
    expect(envelope.isEncryptedSecret(SECRET)).toBe(false);
    await expect(envelope.decryptSecret({ v: 2 } as never, CONTEXT)).rejects.toThrow(/unknown format/);
  });
});

describe('the local KMS endpoint (scripts/local/kms.ts)', () => {
  it('answers Decrypt under another encryption context with InvalidCiphertextException, as KMS does', async () => {
    const kms = client();
    const key = await kms.send(
      new GenerateDataKeyCommand({ KeyId: kmsLocal.keyArn, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    );

    const wrong = await kms
      .send(
        new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: { ...CONTEXT, projectId: 'p2' } }),
      )
      .catch((error: Error) => error);
    const right = await kms.send(
      new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: CONTEXT }),
    );

    expect(wrong).toMatchObject({ name: 'InvalidCiphertextException' });
    expect(key.Plaintext).toHaveLength(32);
    expect(Buffer.from(right.Plaintext!)).toEqual(Buffer.from(key.Plaintext!));
    kms.destroy();
  });

  it('answers NotFoundException for a key it does not have', async () => {
    const kms = client();
    await expect(
      kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/nope', KeySpec: 'AES_256' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    kms.destroy();
  });

  it('keeps its key in the data folder: after a restart it still opens what it sealed', async () => {
    // Prepare
    const sealed = await envelope.encryptWithKey(kmsLocal.keyArn, SECRET, CONTEXT);
    const restarted = await startKmsLocal({ dataDir, log });
    const kms = new KMSClient({ endpoint: restarted.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

    // Act
    const opened = await kms.send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
        EncryptionContext: CONTEXT,
      }),
    );

    // Assess
    expect(restarted.keyArn).toBe(kmsLocal.keyArn);
    expect(opened.Plaintext).toHaveLength(32);
    kms.destroy();
    await restarted.stop();
  });
});
