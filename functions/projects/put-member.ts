import { PutMember } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { changeMemberRole } from '#shared/projects/member-commands';

export const handler = projectHandler(PutMember, async ({ project, params, body }) => ({
  body: await changeMemberRole(project, params.userId, body.role),
}));
