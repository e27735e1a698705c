import type { z } from 'zod';
import type { Permission } from '#shared/auth/permissions';
import { PageQuery } from '#shared/schemas/common';
import { Health } from '#shared/schemas/platform';
import {
  CreateProjectBody,
  Member,
  MemberPage,
  MemberParams,
  Project,
  ProjectPage,
  ProjectParams,
  PutMemberBody,
  UpdateProjectBody,
} from '#shared/schemas/projects';
import { LoginBody, RefreshBody, RegisterBody, Tokens, UpdateMeBody, User, UserParams } from '#shared/schemas/users';

/** What a route's Lambda may touch; the CDK function construct grants exactly this. */
export interface RouteAccess {
  table?: 'read' | 'readWrite';
  artifacts?: 'read' | 'readWrite';
  events?: boolean;
  /** Cognito admin actions on the user pool (public client actions need no grant). */
  userPool?: ReadonlyArray<'cognito-idp:AdminConfirmSignUp' | 'cognito-idp:AdminGetUser'>;
}

export interface RouteDefinition {
  /** PascalCase operation id; also names the Lambda construct. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path with `{param}` placeholders. */
  path: string;
  /** Lambda entry, relative to the repository root; exports `handler`. */
  handler: string;
  /** `public` routes have no authorizer; `user` routes require a Cognito JWT. */
  auth: 'public' | 'user';
  /** For project-scoped routes: the permission-table entry the handler enforces. */
  permission?: Permission;
  summary: string;
  access: RouteAccess;
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  /** Success status and body schema (null = empty body). */
  response: { status: 200 | 201 | 202 | 204; body: z.ZodType | null };
}

/**
 * The route table: every HTTP route of the platform. The CDK stack creates one Lambda and
 * one API route per entry, the local gateway serves the same entries, and the OpenAPI
 * document is generated from them.
 */
export const ROUTES: readonly RouteDefinition[] = [
  {
    id: 'GetHealth',
    method: 'GET',
    path: '/v1/health',
    handler: 'functions/platform/get-health.ts',
    auth: 'public',
    summary: 'Reports whether the platform can reach its table and bucket',
    access: { table: 'read', artifacts: 'read' },
    response: { status: 200, body: Health },
  },
  {
    id: 'GetOpenApiDocument',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/platform/get-openapi.ts',
    auth: 'public',
    summary: 'The OpenAPI 3.1 document of this API',
    access: {},
    response: { status: 200, body: null },
  },
  {
    id: 'Register',
    method: 'POST',
    path: '/v1/auth/register',
    handler: 'functions/auth/register.ts',
    auth: 'public',
    summary: 'Creates an account',
    access: { table: 'readWrite', events: true, userPool: ['cognito-idp:AdminConfirmSignUp'] },
    request: { body: RegisterBody },
    response: { status: 201, body: User },
  },
  {
    id: 'Login',
    method: 'POST',
    path: '/v1/auth/login',
    handler: 'functions/auth/login.ts',
    auth: 'public',
    summary: 'Exchanges email and password for tokens',
    access: {},
    request: { body: LoginBody },
    response: { status: 200, body: Tokens },
  },
  {
    id: 'RefreshTokens',
    method: 'POST',
    path: '/v1/auth/refresh',
    handler: 'functions/auth/refresh.ts',
    auth: 'public',
    summary: 'Exchanges a refresh token for new access and id tokens',
    access: {},
    request: { body: RefreshBody },
    response: { status: 200, body: Tokens },
  },
  {
    id: 'GetMe',
    method: 'GET',
    path: '/v1/me',
    handler: 'functions/users/get-me.ts',
    auth: 'user',
    summary: "The caller's profile",
    access: { table: 'read' },
    response: { status: 200, body: User },
  },
  {
    id: 'UpdateMe',
    method: 'PATCH',
    path: '/v1/me',
    handler: 'functions/users/update-me.ts',
    auth: 'user',
    summary: "Updates the caller's profile",
    access: { table: 'readWrite' },
    request: { body: UpdateMeBody },
    response: { status: 200, body: User },
  },
  {
    id: 'GetUser',
    method: 'GET',
    path: '/v1/users/{userId}',
    handler: 'functions/users/get-user.ts',
    auth: 'user',
    summary: 'A user; the email is shown only to the user themself and admins',
    access: { table: 'read' },
    request: { params: UserParams },
    response: { status: 200, body: User },
  },
  {
    id: 'CreateProject',
    method: 'POST',
    path: '/v1/projects',
    handler: 'functions/projects/create-project.ts',
    auth: 'user',
    summary: 'Creates a project; the caller becomes its owner',
    access: { table: 'readWrite', events: true },
    request: { body: CreateProjectBody },
    response: { status: 201, body: Project },
  },
  {
    id: 'ListProjects',
    method: 'GET',
    path: '/v1/projects',
    handler: 'functions/projects/list-projects.ts',
    auth: 'user',
    summary: "The caller's projects",
    access: { table: 'read' },
    request: { query: PageQuery },
    response: { status: 200, body: ProjectPage },
  },
  {
    id: 'GetProject',
    method: 'GET',
    path: '/v1/projects/{projectId}',
    handler: 'functions/projects/get-project.ts',
    auth: 'user',
    permission: { resource: 'project', action: 'read' },
    summary: 'A project',
    access: { table: 'read' },
    request: { params: ProjectParams },
    response: { status: 200, body: Project },
  },
  {
    id: 'UpdateProject',
    method: 'PATCH',
    path: '/v1/projects/{projectId}',
    handler: 'functions/projects/update-project.ts',
    auth: 'user',
    permission: { resource: 'project', action: 'update' },
    summary: 'Updates a project (honours If-Match with the version)',
    access: { table: 'readWrite', events: true },
    request: { params: ProjectParams, body: UpdateProjectBody },
    response: { status: 200, body: Project },
  },
  {
    id: 'DeleteProject',
    method: 'DELETE',
    path: '/v1/projects/{projectId}',
    handler: 'functions/projects/delete-project.ts',
    auth: 'user',
    permission: { resource: 'project', action: 'delete' },
    summary: 'Deletes a project and its memberships',
    access: { table: 'readWrite', events: true },
    request: { params: ProjectParams },
    response: { status: 204, body: null },
  },
  {
    id: 'ListMembers',
    method: 'GET',
    path: '/v1/projects/{projectId}/members',
    handler: 'functions/projects/list-members.ts',
    auth: 'user',
    permission: { resource: 'member', action: 'list' },
    summary: "A project's members",
    access: { table: 'read' },
    request: { params: ProjectParams, query: PageQuery },
    response: { status: 200, body: MemberPage },
  },
  {
    id: 'PutMember',
    method: 'PUT',
    path: '/v1/projects/{projectId}/members/{userId}',
    handler: 'functions/projects/put-member.ts',
    auth: 'user',
    permission: { resource: 'member', action: 'manage' },
    summary: "Adds a member or changes a member's role (only owners grant or take away owner)",
    access: { table: 'readWrite', events: true },
    request: { params: MemberParams, body: PutMemberBody },
    response: { status: 200, body: Member },
  },
  {
    id: 'RemoveMember',
    method: 'DELETE',
    path: '/v1/projects/{projectId}/members/{userId}',
    handler: 'functions/projects/remove-member.ts',
    auth: 'user',
    // Removing someone else needs `member:manage`; any member may remove themselves (domain rule).
    permission: { resource: 'member', action: 'manage' },
    summary: 'Removes a member; a project always keeps at least one owner',
    access: { table: 'readWrite', events: true },
    request: { params: MemberParams },
    response: { status: 204, body: null },
  },
];
