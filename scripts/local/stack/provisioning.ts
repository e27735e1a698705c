import { LOCAL_RESOURCE_NAMES, type LocalResources } from '../aws-env.ts';
import type { Logger } from '../log.ts';
import { type LocalStackState, writeLocalState } from '../state.ts';
import type { Emulators } from './emulators.ts';

/**
 * The modules that take seconds to load (AWS SDK clients, s3rver, the route table's
 * schemas). Imported while the JVM boots rather than before it is even spawned: on a
 * 2-core machine that is most of the difference between a 9 s and a 6 s start.
 */
export async function importProvisioning() {
  const [dynamodbTable, cognitoPool, s3, eventBus, stepFunctions, gateway, jwt, lambda, routes, rules] =
    await Promise.all([
      import('../dynamodb-table.ts'),
      import('../cognito-pool.ts'),
      import('../s3.ts'),
      import('../event-bus.ts'),
      import('../step-functions/index.ts'),
      import('../gateway.ts'),
      import('../jwt-authorizer.ts'),
      import('../lambda-runtime.ts'),
      import('#shared/api/routes'),
      import('#shared/events/rules'),
    ]);
  return { dynamodbTable, cognitoPool, s3, eventBus, stepFunctions, gateway, jwt, lambda, routes, rules };
}

/** The modules `importProvisioning` loads. */
export type ProvisioningModules = Awaited<ReturnType<typeof importProvisioning>>;

/**
 * Creates or updates the table and the user pool from the same definitions as the CDK stack,
 * and saves what a restart must find again (the pool's ids, the Cognito port).
 */
export async function provisionResources(
  dataDir: string,
  previous: Partial<LocalStackState>,
  { dynamodb, cognito, kms }: Emulators,
  modules: ProvisioningModules,
  log: Logger,
): Promise<LocalResources> {
  const { tableName, bucketName, eventBusName } = LOCAL_RESOURCE_NAMES;
  const [table, pool] = await Promise.all([
    modules.dynamodbTable.ensureTable(dynamodb.endpoint, tableName),
    modules.cognitoPool.ensureUserPool(cognito.endpoint, previous),
  ]);
  const created = pool.created.length > 0 ? ` (created ${pool.created.join(', ')})` : '';
  log.info(`  table ${tableName}: ${table}; user pool ${pool.userPoolId}${created}`);

  const state = {
    cognitoPort: Number(new URL(cognito.endpoint).port),
    tableName,
    bucketName,
    eventBusName,
    userPoolId: pool.userPoolId,
    userPoolClientId: pool.userPoolClientId,
  };
  await writeLocalState(dataDir, state);
  // State machine ARNs follow from their ids: nothing a restart needs to find again.
  return { ...state, secretsKeyId: kms.keyArn, stateMachineArns: modules.stepFunctions.stateMachineArnsById() };
}
