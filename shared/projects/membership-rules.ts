import { roleAtLeast } from '#shared/auth/permissions';
import type { LocalizedText } from '#shared/i18n/catalogue';
import * as m from '#shared/projects/messages';
import type { ProjectRole } from '#shared/schemas/projects';

// Who may change whose membership, as decisions without I/O. The route's permission
// (member:manage, invitation:manage) is checked first; these are the rules on top of it:
// only owners make or unmake owners, and a project never loses its last owner. The last-owner
// rule is enforced by the repository's conditional write on the project's `ownerCount`
// (shared/projects/repository.ts), with the delta computed here.

/** Why a membership change is refused (403). */
export interface MembershipRefusal {
  code: 'OWNER_REQUIRED';
  detail: LocalizedText;
}

/**
 * Why a caller with `callerRole` may not change a member's role from `from` to `to`, or null
 * when they may: granting the owner role, or changing an owner's, needs an owner.
 */
export function roleChangeRefusal(
  callerRole: ProjectRole,
  from: ProjectRole,
  to: ProjectRole,
): MembershipRefusal | null {
  if ((to === 'owner' || from === 'owner') && !roleAtLeast(callerRole, 'owner')) {
    return { code: 'OWNER_REQUIRED', detail: m.ownerRequiredToChangeOwner() };
  }
  return null;
}

/**
 * Why a caller with `callerRole` may not remove a member with `memberRole`, or null when they
 * may: anyone may leave; removing an owner needs an owner.
 */
export function removalRefusal(
  callerRole: ProjectRole,
  memberRole: ProjectRole,
  leaving: boolean,
): MembershipRefusal | null {
  if (memberRole === 'owner' && !leaving && !roleAtLeast(callerRole, 'owner')) {
    return { code: 'OWNER_REQUIRED', detail: m.ownerRequiredToRemoveOwner() };
  }
  return null;
}

/** Why a caller with `callerRole` may not invite someone as `invitedRole`: only owners invite owners. */
export function invitationRefusal(callerRole: ProjectRole, invitedRole: ProjectRole): MembershipRefusal | null {
  if (invitedRole === 'owner' && !roleAtLeast(callerRole, 'owner')) {
    return { code: 'OWNER_REQUIRED', detail: m.ownerRequiredToInviteOwner() };
  }
  return null;
}

/**
 * How a membership change moves the project's owner count; `undefined` is no membership
 * (before: someone joins; after: someone leaves or is removed).
 */
export function ownerCountDelta(before: ProjectRole | undefined, after: ProjectRole | undefined): number {
  return (after === 'owner' ? 1 : 0) - (before === 'owner' ? 1 : 0);
}

/**
 * Whether a project with `ownerCount` owners may take a change of `delta`: it must keep at
 * least one owner (the repository's `ownerCount > 1` condition when an owner is lost).
 */
export function keepsAnOwner(ownerCount: number, delta: number): boolean {
  return delta >= 0 || ownerCount + delta >= 1;
}
