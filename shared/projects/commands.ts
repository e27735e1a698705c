import { ulid } from 'ulid';
import type { Caller } from '#shared/auth/context';
import type { ProjectScope } from '#shared/auth/project-access';
import { ENV } from '#shared/config/env';
import { originOf, publishEvent } from '#shared/events/publisher';
import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/http/errors';
import { assertOutboundUrl } from '#shared/http/outbound';
import { isAllowListed, parseAllowList } from '#shared/http/outbound-policy';
import { parseVersionTag } from '#shared/http/versioning';
import { localize } from '#shared/i18n/catalogue';
import * as m from '#shared/projects/messages';
import { toProjectView } from '#shared/projects/queries';
import {
  insertProject,
  type MembershipRecord,
  type ProjectRecord,
  type RepositorySetting,
  repositoryTokenContext,
  updateProjectFields,
} from '#shared/projects/repository';
import type { CreateProjectBody, Project, UpdateProjectBody } from '#shared/schemas/projects';

/** Creates a project with the caller as its owner; 409 when the key is taken. */
export async function createProject(input: CreateProjectBody, caller: Caller): Promise<Project> {
  const now = new Date().toISOString();
  const projectId = ulid().toLowerCase();
  const project: ProjectRecord = {
    projectId,
    key: input.key,
    name: input.name,
    description: input.description,
    repository: input.repository && (await storedRepository(projectId, input.repository, undefined)),
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ownerCount: 1,
  };
  const owner: MembershipRecord = {
    projectId: project.projectId,
    userId: caller.auth.userId,
    role: 'owner',
    addedAt: now,
    updatedAt: now,
  };
  if ((await insertProject(project, owner)) === 'key-taken') {
    throw new ConflictError('PROJECT_KEY_TAKEN', m.projectKeyTaken({ key: input.key }));
  }
  await publishEvent(
    'Project Created',
    project.projectId,
    { projectId: project.projectId, key: project.key, name: project.name },
    originOf(caller),
  );
  return toProjectView(project, 'owner');
}

/**
 * Updates a project. With `If-Match: "<version>"` the update applies only to that version
 * (412 otherwise); without it, to the version just read (409 if someone else won the race).
 */
export async function updateProject(
  scope: ProjectScope,
  patch: UpdateProjectBody,
  ifMatch: string | undefined,
): Promise<Project> {
  const { projectId, caller, project, role } = scope;
  const expected = ifMatch === undefined ? project.version : parseVersionTag(ifMatch);
  const repository = patch.repository && (await storedRepository(projectId, patch.repository, project.repository));
  const updated = await updateProjectFields(projectId, expected, { ...patch, repository });
  if (!updated) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', m.versionMismatch());
    }
    throw new ConflictError('CONCURRENT_MODIFICATION', m.concurrentModification());
  }
  await publishEvent(
    'Project Updated',
    projectId,
    { projectId, changes: Object.keys(patch), version: updated.version },
    originOf(caller),
  );
  return toProjectView(updated, role);
}

/**
 * The repository setting as stored: its URL checked against the outbound policy (https only in
 * AWS) and its token sealed. An omitted token keeps the stored one only while the URL is the
 * same, so a token is never sent to a repository it was not given for.
 */
async function storedRepository(
  projectId: string,
  input: { url: string; defaultBranch: string; token?: string | null },
  current: RepositorySetting | undefined,
): Promise<RepositorySetting> {
  const url = assertOutboundUrl(input.url, 'body.repository.url');
  // The fetch refuses plain http except to the stage's allow-list (loopback locally): say so now.
  if (url.protocol === 'http:' && !isAllowListed(parseAllowList(process.env[ENV.outboundAllowList]), url.hostname)) {
    throw new ValidationError([{ path: 'body.repository.url', message: localize(m.repositoryUrlHttps()) }]);
  }
  const setting: RepositorySetting = { url: input.url, defaultBranch: input.defaultBranch };
  if (typeof input.token === 'string') {
    // Loaded here, not at init: only the routes that store a token get the key's id and grant.
    const { encryptSecret } = await import('#shared/crypto/secrets');
    setting.token = await encryptSecret(input.token, repositoryTokenContext(projectId));
  } else if (input.token === undefined && current?.token !== undefined && current.url === input.url) {
    setting.token = current.token;
  }
  return setting;
}
