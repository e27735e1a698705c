import * as z from 'zod/mini';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import { ProjectKey, ProjectRole } from '#shared/schemas/projects';
import { Email } from '#shared/schemas/users';

export const CreateInvitationBody = z.strictObject({ email: Email, role: ProjectRole });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationParams = z.strictObject({ projectId: ResourceId, invitationId: ResourceId });
export const MyInvitationParams = z.strictObject({ invitationId: ResourceId });

/** A pending invitation to join a project; accepted, declined, revoked or expired ones are gone. */
export const Invitation = z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    projectKey: ProjectKey,
    projectName: z.string(),
    email: z.string(),
    role: ProjectRole,
    invitedBy: UserId,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .check(z.meta({ id: 'Invitation' }));
export type Invitation = z.infer<typeof Invitation>;

export const InvitationPage = pageOf(Invitation).check(z.meta({ id: 'InvitationPage' }));
