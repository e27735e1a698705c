import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '#shared/i18n/catalogue';
import {
  invitationRefusal,
  keepsAnOwner,
  ownerCountDelta,
  removalRefusal,
  roleChangeRefusal,
} from '#shared/projects/membership-rules';
import { PROJECT_ROLES, type ProjectRole } from '#shared/schemas/projects';

describe('roleChangeRefusal', () => {
  it('lets a maintainer move members between the roles below owner', () => {
    expect(roleChangeRefusal('maintainer', 'viewer', 'developer')).toBeNull();
    expect(roleChangeRefusal('maintainer', 'developer', 'maintainer')).toBeNull();
  });

  it('keeps granting the owner role and changing an owner to owners', () => {
    expect(roleChangeRefusal('maintainer', 'developer', 'owner')?.code).toBe('OWNER_REQUIRED');
    expect(roleChangeRefusal('maintainer', 'owner', 'viewer')?.code).toBe('OWNER_REQUIRED');
    expect(roleChangeRefusal('owner', 'developer', 'owner')).toBeNull();
    expect(roleChangeRefusal('owner', 'owner', 'maintainer')).toBeNull();
  });
});

describe('removalRefusal', () => {
  it('lets anyone leave, an owner too', () => {
    expect(removalRefusal('viewer', 'viewer', true)).toBeNull();
    expect(removalRefusal('owner', 'owner', true)).toBeNull();
  });

  it('keeps removing an owner to owners', () => {
    const refusal = removalRefusal('maintainer', 'owner', false);
    expect(refusal && { code: refusal.code, detail: formatText(refusal.detail, 'en') }).toEqual({
      code: 'OWNER_REQUIRED',
      detail: 'Only an owner can remove an owner.',
    });
    expect(removalRefusal('maintainer', 'developer', false)).toBeNull();
    expect(removalRefusal('owner', 'owner', false)).toBeNull();
  });
});

describe('invitationRefusal', () => {
  it('lets only owners invite owners', () => {
    expect(invitationRefusal('maintainer', 'owner')?.code).toBe('OWNER_REQUIRED');
    expect(invitationRefusal('maintainer', 'maintainer')).toBeNull();
    expect(invitationRefusal('owner', 'owner')).toBeNull();
  });
});

describe('the owner count', () => {
  it('moves by one when someone becomes or stops being an owner, and not otherwise', () => {
    expect(ownerCountDelta('developer', 'owner')).toBe(1);
    expect(ownerCountDelta(undefined, 'owner')).toBe(1);
    expect(ownerCountDelta('owner', 'viewer')).toBe(-1);
    expect(ownerCountDelta('owner', undefined)).toBe(-1);
    expect(ownerCountDelta('owner', 'owner')).toBe(0);
    expect(ownerCountDelta('viewer', 'maintainer')).toBe(0);
  });

  it('refuses to lose the last owner', () => {
    expect(keepsAnOwner(1, -1)).toBe(false);
    expect(keepsAnOwner(2, -1)).toBe(true);
    expect(keepsAnOwner(1, 0)).toBe(true);
  });

  it('stays equal to the number of owners and never reaches zero, whatever members do', () => {
    const role = fc.constantFrom<ProjectRole>(...PROJECT_ROLES);
    const change = fc.record({
      member: fc.integer({ min: 0, max: 5 }),
      role: fc.option(role, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        // Prepare: a new project has its creator as its one owner.
        const members = new Map<number, ProjectRole>([[0, 'owner']]);
        let ownerCount = 1;

        // Act: each change (a role, or undefined to leave) goes through when the count allows it.
        for (const { member, role: next } of changes) {
          const delta = ownerCountDelta(members.get(member), next);
          if (!keepsAnOwner(ownerCount, delta)) continue;
          ownerCount += delta;
          if (next === undefined) members.delete(member);
          else members.set(member, next);
        }

        // Assess
        const owners = [...members.values()].filter((held) => held === 'owner').length;
        expect(ownerCount).toBe(owners);
        expect(owners).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
