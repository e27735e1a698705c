import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '#shared/api/route-definition';
import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import type { ProjectScope } from '#shared/auth/project-access';
import type { MembershipRecord, ProjectRecord } from '#shared/projects/repository';
import type { ProjectRole } from '#shared/schemas/projects';
import { httpApiEvent, lambdaContext } from '../fixtures/api-gateway.ts';

// The project lookup is the kit's only I/O; stubbed, the kit's authorization runs without a table.
const lookup = vi.hoisted(() => ({ getProjectWithMembership: vi.fn() }));
vi.mock('#shared/projects/repository', () => lookup);

const { projectHandler } = await import('#shared/http/project-handler');

const CALLER_ID = '4b1e5a2c-9f3d-4e8a-b7c6-0d1e2f3a4b5c';
const OTHER_ID = '9c2d6b3e-1a4f-4b8c-a7d6-5e4f3a2b1c0d';
const PROJECT_ID = '01jd8x7k2m3n4p5q6r7s8t9v0w';

const route = defineRoute({
  id: 'StartWidget',
  method: 'POST',
  path: '/v1/projects/{projectId}/widgets',
  handler: 'functions/test/start-widget.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'create' },
  summary: 'test route needing the developer role',
  access: {},
  request: {
    params: z.strictObject({ projectId: z.string() }),
    body: z.strictObject({ name: z.string().check(z.minLength(1)) }),
  },
  response: { status: 201 },
});

const project: ProjectRecord = {
  projectId: PROJECT_ID,
  key: 'W',
  name: 'Widgets',
  createdBy: OTHER_ID,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ownerCount: 1,
};

function membership(role: ProjectRole): MembershipRecord {
  return { projectId: PROJECT_ID, userId: CALLER_ID, role } as MembershipRecord;
}

let received: ProjectScope | undefined;
const handler = projectHandler(route, async ({ project: scope }) => {
  received = scope;
  return { body: { role: scope.role } };
});

async function call(
  invoke: (event: ReturnType<typeof httpApiEvent>) => Promise<unknown>,
  overrides: Parameters<typeof httpApiEvent>[0] = {},
) {
  const event = httpApiEvent({
    method: 'POST',
    path: `/v1/projects/${PROJECT_ID}/widgets`,
    pathParameters: { projectId: PROJECT_ID },
    body: JSON.stringify({ name: 'gear' }),
    headers: { 'x-correlation-id': 'flow-7' },
    ...overrides,
  });
  const response = (await invoke(event)) as APIGatewayProxyStructuredResultV2;
  return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined };
}

const callRoute = (overrides?: Parameters<typeof httpApiEvent>[0]) =>
  call((event) => handler(event, lambdaContext()), overrides);

beforeEach(() => {
  received = undefined;
  lookup.getProjectWithMembership.mockReset();
});

describe('projectHandler', () => {
  it('hands a member with the role the authorized project, role and caller', async () => {
    // Prepare
    lookup.getProjectWithMembership.mockResolvedValue({ project, membership: membership('developer') });
    // Act
    const response = await callRoute();
    // Assess
    expect(response).toEqual({ status: 201, json: { role: 'developer' } });
    expect(lookup.getProjectWithMembership).toHaveBeenCalledWith(PROJECT_ID, CALLER_ID);
    expect(received).toMatchObject({
      projectId: PROJECT_ID,
      project,
      role: 'developer',
      caller: { auth: { userId: CALLER_ID, isAdmin: false }, correlationId: 'flow-7' },
    });
  });

  it('answers 404 to someone who is not a member, without running the handler', async () => {
    // Prepare
    lookup.getProjectWithMembership.mockResolvedValue({ project });
    // Act
    const response = await callRoute();
    // Assess
    expect(response.status).toBe(404);
    expect(response.json.code).toBe('PROJECT_NOT_FOUND');
    expect(received).toBeUndefined();
  });

  it('answers the same 404 for a project that does not exist', async () => {
    // Prepare
    lookup.getProjectWithMembership.mockResolvedValue({});
    // Act
    const response = await callRoute();
    // Assess
    expect(response.status).toBe(404);
    expect(response.json.code).toBe('PROJECT_NOT_FOUND');
  });

  it('answers 403 to a member below the permission minimum, without running the handler', async () => {
    // Prepare
    lookup.getProjectWithMembership.mockResolvedValue({ project, membership: membership('viewer') });
    // Act
    const response = await callRoute();
    // Assess
    expect(response.status).toBe(403);
    expect(response.json.code).toBe('INSUFFICIENT_ROLE');
    expect(received).toBeUndefined();
  });

  it('lets an admin who is not a member act as owner', async () => {
    // Prepare
    lookup.getProjectWithMembership.mockResolvedValue({ project });
    // Act
    const response = await callRoute({ claims: { sub: CALLER_ID, 'cognito:groups': '[admins]' } });
    // Assess
    expect(response).toEqual({ status: 201, json: { role: 'owner' } });
  });

  it('reports invalid input (400) before looking the project up', async () => {
    // Act
    const response = await callRoute({ body: JSON.stringify({ name: '' }) });
    // Assess
    expect(response.status).toBe(400);
    expect(lookup.getProjectWithMembership).not.toHaveBeenCalled();
  });

  it("applies a route's permissionOnSelf only when the member named is the caller", async () => {
    // Prepare: a viewer, below RemoveMember's maintainer but enough to leave.
    lookup.getProjectWithMembership.mockResolvedValue({ project, membership: membership('viewer') });
    const removeMember = projectHandler(PROJECTS_ROUTES.RemoveMember, async ({ project: scope }) => {
      received = scope;
      return {};
    });
    const remove = (userId: string) =>
      call((event) => removeMember(event, lambdaContext()), {
        method: 'DELETE',
        path: `/v1/projects/${PROJECT_ID}/members/${userId}`,
        pathParameters: { projectId: PROJECT_ID, userId },
        body: undefined,
      });
    // Act
    const leaving = await remove(CALLER_ID);
    const removingOther = await remove(OTHER_ID);
    // Assess
    expect(leaving.status).toBe(204);
    expect(removingOther.status).toBe(403);
    expect(removingOther.json.code).toBe('INSUFFICIENT_ROLE');
  });
});
