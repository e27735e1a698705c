import { defineRoute } from '#shared/api/route-definition';
import { LoginBody, RefreshBody, RegisterBody } from '#shared/schemas/users';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const Register = /* @__PURE__ */ defineRoute({
  id: 'Register',
  method: 'POST',
  path: '/v1/auth/register',
  handler: 'functions/auth/register.ts',
  auth: 'public',
  summary: 'Creates an account',
  access: {
    table: 'readWrite',
    events: true,
    userPool: ['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminDeleteUser'],
  },
  request: { body: RegisterBody },
  response: { status: 201 },
});

export const Login = /* @__PURE__ */ defineRoute({
  id: 'Login',
  method: 'POST',
  path: '/v1/auth/login',
  handler: 'functions/auth/login.ts',
  auth: 'public',
  summary: 'Exchanges email and password for tokens',
  access: {},
  request: { body: LoginBody },
  response: { status: 200 },
});

export const RefreshTokens = /* @__PURE__ */ defineRoute({
  id: 'RefreshTokens',
  method: 'POST',
  path: '/v1/auth/refresh',
  handler: 'functions/auth/refresh.ts',
  auth: 'public',
  summary: 'Exchanges a refresh token for new access and id tokens',
  access: {},
  request: { body: RefreshBody },
  response: { status: 200 },
});

export const Logout = /* @__PURE__ */ defineRoute({
  id: 'Logout',
  method: 'POST',
  path: '/v1/auth/logout',
  handler: 'functions/auth/logout.ts',
  auth: 'public',
  summary: 'Revokes a refresh token (and the tokens issued from it); idempotent',
  access: {},
  request: { body: RefreshBody },
  response: { status: 204 },
});

/** Routes served by functions/auth/. */
export const AUTH_ROUTES = { Register, Login, RefreshTokens, Logout };
