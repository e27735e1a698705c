// SDK clients pointed at the local stack's emulators, built one way for every test: the
// local region and the emulators' fixed credentials (scripts/local/aws-env.ts).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';

/** Client settings for the emulator at `endpoint`. */
export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
}

/** DynamoDB Local of the stack the tests run against (or at `endpoint`). */
export function localDynamoDB(endpoint: string = inject('endpoints').dynamodb): DynamoDBClient {
  return new DynamoDBClient(localClientConfig(endpoint));
}

/** The local S3; the emulator serves buckets by path, not by host name. */
export function localS3(endpoint: string = inject('endpoints').s3): S3Client {
  return new S3Client({ ...localClientConfig(endpoint), forcePathStyle: true });
}

/** The local Step Functions engine (or the one at `endpoint`). */
export function localStepFunctions(endpoint: string = inject('endpoints').stepFunctions): SFNClient {
  return new SFNClient(localClientConfig(endpoint));
}

/** The local Cognito (or the one at `endpoint`). */
export function localCognito(endpoint: string = inject('endpoints').cognito): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localClientConfig(endpoint));
}
