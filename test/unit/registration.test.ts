import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The modules read their configuration at load; every AWS call below is mocked.
vi.stubEnv('TABLE_NAME', 'unit-test-table');
vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
vi.stubEnv('USER_POOL_ID', 'local_pool');
vi.stubEnv('USER_POOL_CLIENT_ID', 'unit-test-client');
const { register } = await import('#shared/users/registration');

const cognito = mockClient(CognitoIdentityProviderClient);
const dynamodb = mockClient(DynamoDBDocumentClient);
const EMAIL = 'ada@example.com';
const INPUT = { email: EMAIL, password: 'Analytical-Engine-1843', name: 'Ada' };

describe('register', () => {
  beforeEach(() => {
    cognito.reset();
    dynamodb.reset();
    // Prepare: the email is free, Cognito creates the identity.
    dynamodb.on(PutCommand).resolves({});
    dynamodb.on(DeleteCommand).resolves({});
    cognito.on(SignUpCommand).resolves({ UserSub: '4b1e5a2c-9f3d-4e8a-b7c6-0d1e2f3a4b5c', UserConfirmed: false });
    cognito.on(AdminConfirmSignUpCommand).resolves({});
    cognito.on(AdminDeleteUserCommand).resolves({});
  });

  it('deletes the new Cognito identity and frees the email when the profile cannot be stored', async () => {
    // Prepare: the profile transaction loses its hold on the email.
    dynamodb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );

    // Act
    const attempt = register(INPUT, { correlationId: 'unit' });

    // Assess: 409, and no login without a profile is left behind.
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'EMAIL_TAKEN' });
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input.Username)).toEqual([EMAIL]);
    expect(dynamodb.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key)).toEqual([
      { PK: `EMAIL#${EMAIL}`, SK: 'EMAIL' },
    ]);
  });

  it('refuses an email an account holds with 409 before creating any identity', async () => {
    dynamodb
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    await expect(register(INPUT, { correlationId: 'unit' })).rejects.toMatchObject({ status: 409 });
    expect(cognito.commandCalls(SignUpCommand)).toEqual([]);
  });
});
