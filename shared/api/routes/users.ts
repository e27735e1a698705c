import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import { MyInvitationParams } from '#shared/schemas/invitations';
import { UpdateMeBody, UserParams } from '#shared/schemas/users';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const GetMe = /* @__PURE__ */ defineRoute({
  id: 'GetMe',
  method: 'GET',
  path: '/v1/me',
  handler: 'functions/users/get-me.ts',
  auth: 'user',
  summary: "The caller's profile",
  access: { table: 'read' },
  response: { status: 200 },
});

export const UpdateMe = /* @__PURE__ */ defineRoute({
  id: 'UpdateMe',
  method: 'PATCH',
  path: '/v1/me',
  handler: 'functions/users/update-me.ts',
  auth: 'user',
  summary: "Updates the caller's profile",
  access: { table: 'readWrite' },
  request: { body: UpdateMeBody },
  response: { status: 200 },
});

export const GetUser = /* @__PURE__ */ defineRoute({
  id: 'GetUser',
  method: 'GET',
  path: '/v1/users/{userId}',
  handler: 'functions/users/get-user.ts',
  auth: 'user',
  summary: 'A user; the email is shown only to the user themself and admins',
  access: { table: 'read' },
  request: { params: UserParams },
  response: { status: 200 },
});

export const DeleteUser = /* @__PURE__ */ defineRoute({
  id: 'DeleteUser',
  method: 'DELETE',
  path: '/v1/users/{userId}',
  handler: 'functions/users/delete-user.ts',
  auth: 'user',
  summary:
    'Deletes a user, their memberships and their login (platform admins only); 409 while they are the last owner of a project',
  access: { table: 'readWrite', events: true, userPool: ['cognito-idp:AdminDeleteUser'] },
  request: { params: UserParams },
  response: { status: 204 },
});

export const ListMyInvitations = /* @__PURE__ */ defineRoute({
  id: 'ListMyInvitations',
  method: 'GET',
  path: '/v1/me/invitations',
  handler: 'functions/users/list-my-invitations.ts',
  auth: 'user',
  summary: "Pending invitations to the caller's email",
  access: { table: 'read' },
  request: { query: PageQuery },
  response: { status: 200 },
});

export const AcceptInvitation = /* @__PURE__ */ defineRoute({
  id: 'AcceptInvitation',
  method: 'POST',
  path: '/v1/me/invitations/{invitationId}/accept',
  handler: 'functions/users/accept-invitation.ts',
  auth: 'user',
  summary: 'Accepts an invitation: the caller becomes a member with the invited role',
  access: { table: 'readWrite', events: true },
  request: { params: MyInvitationParams },
  response: { status: 200 },
});

export const DeclineInvitation = /* @__PURE__ */ defineRoute({
  id: 'DeclineInvitation',
  method: 'POST',
  path: '/v1/me/invitations/{invitationId}/decline',
  handler: 'functions/users/decline-invitation.ts',
  auth: 'user',
  summary: 'Declines an invitation',
  access: { table: 'readWrite', events: true },
  request: { params: MyInvitationParams },
  response: { status: 204 },
});

/** Routes served by functions/users/. */
export const USERS_ROUTES = {
  GetMe,
  UpdateMe,
  GetUser,
  DeleteUser,
  ListMyInvitations,
  AcceptInvitation,
  DeclineInvitation,
};
