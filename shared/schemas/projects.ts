import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

export const PROJECT_ROLES = ['owner', 'maintainer', 'developer', 'viewer'] as const;
export const ProjectRole = /* @__PURE__ */ z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const ProjectKey = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(/^[A-Z][A-Z0-9]{1,9}$/, /* @__PURE__ */ zodMessage(s.projectKey)),
    /* @__PURE__ */ z.meta({ examples: ['DE'] }),
  );

const RepositoryUrl = /* @__PURE__ */ z.url({ protocol: /^https?$/ }).check(/* @__PURE__ */ z.maxLength(2048));

/** The token is write-only: sealed when stored, never shown (`tokenSet` tells whether one is). */
const Repository = /* @__PURE__ */ z.strictObject({
  url: RepositoryUrl,
  defaultBranch: /* @__PURE__ */ text(255),
  token: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(1000)),
});

/**
 * In a PATCH, an omitted token keeps the stored one while the URL stays the same (a token is
 * never sent to another repository); `null` removes it.
 */
const RepositoryPatch = /* @__PURE__ */ z.strictObject({
  url: RepositoryUrl,
  defaultBranch: /* @__PURE__ */ text(255),
  token: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ text(1000))),
});

const RepositoryView = /* @__PURE__ */ z.object({
  url: /* @__PURE__ */ z.string(),
  defaultBranch: /* @__PURE__ */ z.string(),
  tokenSet: /* @__PURE__ */ z.boolean(),
});

const Description = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000));

/** How the project's code analyses read a snapshot: `exclude` globs (picomatch) of paths never analysed. */
export const ProjectAnalysisSettings = /* @__PURE__ */ z.strictObject({
  exclude: /* @__PURE__ */ z.array(/* @__PURE__ */ text(500)).check(/* @__PURE__ */ z.maxLength(100)),
});
export type ProjectAnalysisSettings = z.infer<typeof ProjectAnalysisSettings>;

export const CreateProjectBody = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ text(100),
  key: ProjectKey,
  description: /* @__PURE__ */ z.optional(Description),
  repository: /* @__PURE__ */ z.optional(Repository),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

/** `null` clears an optional field; at least one field must be given. */
export const UpdateProjectBody = /* @__PURE__ */ z
  .strictObject({
    name: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(100)),
    description: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(Description)),
    repository: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(RepositoryPatch)),
    analysis: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(ProjectAnalysisSettings)),
  })
  .check(
    /* @__PURE__ */ z.refine((body) => Object.keys(body).length > 0, /* @__PURE__ */ zodMessage(s.atLeastOneField)),
  );
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const ProjectParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId });
export const MemberParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, userId: UserId });

export const PutMemberBody = /* @__PURE__ */ z.strictObject({ role: ProjectRole });

export const Project = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    key: ProjectKey,
    name: /* @__PURE__ */ z.string(),
    description: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    repository: /* @__PURE__ */ z.optional(RepositoryView),
    analysis: /* @__PURE__ */ z.optional(ProjectAnalysisSettings),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: /* @__PURE__ */ z.int(),
    role: /* @__PURE__ */ ProjectRole.check(/* @__PURE__ */ z.describe("the caller's role in the project")),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Project' }));
export type Project = z.infer<typeof Project>;

/** A user's place in a project: addressed by the user (`members/{userId}`), it has no id of its own. */
export const Member = /* @__PURE__ */ z
  .object({
    projectId: ResourceId,
    userId: UserId,
    name: /* @__PURE__ */ z.string(),
    role: ProjectRole,
    addedAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Member' }));
export type Member = z.infer<typeof Member>;

export const ProjectPage = /* @__PURE__ */ pageOf(Project).check(/* @__PURE__ */ z.meta({ id: 'ProjectPage' }));
export const MemberPage = /* @__PURE__ */ pageOf(Member).check(/* @__PURE__ */ z.meta({ id: 'MemberPage' }));
