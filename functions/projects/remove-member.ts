import { RemoveMember } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { removeMember } from '#shared/projects/member-commands';

export const handler = projectHandler(RemoveMember, async ({ project, params }) => {
  await removeMember(project, params.userId);
  return {};
});
