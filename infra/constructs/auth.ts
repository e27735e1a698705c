import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { acknowledgeNag } from '#infra/constructs/nag';
import { namePrefixOf, removalPolicyOf } from '#infra/constructs/stage-defaults';
import { ADMINS_GROUP } from '#shared/auth/context';
import { PASSWORD_POLICY } from '#shared/identity/password-policy';

export interface AuthProps {
  readonly config: StageConfig;
}

/**
 * Who the callers are: a Cognito user pool (email is the sign-in name), the one app client the
 * API's auth endpoints call with USER_PASSWORD_AUTH, and the `admins` group. Project roles are
 * not here: they are data, enforced in code.
 */
export class Auth extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly adminsGroup: cognito.UserPoolGroup;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: namePrefixOf(config),
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      // A verified email is what account recovery sends the code to.
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // The same policy registration validates against before calling Cognito.
      passwordPolicy: { ...PASSWORD_POLICY, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: config.retainData,
      removalPolicy: removalPolicyOf(config),
    });

    this.userPoolClient = this.userPool.addClient('AppClient', {
      userPoolClientName: `${namePrefixOf(config)}-api`,
      // ALLOW_USER_PASSWORD_AUTH; CDK always adds ALLOW_REFRESH_TOKEN_AUTH.
      authFlows: { userPassword: true },
      // Public client: the auth endpoints and CLI scripts cannot keep a secret.
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // No hosted UI: tokens come from /v1/auth/login, so no OAuth callback URLs to guard.
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.adminsGroup = this.userPool.addGroup('AdminsGroup', {
      groupName: ADMINS_GROUP,
      description: 'Platform administrators (see every project)',
    });

    acknowledgeNag(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is off: /v1/auth/login answers tokens directly and CI accounts sign in unattended; MFA challenges are not part of the v1 API',
    );
    const plusPlanReason =
      'Threat protection needs the Cognito Plus feature plan (billed per MAU); the pool uses Essentials until that is decided';
    acknowledgeNag(this.userPool, 'AwsSolutions-COG3', plusPlanReason);
    acknowledgeNag(this.userPool, 'AwsSolutions-COG8', plusPlanReason);
  }
}
