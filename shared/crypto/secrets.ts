import { ENV, requireEnv } from '#shared/config/env';
import { type EncryptedSecret, encryptWithKey, type SecretContext } from '#shared/crypto/envelope';

/**
 * The KMS key secrets are sealed under, read at init: only the Lambdas that store secrets
 * import this module (and are granted kms:GenerateDataKey on the key); opening a secret needs
 * no configuration (the sealed secret names its key).
 */
const secretsKeyId = requireEnv(ENV.secretsKeyId);

/** Seals a secret under the platform's secrets key, bound to `context` (see `envelope.ts`). */
export function encryptSecret(plaintext: string, context: SecretContext): Promise<EncryptedSecret> {
  return encryptWithKey(secretsKeyId, plaintext, context);
}
