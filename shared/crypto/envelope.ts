// Envelope encryption of the secrets users give us (deploy-target and webhook signing
// secrets, design §7): each secret is sealed with its own AES-256 data key from KMS
// (GenerateDataKey), under AES-256-GCM with a random 12-byte IV; only the data key encrypted
// by KMS is stored beside the ciphertext. The encryption context names the project and the
// resource: KMS refuses to decrypt the data key under any other context, and the same context
// is the GCM additional data, so a sealed secret copied onto another resource never opens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';

/** A sealed secret as stored (all binary fields base64). */
export interface EncryptedSecret {
  v: 1;
  /** The KMS key the data key was generated under (Decrypt is pinned to it). */
  keyId: string;
  encryptedDataKey: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

/** Who the secret belongs to: `{ projectId, resource }` (strings only, as KMS takes them). */
export type SecretContext = Readonly<Record<string, string>>;

/** Thrown when a sealed secret does not open: tampered, another context, or not a sealed secret. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`The stored secret cannot be decrypted: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

const IV_BYTES = 12;
const ALGORITHM = 'aes-256-gcm';
/**
 * Decrypted data keys are kept this long per Lambda container. One deployment decrypts the
 * same secret in several steps (send the webhook, then verify its callback) within minutes;
 * the cache saves a KMS round trip (and request quota) per step while a plaintext key stays
 * in memory no longer than that. Keyed by encrypted key *and* context, so a cached key never
 * opens a secret under a context KMS was not asked about.
 */
const DATA_KEY_TTL_MS = 5 * 60_000;
const MAX_CACHED_KEYS = 100;
const dataKeys = new Map<string, { key: Buffer; expiresAt: number }>();

/**
 * Created on first use, not at module scope: the repositories that open secrets are imported
 * by many handlers that never do, and a lazy client leaves the KMS SDK out of their bundles
 * (esbuild drops it as unused) and their init.
 */
let kms: KMSClient | undefined;
const kmsClient = () => {
  kms ??= new KMSClient({});
  return kms;
};

/** Seals `plaintext` with a new data key of `keyId`, bound to `context`. */
export async function encryptWithKey(
  keyId: string,
  plaintext: string,
  context: SecretContext,
): Promise<EncryptedSecret> {
  const generated = await kmsClient().send(
    new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }),
  );
  if (!generated.Plaintext || !generated.CiphertextBlob) throw new Error('KMS GenerateDataKey returned no key');
  const dataKey = Buffer.from(generated.Plaintext);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, dataKey, iv);
    cipher.setAAD(additionalData(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      v: 1,
      keyId: generated.KeyId ?? keyId,
      encryptedDataKey: Buffer.from(generated.CiphertextBlob).toString('base64'),
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** Opens a sealed secret; SecretDecryptionError when it was tampered with or belongs to another context. */
export async function decryptSecret(sealed: EncryptedSecret, context: SecretContext): Promise<string> {
  if (sealed?.v !== 1) throw new SecretDecryptionError('unknown format');
  const dataKey = await dataKeyOf(sealed, context);
  try {
    const decipher = createDecipheriv(ALGORITHM, dataKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretDecryptionError('the ciphertext or its tag was altered');
  }
}

/** Whether a stored value is a sealed secret (rather than a plaintext one stored before encryption). */
export function isEncryptedSecret(value: unknown): value is EncryptedSecret {
  return typeof value === 'object' && value !== null && (value as { v?: unknown }).v === 1;
}

async function dataKeyOf(sealed: EncryptedSecret, context: SecretContext): Promise<Buffer> {
  const cacheKey = `${sealed.encryptedDataKey}\n${canonical(context)}`;
  const now = Date.now();
  const cached = dataKeys.get(cacheKey);
  if (cached && cached.expiresAt > now) return cached.key;
  let plaintext: Uint8Array | undefined;
  try {
    plaintext = (
      await kmsClient().send(
        new DecryptCommand({
          KeyId: sealed.keyId,
          CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
          EncryptionContext: { ...context },
        }),
      )
    ).Plaintext;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'InvalidCiphertextException' || name === 'IncorrectKeyException') {
      throw new SecretDecryptionError(`KMS refused the data key (${name})`);
    }
    throw error;
  }
  if (!plaintext) throw new Error('KMS Decrypt returned no key');
  const key = Buffer.from(plaintext);
  for (const [entry, { expiresAt }] of dataKeys) if (expiresAt <= now) dataKeys.delete(entry);
  if (dataKeys.size >= MAX_CACHED_KEYS) dataKeys.delete(dataKeys.keys().next().value as string);
  dataKeys.set(cacheKey, { key, expiresAt: now + DATA_KEY_TTL_MS });
  return key;
}

/** The context as GCM additional data: its entries sorted, so key order never matters. */
function additionalData(context: SecretContext): Buffer {
  return Buffer.from(canonical(context), 'utf8');
}

function canonical(context: SecretContext): string {
  return JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
