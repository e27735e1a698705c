import { ulid } from 'ulid';
import type { AuthContext, Caller } from '#shared/auth/context';
import { type ProjectScope, projectNotFound } from '#shared/auth/project-access';
import { originOf, publishEvent } from '#shared/events/publisher';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import { emailOf, toInvitationView } from '#shared/projects/invitation-queries';
import {
  acceptInvitation as acceptInTransaction,
  deleteInvitation,
  findInvitationForEmail,
  hasPendingInvitation,
  type InvitationRecord,
  putInvitation,
} from '#shared/projects/invitation-repository';
import { invitationRefusal } from '#shared/projects/membership-rules';
import * as m from '#shared/projects/messages';
import { toMemberView } from '#shared/projects/queries';
import { getMembership, type MembershipRecord } from '#shared/projects/repository';
import type { CreateInvitationBody, Invitation } from '#shared/schemas/invitations';
import type { Member } from '#shared/schemas/projects';
import { findUserIdByEmail, getUser } from '#shared/users/repository';

/** How long an invitation can be accepted. */
export const INVITATION_VALIDITY_DAYS = 7;

const invitationNotFound = () => new NotFoundError('INVITATION_NOT_FOUND', m.invitationNotFoundForYou());

/**
 * Invites someone, by email, to join the project with `role`. Maintainers invite, but only
 * owners invite owners. 409 when the email already belongs to a member or has a pending
 * invitation here. Nobody becomes a member until they accept.
 */
export async function createInvitation(scope: ProjectScope, input: CreateInvitationBody): Promise<Invitation> {
  const { projectId, caller, project, role } = scope;
  const refusal = invitationRefusal(role, input.role);
  if (refusal) throw new ForbiddenError(refusal.code, refusal.detail);
  const existingUserId = await findUserIdByEmail(input.email);
  if (existingUserId !== undefined && (await getMembership(projectId, existingUserId))) {
    throw new ConflictError('ALREADY_MEMBER', m.alreadyMember());
  }
  if (await hasPendingInvitation(projectId, input.email)) {
    throw new ConflictError('INVITATION_PENDING', m.invitationPending());
  }
  const now = new Date();
  const invitation: InvitationRecord = {
    invitationId: ulid().toLowerCase(),
    projectId,
    projectKey: project.key,
    projectName: project.name,
    email: input.email,
    role: input.role,
    invitedBy: caller.auth.userId,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + INVITATION_VALIDITY_DAYS * 86_400,
  };
  await putInvitation(invitation);
  const { invitationId, email } = invitation;
  await publishEvent(
    'Invitation Created',
    projectId,
    { invitationId, projectId, email, role: input.role },
    originOf(caller),
  );
  return toInvitationView(invitation);
}

/** Withdraws a pending invitation. */
export async function revokeInvitation(scope: ProjectScope, invitationId: string): Promise<void> {
  const { projectId, caller } = scope;
  if (!(await deleteInvitation(projectId, invitationId))) {
    throw new NotFoundError('INVITATION_NOT_FOUND', m.invitationNotFound());
  }
  await publishEvent('Invitation Revoked', projectId, { invitationId, projectId }, originOf(caller));
}

/**
 * Accepts an invitation sent to the caller's email: they become a member with the invited
 * role, and the invitation is used up. Someone else's invitation answers 404.
 */
export async function acceptMyInvitation(invitationId: string, caller: Caller): Promise<Member> {
  const invitation = await myInvitation(invitationId, caller.auth);
  const now = new Date().toISOString();
  const membership: MembershipRecord = {
    projectId: invitation.projectId,
    userId: caller.auth.userId,
    role: invitation.role,
    addedAt: now,
    updatedAt: now,
  };
  const outcome = await acceptInTransaction(invitation, membership);
  if (outcome === 'gone') throw invitationNotFound();
  if (outcome === 'project-gone') throw projectNotFound();
  if (outcome === 'already-member') {
    throw new ConflictError('ALREADY_MEMBER', m.youAreMember());
  }
  const { projectId, role } = membership;
  const userId = caller.auth.userId;
  await publishEvent('Invitation Accepted', projectId, { invitationId, projectId, userId, role }, originOf(caller));
  await publishEvent('Member Added', projectId, { projectId, userId, role }, originOf(caller));
  const user = await getUser(userId);
  return toMemberView(membership, new Map(user ? [[userId, user]] : []));
}

/** Declines an invitation sent to the caller's email; it is gone afterwards. */
export async function declineMyInvitation(invitationId: string, caller: Caller): Promise<void> {
  const { projectId } = await myInvitation(invitationId, caller.auth);
  if (!(await deleteInvitation(projectId, invitationId))) throw invitationNotFound();
  const userId = caller.auth.userId;
  await publishEvent('Invitation Declined', projectId, { invitationId, projectId, userId }, originOf(caller));
}

async function myInvitation(invitationId: string, auth: AuthContext): Promise<InvitationRecord> {
  const email = await emailOf(auth);
  const invitation = email === undefined ? undefined : await findInvitationForEmail(email, invitationId);
  if (!invitation) throw invitationNotFound();
  return invitation;
}
