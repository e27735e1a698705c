import type { ProjectRole } from '#shared/schemas/projects';

/** Project roles from most to least powerful; a role can do what any role below it can. */
export const ROLE_RANK: Record<ProjectRole, number> = { owner: 4, maintainer: 3, developer: 2, viewer: 1 };

/**
 * The permission table: resource × action → minimum project role. Every project-scoped
 * route names one entry (see the route table), which the handler kit enforces;
 * test/unit/route-permissions.test.ts pins each route's minimum role and the authorization
 * matrix integration test checks every route against this table end to end.
 */
export const PERMISSIONS = {
  project: { read: 'viewer', update: 'maintainer', delete: 'owner' },
  member: { list: 'viewer', manage: 'maintainer' },
  /** Only owners invite owners (a domain rule, as for granting the role). */
  invitation: { list: 'maintainer', manage: 'maintainer' },
  environment: { read: 'viewer', manage: 'maintainer' },
  pipeline: { read: 'viewer', manage: 'maintainer' },
  deployment: { read: 'viewer', create: 'developer', cancel: 'developer', approve: 'developer' },
  testCase: { read: 'viewer', manage: 'developer' },
  testSuite: { read: 'viewer', manage: 'developer' },
  /** `create` covers starting runs and importing results. */
  testRun: { read: 'viewer', create: 'developer' },
  /** `create` covers sending snapshots to analyse. */
  analysis: { read: 'viewer', create: 'developer' },
  /** The project's quality gate: reading it too, as the issue asks (it steers deployments). */
  qualityGate: { read: 'maintainer', update: 'maintainer' },
  /** Design documents: `write` covers saving versions, attachments, links and generated test cases;
   *  `review` covers requesting reviews, approving, commenting and moving a document's status. */
  document: { read: 'viewer', write: 'developer', review: 'developer' },
  /** A project's own document templates (the built-in ones are read by anyone who reads documents). */
  documentTemplate: { read: 'viewer', manage: 'maintainer' },
  /** Rebuilding a project's search index (searching itself is for every member, `GET /v1/search`). */
  search: { reindex: 'maintainer' },
} as const satisfies Record<string, Record<string, ProjectRole>>;

export type PermissionResource = keyof typeof PERMISSIONS;
export type Permission = {
  [R in PermissionResource]: { resource: R; action: keyof (typeof PERMISSIONS)[R] };
}[PermissionResource];

/** The minimum role a permission requires. */
export function minimumRole(permission: Permission): ProjectRole {
  const actions = PERMISSIONS[permission.resource] as Record<string, ProjectRole>;
  const role = actions[permission.action as string];
  if (!role) throw new Error(`Unknown permission ${permission.resource}:${String(permission.action)}`);
  return role;
}

/** Whether `role` meets `required`. */
export function roleAtLeast(role: ProjectRole, required: ProjectRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}
