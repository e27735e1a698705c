import { ListMembers } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { listMembers } from '#shared/projects/queries';

export const handler = projectHandler(ListMembers, async ({ project, query }) => ({
  body: await listMembers(project, query),
}));
