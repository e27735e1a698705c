import { describe, expect, it } from 'vitest';
import { authContextFromEvent } from '#shared/auth/context';
import { minimumRole, PERMISSIONS, roleAtLeast } from '#shared/auth/permissions';
import { PROJECT_ROLES } from '#shared/schemas/projects';
import { httpApiEvent } from '../fixtures/api-gateway.ts';

describe('permission table', () => {
  it('orders roles owner > maintainer > developer > viewer', () => {
    expect(PROJECT_ROLES.filter((role) => roleAtLeast(role, 'maintainer'))).toEqual(['owner', 'maintainer']);
    expect(PROJECT_ROLES.filter((role) => roleAtLeast(role, 'viewer'))).toEqual([...PROJECT_ROLES]);
    expect(roleAtLeast('viewer', 'developer')).toBe(false);
  });

  it('gives every permission a minimum role', () => {
    for (const [resource, actions] of Object.entries(PERMISSIONS)) {
      for (const action of Object.keys(actions)) {
        expect(PROJECT_ROLES).toContain(minimumRole({ resource, action } as never));
      }
    }
    expect(minimumRole({ resource: 'project', action: 'delete' })).toBe('owner');
  });
});

describe('authContextFromEvent', () => {
  it('reads groups as API Gateway flattens them', () => {
    const auth = authContextFromEvent(
      httpApiEvent({ claims: { sub: 'u-1', 'cognito:groups': '[admins developers]' } }),
    );
    expect(auth).toEqual({ userId: 'u-1', groups: ['admins', 'developers'], isAdmin: true });
  });

  it('treats a caller without groups as a regular user', () => {
    expect(authContextFromEvent(httpApiEvent({ claims: { sub: 'u-2' } })).isAdmin).toBe(false);
  });
});
