import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD_POLICY } from '#shared/identity/password-policy';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-env.ts';

interface UserPoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

/** The platform-wide administrators group (see DESIGN: Authorization). */
export const ADMINS_GROUP = 'admins';

function localCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
}

async function notFoundAsUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Makes sure the user pool, its app client and the `admins` group exist, reusing the ids
 * of a previous run (from local-stack.json) when cognito-local still has them. The pool is
 * configured like the CDK auth construct: email as username, the shared password policy,
 * USER_PASSWORD_AUTH + refresh for a client without a secret.
 */
export async function ensureUserPool(
  endpoint: string,
  previous: Partial<UserPoolIds>,
): Promise<UserPoolIds & { created: string[] }> {
  const client = localCognitoClient(endpoint);
  const created: string[] = [];
  try {
    let userPoolId = previous.userPoolId;
    const pool = userPoolId
      ? await notFoundAsUndefined(client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })))
      : undefined;
    if (!pool) {
      const result = await client.send(
        new CreateUserPoolCommand({
          PoolName: 'trellis-local',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Policies: {
            PasswordPolicy: {
              MinimumLength: PASSWORD_POLICY.minLength,
              RequireLowercase: PASSWORD_POLICY.requireLowercase,
              RequireUppercase: PASSWORD_POLICY.requireUppercase,
              RequireNumbers: PASSWORD_POLICY.requireDigits,
              RequireSymbols: PASSWORD_POLICY.requireSymbols,
            },
          },
        }),
      );
      userPoolId = required(result.UserPool?.Id, 'CreateUserPool returned no pool id');
      created.push('user pool');
    }
    const poolId = required(userPoolId, 'no user pool id');

    let userPoolClientId = pool ? previous.userPoolClientId : undefined;
    const appClient = userPoolClientId
      ? await notFoundAsUndefined(
          client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: userPoolClientId })),
        )
      : undefined;
    if (!appClient) {
      const result = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'trellis-local-api',
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
          // Cognito's defaults, stated: cognito-local would otherwise issue 24-hour tokens.
          AccessTokenValidity: 60,
          IdTokenValidity: 60,
          RefreshTokenValidity: 30,
          TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        }),
      );
      userPoolClientId = required(result.UserPoolClient?.ClientId, 'CreateUserPoolClient returned no client id');
      created.push('app client');
    }

    // ListGroups, not GetGroup: cognito-local's GetGroup fails with a 500 on a pool without groups.
    const groups = await client.send(new ListGroupsCommand({ UserPoolId: poolId }));
    if (!groups.Groups?.some((group) => group.GroupName === ADMINS_GROUP)) {
      await client.send(
        new CreateGroupCommand({ UserPoolId: poolId, GroupName: ADMINS_GROUP, Description: 'Platform administrators' }),
      );
      created.push(`${ADMINS_GROUP} group`);
    }
    return { userPoolId: poolId, userPoolClientId: required(userPoolClientId, 'no app client id'), created };
  } finally {
    client.destroy();
  }
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}
