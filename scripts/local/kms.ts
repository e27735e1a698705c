import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-env.ts';
import { type AwsJsonOperation, parseRequest, startAwsJsonServer } from './aws-json.ts';
import type { Logger } from './log.ts';
import { ServiceError } from './step-functions/service-error.ts';

export interface KmsLocal {
  endpoint: string;
  /** The ARN of the one symmetric key (the stack's secrets key). */
  keyArn: string;
  stop(): Promise<void>;
}

const TARGET_PREFIX = 'TrentService.';
const MAX_REQUEST_BYTES = 64 * 1024;
/** Blob layout: version, key id (36 ASCII bytes), IV, GCM tag, ciphertext. */
const BLOB_VERSION = 1;
const KEY_ID_BYTES = 36;
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface MasterKey {
  keyId: string;
  arn: string;
  material: Buffer;
}

const Context = z.record(z.string(), z.string()).optional();
const Blob = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/**
 * The local KMS endpoint: the AWS JSON 1.1 protocol the SDK's KMS client speaks (`POST /`,
 * `X-Amz-Target: TrentService.<Operation>`, errors `{ __type, message }`), for
 * GenerateDataKey, Encrypt and Decrypt under one symmetric key. Its 256-bit material is
 * created once and kept in `<dataDir>/kms/` (a restart still opens what was sealed before).
 * Ciphertext blobs are AES-256-GCM with the key id and the encryption context as additional
 * data, so, as in KMS, Decrypt under another context is an InvalidCiphertextException.
 */
export async function startKmsLocal(options: { dataDir: string; port?: number; log: Logger }): Promise<KmsLocal> {
  const key = await loadOrCreateKey(join(options.dataDir, 'kms'));
  const operations: Record<string, AwsJsonOperation> = {
    GenerateDataKey: (body) => {
      const request = parseRequest(
        z.object({
          KeyId: z.string(),
          KeySpec: z.enum(['AES_256', 'AES_128']).optional(),
          NumberOfBytes: z.number().int().min(1).max(1024).optional(),
          EncryptionContext: Context,
        }),
        body,
      );
      requireKey(key, request.KeyId);
      const plaintext = randomBytes(request.NumberOfBytes ?? (request.KeySpec === 'AES_128' ? 16 : 32));
      return {
        KeyId: key.arn,
        Plaintext: plaintext.toString('base64'),
        CiphertextBlob: seal(key, plaintext, request.EncryptionContext).toString('base64'),
      };
    },
    Encrypt: (body) => {
      const request = parseRequest(z.object({ KeyId: z.string(), Plaintext: Blob, EncryptionContext: Context }), body);
      requireKey(key, request.KeyId);
      const plaintext = Buffer.from(request.Plaintext, 'base64');
      if (plaintext.length === 0 || plaintext.length > 4096) {
        throw new ServiceError('ValidationException', 'Plaintext must be 1 to 4096 bytes');
      }
      return {
        KeyId: key.arn,
        CiphertextBlob: seal(key, plaintext, request.EncryptionContext).toString('base64'),
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      };
    },
    Decrypt: (body) => {
      const request = parseRequest(
        z.object({ CiphertextBlob: Blob, KeyId: z.string().optional(), EncryptionContext: Context }),
        body,
      );
      if (request.KeyId !== undefined && !isKey(key, request.KeyId)) {
        throw new ServiceError(
          'IncorrectKeyException',
          'The key ID in the request does not identify the key used to encrypt',
        );
      }
      return {
        KeyId: key.arn,
        Plaintext: open(key, Buffer.from(request.CiphertextBlob, 'base64'), request.EncryptionContext).toString(
          'base64',
        ),
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      };
    },
  };

  const server = await startAwsJsonServer({
    service: 'KMS',
    targetPrefix: TARGET_PREFIX,
    protocolVersion: '1.1',
    maxRequestBytes: MAX_REQUEST_BYTES,
    operations,
    internalErrorType: 'KMSInternalException',
    port: options.port,
    log: options.log,
  });
  return { endpoint: server.endpoint, keyArn: key.arn, stop: () => server.stop() };
}

/** The key kept in `directory`, created (exclusively, owner-only) on first start. */
async function loadOrCreateKey(directory: string): Promise<MasterKey> {
  await mkdir(directory, { recursive: true });
  const file = join(directory, 'secrets-key.json');
  const fresh = { keyId: randomUUID(), material: randomBytes(32).toString('base64') };
  try {
    await writeFile(file, JSON.stringify(fresh), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = JSON.parse(await readFile(file, 'utf8')) as { keyId: string; material: string };
  return {
    keyId: stored.keyId,
    arn: `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:key/${stored.keyId}`,
    material: Buffer.from(stored.material, 'base64'),
  };
}

function isKey(key: MasterKey, keyId: string): boolean {
  return keyId === key.keyId || keyId === key.arn;
}

function requireKey(key: MasterKey, keyId: string): void {
  if (!isKey(key, keyId)) throw new ServiceError('NotFoundException', `Key '${keyId}' does not exist`);
}

/** The additional data binding a blob to its key and context (entries sorted: order never matters). */
function additionalData(key: MasterKey, context: Record<string, string> = {}): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([key.keyId, entries]), 'utf8');
}

function seal(key: MasterKey, plaintext: Buffer, context: Record<string, string> | undefined): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(additionalData(key, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([
    Buffer.from([BLOB_VERSION]),
    Buffer.from(key.keyId, 'ascii'),
    iv,
    cipher.getAuthTag(),
    ciphertext,
  ]);
}

function open(key: MasterKey, blob: Buffer, context: Record<string, string> | undefined): Buffer {
  const header = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;
  if (blob.length <= header || blob[0] !== BLOB_VERSION) {
    throw new ServiceError('InvalidCiphertextException', 'The ciphertext is not a KMS ciphertext blob');
  }
  if (blob.subarray(1, 1 + KEY_ID_BYTES).toString('ascii') !== key.keyId) {
    throw new ServiceError('IncorrectKeyException', 'The ciphertext was encrypted under another key');
  }
  const iv = blob.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + IV_BYTES);
  const tag = blob.subarray(1 + KEY_ID_BYTES + IV_BYTES, header);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv);
    decipher.setAAD(additionalData(key, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(header)), decipher.final()]);
  } catch {
    // What KMS answers for a tampered blob and for a context other than the one it was sealed with.
    throw new ServiceError('InvalidCiphertextException', 'The ciphertext or its encryption context is invalid');
  }
}
