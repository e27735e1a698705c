import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

export const PROJECT_ROLES = ['owner', 'maintainer', 'developer', 'viewer'] as const;
export const ProjectRole = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const ProjectKey = z
  .string()
  .check(z.regex(/^[A-Z][A-Z0-9]{1,9}$/, zodMessage(s.projectKey)), z.meta({ examples: ['DE'] }));

const Repository = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  defaultBranch: text(255),
});

const Description = z.string().check(z.maxLength(2000));

export const CreateProjectBody = z.strictObject({
  name: text(100),
  key: ProjectKey,
  description: z.optional(Description),
  repository: z.optional(Repository),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

/** `null` clears an optional field; at least one field must be given. */
export const UpdateProjectBody = z
  .strictObject({
    name: z.optional(text(100)),
    description: z.optional(z.nullable(Description)),
    repository: z.optional(z.nullable(Repository)),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, zodMessage(s.atLeastOneField)));
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const ProjectParams = z.strictObject({ projectId: ResourceId });
export const MemberParams = z.strictObject({ projectId: ResourceId, userId: UserId });

export const PutMemberBody = z.strictObject({ role: ProjectRole });

export const Project = z
  .object({
    id: ResourceId,
    key: ProjectKey,
    name: z.string(),
    description: z.optional(z.string()),
    repository: z.optional(Repository),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.int(),
    role: ProjectRole.check(z.describe("the caller's role in the project")),
  })
  .check(z.meta({ id: 'Project' }));
export type Project = z.infer<typeof Project>;

/** A user's place in a project: addressed by the user (`members/{userId}`), it has no id of its own. */
export const Member = z
  .object({
    projectId: ResourceId,
    userId: UserId,
    name: z.string(),
    role: ProjectRole,
    addedAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'Member' }));
export type Member = z.infer<typeof Member>;

export const ProjectPage = pageOf(Project).check(z.meta({ id: 'ProjectPage' }));
export const MemberPage = pageOf(Member).check(z.meta({ id: 'MemberPage' }));
