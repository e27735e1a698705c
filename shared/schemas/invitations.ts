import * as z from 'zod/mini';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import { ProjectKey, ProjectRole } from '#shared/schemas/projects';
import { Email } from '#shared/schemas/users';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

export const CreateInvitationBody = /* @__PURE__ */ z.strictObject({ email: Email, role: ProjectRole });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, invitationId: ResourceId });
export const MyInvitationParams = /* @__PURE__ */ z.strictObject({ invitationId: ResourceId });

/** A pending invitation to join a project; accepted, declined, revoked or expired ones are gone. */
export const Invitation = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    projectKey: ProjectKey,
    projectName: /* @__PURE__ */ z.string(),
    email: /* @__PURE__ */ z.string(),
    role: ProjectRole,
    invitedBy: UserId,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Invitation' }));
export type Invitation = z.infer<typeof Invitation>;

export const InvitationPage = /* @__PURE__ */ pageOf(Invitation).check(
  /* @__PURE__ */ z.meta({ id: 'InvitationPage' }),
);
