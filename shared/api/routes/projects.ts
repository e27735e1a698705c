import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import { CreateInvitationBody, InvitationParams } from '#shared/schemas/invitations';
import {
  CreateProjectBody,
  MemberParams,
  ProjectParams,
  PutMemberBody,
  UpdateProjectBody,
} from '#shared/schemas/projects';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const CreateProject = /* @__PURE__ */ defineRoute({
  id: 'CreateProject',
  method: 'POST',
  path: '/v1/projects',
  handler: 'functions/projects/create-project.ts',
  auth: 'user',
  summary: 'Creates a project; the caller becomes its owner',
  access: { table: 'readWrite', events: true, secrets: ['encrypt'] },
  request: { body: CreateProjectBody },
  response: { status: 201 },
});

export const ListProjects = /* @__PURE__ */ defineRoute({
  id: 'ListProjects',
  method: 'GET',
  path: '/v1/projects',
  handler: 'functions/projects/list-projects.ts',
  auth: 'user',
  summary: "The caller's projects",
  access: { table: 'read' },
  request: { query: PageQuery },
  response: { status: 200 },
});

export const GetProject = /* @__PURE__ */ defineRoute({
  id: 'GetProject',
  method: 'GET',
  path: '/v1/projects/{projectId}',
  handler: 'functions/projects/get-project.ts',
  auth: 'user',
  permission: { resource: 'project', action: 'read' },
  summary: 'A project',
  access: { table: 'read' },
  request: { params: ProjectParams },
  response: { status: 200 },
});

export const UpdateProject = /* @__PURE__ */ defineRoute({
  id: 'UpdateProject',
  method: 'PATCH',
  path: '/v1/projects/{projectId}',
  handler: 'functions/projects/update-project.ts',
  auth: 'user',
  permission: { resource: 'project', action: 'update' },
  summary: 'Updates a project (honours If-Match with the version)',
  access: { table: 'readWrite', events: true, secrets: ['encrypt'] },
  request: { params: ProjectParams, body: UpdateProjectBody },
  response: { status: 200 },
});

export const DeleteProject = /* @__PURE__ */ defineRoute({
  id: 'DeleteProject',
  method: 'DELETE',
  path: '/v1/projects/{projectId}',
  handler: 'functions/projects/delete-project.ts',
  auth: 'user',
  permission: { resource: 'project', action: 'delete' },
  summary: 'Deletes a project and its memberships',
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams },
  response: { status: 204 },
});

export const ListMembers = /* @__PURE__ */ defineRoute({
  id: 'ListMembers',
  method: 'GET',
  path: '/v1/projects/{projectId}/members',
  handler: 'functions/projects/list-members.ts',
  auth: 'user',
  permission: { resource: 'member', action: 'list' },
  summary: "A project's members",
  access: { table: 'read' },
  request: { params: ProjectParams, query: PageQuery },
  response: { status: 200 },
});

export const PutMember = /* @__PURE__ */ defineRoute({
  id: 'PutMember',
  method: 'PUT',
  path: '/v1/projects/{projectId}/members/{userId}',
  handler: 'functions/projects/put-member.ts',
  auth: 'user',
  permission: { resource: 'member', action: 'manage' },
  summary:
    "Changes a member's role (only owners grant or take away owner); people join by invitation, so a non-member answers 404",
  access: { table: 'readWrite', events: true },
  request: { params: MemberParams, body: PutMemberBody },
  response: { status: 200 },
});

export const RemoveMember = /* @__PURE__ */ defineRoute({
  id: 'RemoveMember',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/members/{userId}',
  handler: 'functions/projects/remove-member.ts',
  auth: 'user',
  // Removing someone else needs `member:manage`; any member may remove themselves.
  permission: { resource: 'member', action: 'manage' },
  permissionOnSelf: { resource: 'member', action: 'list' },
  summary: 'Removes a member; a project always keeps at least one owner',
  access: { table: 'readWrite', events: true },
  request: { params: MemberParams },
  response: { status: 204 },
});

export const CreateInvitation = /* @__PURE__ */ defineRoute({
  id: 'CreateInvitation',
  method: 'POST',
  path: '/v1/projects/{projectId}/invitations',
  handler: 'functions/projects/create-invitation.ts',
  auth: 'user',
  permission: { resource: 'invitation', action: 'manage' },
  summary: 'Invites someone by email to join with a role (only owners invite owners); valid for 7 days',
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams, body: CreateInvitationBody },
  response: { status: 201 },
});

export const ListInvitations = /* @__PURE__ */ defineRoute({
  id: 'ListInvitations',
  method: 'GET',
  path: '/v1/projects/{projectId}/invitations',
  handler: 'functions/projects/list-invitations.ts',
  auth: 'user',
  permission: { resource: 'invitation', action: 'list' },
  summary: "A project's pending invitations",
  access: { table: 'read' },
  request: { params: ProjectParams, query: PageQuery },
  response: { status: 200 },
});

export const RevokeInvitation = /* @__PURE__ */ defineRoute({
  id: 'RevokeInvitation',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/invitations/{invitationId}',
  handler: 'functions/projects/revoke-invitation.ts',
  auth: 'user',
  permission: { resource: 'invitation', action: 'manage' },
  summary: 'Withdraws a pending invitation',
  access: { table: 'readWrite', events: true },
  request: { params: InvitationParams },
  response: { status: 204 },
});

/** Routes served by functions/projects/. */
export const PROJECTS_ROUTES = {
  CreateProject,
  ListProjects,
  GetProject,
  UpdateProject,
  DeleteProject,
  ListMembers,
  PutMember,
  RemoveMember,
  CreateInvitation,
  ListInvitations,
  RevokeInvitation,
};
