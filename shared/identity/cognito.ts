import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type SignUpCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ENV, requireEnv } from '#shared/config/env';
import { AppError, ConflictError, UnauthorizedError, ValidationError } from '#shared/http/errors';
import * as m from '#shared/identity/messages';

const userPoolId = requireEnv(ENV.userPoolId);
const clientId = requireEnv(ENV.userPoolClientId);
const client = new CognitoIdentityProviderClient({});

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * Creates and confirms a Cognito user (email is the sign-in name) and returns its `sub`,
 * which is the platform's user id; undefined when Cognito already has a user with this
 * email. Confirmation is done by the platform: registration is the proof of intent here, and
 * email verification is a separate concern.
 */
export async function createIdentity(email: string, password: string, name: string): Promise<string | undefined> {
  let result: SignUpCommandOutput;
  try {
    result = await call(() =>
      client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: email,
          Password: password,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
  await call(() => client.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email })));
  if (!result.UserSub) throw new Error('Cognito SignUp returned no UserSub');
  return result.UserSub;
}

/** Deletes the Cognito user signing in with this email, and with it every token; a no-op when there is none. */
export async function deleteIdentity(email: string): Promise<void> {
  try {
    await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: email }));
  } catch (error) {
    if (error instanceof CognitoIdentityProviderServiceException && error.name === 'UserNotFoundException') return;
    throw error;
  }
}

/** Email + password → tokens (USER_PASSWORD_AUTH). Wrong email and wrong password look alike. */
export async function passwordLogin(email: string, password: string): Promise<Tokens> {
  const result = await call(() =>
    client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    ),
  );
  return toTokens(result.AuthenticationResult);
}

/** Refresh token → new access and id tokens. */
export async function refreshLogin(refreshToken: string): Promise<Tokens> {
  const result = await call(
    () =>
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    'INVALID_REFRESH_TOKEN',
  );
  return toTokens(result.AuthenticationResult);
}

/**
 * Revokes a refresh token and the access and id tokens issued from it (logout). A token
 * Cognito does not know, or has revoked already, counts as done (RFC 7009 §2.2), so a
 * client may retry a logout whose answer it lost. Access tokens already handed out stay
 * valid at the API's JWT authorizer until they expire (at most an hour).
 */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  try {
    await call(
      () => client.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken })),
      'INVALID_REFRESH_TOKEN',
    );
  } catch (error) {
    if (error instanceof UnauthorizedError && error.code === 'INVALID_REFRESH_TOKEN') return;
    throw error;
  }
}

function toTokens(result: AuthenticationResultType | undefined): Tokens {
  if (!result?.AccessToken || !result.IdToken) {
    // A challenge (e.g. NEW_PASSWORD_REQUIRED) instead of tokens: the account needs attention.
    throw new UnauthorizedError('AUTH_CHALLENGE_REQUIRED', m.challengeRequired());
  }
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken,
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

/** Translates Cognito's client errors into problem codes; anything else propagates as a 500. */
async function call<T>(operation: () => Promise<T>, unauthorizedCode = 'INVALID_CREDENTIALS'): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof CognitoIdentityProviderServiceException)) throw error;
    switch (error.name) {
      case 'UsernameExistsException':
      case 'AliasExistsException':
        throw new ConflictError('EMAIL_TAKEN', m.emailTaken());
      case 'InvalidPasswordException':
        throw new ValidationError([{ path: 'body.password', message: error.message }], m.passwordTooWeak());
      case 'NotAuthorizedException':
      case 'UserNotFoundException':
        throw new UnauthorizedError(
          unauthorizedCode,
          unauthorizedCode === 'INVALID_CREDENTIALS' ? m.invalidCredentials() : m.invalidRefreshToken(),
        );
      case 'UnsupportedTokenTypeException':
        throw new ValidationError(
          [{ path: 'body.refreshToken', message: 'This is not a refresh token.' }],
          m.sendRefreshToken(),
        );
      case 'UserNotConfirmedException':
        throw new UnauthorizedError('USER_NOT_CONFIRMED', m.userNotConfirmed());
      case 'TooManyRequestsException':
      case 'LimitExceededException':
        throw new AppError(429, 'TOO_MANY_REQUESTS', m.titleTooManyRequests(), m.slowDown(), {
          headers: { 'retry-after': '5' },
        });
      default:
        throw error;
    }
  }
}
