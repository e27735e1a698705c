import { type CognitoLocal, startCognitoLocal } from '../cognito.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb.ts';
import { type KmsLocal, startKmsLocal } from '../kms.ts';
import type { Logger } from '../log.ts';
import type { S3Local } from '../s3.ts';
import type { ShutdownOrder } from './shutdown.ts';

/** The emulators the handlers' AWS SDK clients talk to. */
export interface Emulators {
  dynamodb: DynamoDbLocal;
  cognito: CognitoLocal;
  s3: S3Local;
  kms: KmsLocal;
}

export interface EmulatorOptions {
  dataDir: string;
  dynamoPort?: number;
  cognitoPort?: number;
  s3Port?: number;
  kmsPort?: number;
  /** The Cognito port the data folder's previous run used. */
  previousCognitoPort?: number;
  bucketName: string;
  /** s3rver's module, imported while the JVM boots (see importProvisioning). */
  s3Module: Promise<typeof import('../s3.ts')>;
  log: Logger;
}

/**
 * Starts the four emulators side by side, each registered for shutdown as soon as it is up.
 * allSettled, not all: a component that comes up after another failed must still be stopped.
 */
export async function startEmulators(options: EmulatorOptions, shutdown: ShutdownOrder): Promise<Emulators> {
  const { dataDir, log } = options;
  const [dynamodb, cognito, s3, kms] = await Promise.allSettled([
    startDynamoDbLocal({ dataDir, port: options.dynamoPort, log }).then(shutdown.track<DynamoDbLocal>),
    startCognito(dataDir, options.cognitoPort, options.previousCognitoPort, log).then(shutdown.track<CognitoLocal>),
    options.s3Module
      .then((s3) => s3.startS3Local({ dataDir, port: options.s3Port, bucketName: options.bucketName, log }))
      .then(shutdown.track<S3Local>),
    startKmsLocal({ dataDir, port: options.kmsPort, log }).then(shutdown.track<KmsLocal>),
  ]);
  return { dynamodb: settled(dynamodb), cognito: settled(cognito), s3: settled(s3), kms: settled(kms) };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * cognito-local on the port asked for; without one, on the port the data folder's previous run
 * used, so that the tokens it issued (their `iss` holds the port) stay valid. Should another
 * process hold that port now, a free one will do, and old tokens answer 401 saying so.
 */
async function startCognito(
  dataDir: string,
  port: number | undefined,
  previousPort: number | undefined,
  log: Logger,
): Promise<CognitoLocal> {
  if (port !== undefined || previousPort === undefined) return startCognitoLocal({ dataDir, port, log });
  try {
    return await startCognitoLocal({ dataDir, port: previousPort, log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn(
      `Cognito port ${previousPort} (from the last run) is taken: tokens issued before this start will not work`,
    );
    return startCognitoLocal({ dataDir, log });
  }
}
