import type * as z from 'zod/mini';
import type { Permission } from '#shared/auth/permissions';

/** What a route's Lambda may touch; the CDK function construct grants exactly this. */
export interface RouteAccess {
  table?: 'read' | 'readWrite';
  artifacts?: 'read' | 'readWrite';
  events?: boolean;
  /** Cognito admin actions on the user pool (public client actions need no grant). */
  userPool?: ReadonlyArray<
    'cognito-idp:AdminConfirmSignUp' | 'cognito-idp:AdminDeleteUser' | 'cognito-idp:AdminGetUser'
  >;
  /**
   * State machines (ids from STATE_MACHINES) the Lambda starts, stops or answers task tokens
   * of; each one's ARN arrives in `stateMachineArnEnv(id)`.
   */
  stateMachines?: readonly string[];
  /** Needs the API's public base URL (PUBLIC_API_URL), e.g. to hand out callback URLs. */
  publicApiUrl?: boolean;
  /**
   * Stored secrets it seals (`encrypt`: kms:GenerateDataKey) or opens (`decrypt`: kms:Decrypt)
   * under the secrets key, whose ARN arrives in SECRETS_KEY_ID.
   */
  secrets?: ReadonlyArray<'encrypt' | 'decrypt'>;
  /** Sends to the search index's FIFO queue (its URL arrives in SEARCH_INDEX_QUEUE_URL). */
  searchIndexQueue?: 'send';
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
  /**
   * For project-scoped routes (a `{projectId}` path): the permission-table entry the handler
   * kit checks before the handler runs; the handler then gets the authorized project.
   */
  permission?: Permission;
  /**
   * For routes on a project member (`{userId}`): the permission that applies instead when
   * that member is the caller (anyone may leave a project).
   */
  permissionOnSelf?: Permission;
  summary: string;
  /** Longer prose for the API reference; the OpenAPI builder adds who may call the route. */
  description?: string;
  /**
   * Example request body and success response for the API reference; without them the
   * OpenAPI builder derives examples from the schemas.
   */
  examples?: { request?: unknown; response?: unknown };
  access: RouteAccess;
  /**
   * Files of installed packages the handler reads at run time (`redoc/bundles/redoc.standalone.js`),
   * found with `createRequire(import.meta.url).resolve`: the Lambda bundle carries a copy at the
   * same `node_modules/` path, so the handler finds it there as it does in the repository.
   */
  packageFiles?: readonly string[];
  request?: {
    params?: z.ZodMiniType;
    query?: z.ZodMiniType;
    body?: z.ZodMiniType;
    /** The body is an XML document (application/xml or text/xml), handed over as `rawBody`. */
    xmlBody?: true;
    /**
     * The body is a text document (text/plain, application/xml, text/xml, or another text/*
     * type; base64 from API Gateway is decoded), handed over as `rawBody`.
     */
    textBody?: true;
    /** Honours `Idempotency-Key`: the kit checks the header with the rest of the input. */
    idempotencyKey?: true;
  };
  /**
   * Success status, and `mediaType` for a body that is not JSON (e.g. `text/html`). A JSON
   * body's schema is documentation only and lives in shared/api/responses.ts, never here: a
   * handler imports its route, and a response schema in it would be built at every cold start.
   * `otherStatuses` are further success statuses the handler answers with the same body
   * (POST …/analyses: 201 for an archive, 202 for a git ref); the handler kit's types let a
   * handler answer only the declared ones, and the OpenAPI document lists them all.
   * `descriptions` word a status where the generic text is not enough.
   */
  response: {
    status: SuccessStatus;
    mediaType?: string;
    otherStatuses?: readonly SuccessStatus[];
    descriptions?: Partial<Record<SuccessStatus, string>>;
    body?: never;
  };
}

/** The success statuses a route may declare. */
export type SuccessStatus = 200 | 201 | 202 | 204;

/** Every success status a route declares: what its handler may answer. */
export type SuccessStatusOf<R extends RouteDefinition> =
  | R['response']['status']
  | NonNullable<R['response']['otherStatuses']>[number];

/** Every success status of a route, at run time, the main one first. */
export function successStatusesOf(route: RouteDefinition): SuccessStatus[] {
  return [route.response.status, ...(route.response.otherStatuses ?? [])];
}

/** A route whose path names a project: it must declare the permission the kit checks. */
export type ProjectRoute = RouteDefinition & { auth: 'user'; permission: Permission };

/** What a route must declare besides RouteDefinition: a `{projectId}` path needs a permission. */
type ScopeRequirement<R extends RouteDefinition> = R['path'] extends `${string}{projectId}${string}`
  ? { auth: 'user'; permission: Permission }
  : unknown;

/**
 * Declares a route, keeping its literal type so handlers get typed input. A project-scoped
 * path without a permission is a type error, so no project route goes unauthorized.
 */
export function defineRoute<const R extends RouteDefinition>(route: R & ScopeRequirement<R>): R {
  return route;
}
