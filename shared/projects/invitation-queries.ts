import type { AuthContext } from '#shared/auth/context';
import type { ProjectScope } from '#shared/auth/project-access';
import {
  type InvitationRecord,
  listInvitationsForEmail,
  listProjectInvitations,
} from '#shared/projects/invitation-repository';
import type { PageQuery } from '#shared/schemas/common';
import type { Invitation } from '#shared/schemas/invitations';
import { getUser } from '#shared/users/repository';

// Reads only, apart from shared/projects/invitations.ts, so the list routes bundle no event publisher.

/** The project's pending invitations (maintainers and owners). */
export async function listInvitations(scope: ProjectScope, page: PageQuery) {
  const { projectId } = scope;
  const result = await listProjectInvitations(projectId, page);
  return { items: result.items.map(toInvitationView), nextCursor: result.nextCursor };
}

/** The invitations waiting for the caller: those sent to the email of their account. */
export async function listMyInvitations(page: PageQuery, auth: AuthContext) {
  const email = await emailOf(auth);
  if (email === undefined) return { items: [], nextCursor: null };
  const result = await listInvitationsForEmail(email, page);
  return { items: result.items.map(toInvitationView), nextCursor: result.nextCursor };
}

/** The email of the caller's account (registration stores the one they sign in with). */
export async function emailOf(auth: AuthContext): Promise<string | undefined> {
  return (await getUser(auth.userId))?.email;
}

/** An invitation as the API shows it. */
export function toInvitationView(invitation: InvitationRecord): Invitation {
  return {
    id: invitation.invitationId,
    projectId: invitation.projectId,
    projectKey: invitation.projectKey,
    projectName: invitation.projectName,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt,
    expiresAt: new Date(invitation.expiresAt * 1000).toISOString(),
  };
}
