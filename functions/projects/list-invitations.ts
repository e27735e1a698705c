import { ListInvitations } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { listInvitations } from '#shared/projects/invitation-queries';

export const handler = projectHandler(ListInvitations, async ({ project, query }) => ({
  body: await listInvitations(project, query),
}));
