import { z } from 'zod';
import { PageQuery, pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';

export const PROJECT_ROLES = ['owner', 'maintainer', 'developer', 'viewer'] as const;
export const ProjectRole = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const ProjectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'key must be 2-10 upper-case letters or digits, starting with a letter');

const Repository = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  defaultBranch: z.string().trim().min(1).max(255),
});

export const CreateProjectBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  key: ProjectKey,
  description: z.string().max(2000).optional(),
  repository: Repository.optional(),
});

export const UpdateProjectBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().max(2000).nullable().optional(),
    repository: Repository.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field must be given' });

export const ProjectParams = z.strictObject({ projectId: ResourceId });
export const MemberParams = z.strictObject({ projectId: ResourceId, userId: UserId });
export const ListProjectsQuery = PageQuery;
export const ListMembersQuery = PageQuery;

export const PutMemberBody = z.strictObject({ role: ProjectRole });

export const Project = z
  .object({
    projectId: ResourceId,
    key: ProjectKey,
    name: z.string(),
    description: z.string().optional(),
    repository: Repository.optional(),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    role: ProjectRole.describe("the caller's role in the project"),
  })
  .meta({ id: 'Project' });

export const Member = z
  .object({
    projectId: ResourceId,
    userId: UserId,
    name: z.string(),
    role: ProjectRole,
    addedAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Member' });

export const ProjectPage = pageOf(Project).meta({ id: 'ProjectPage' });
export const MemberPage = pageOf(Member).meta({ id: 'MemberPage' });
