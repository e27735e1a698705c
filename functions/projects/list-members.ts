import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { listMembers } from '#shared/projects/queries';

export const handler = httpHandler(PROJECTS_ROUTES.ListMembers, async ({ auth, params, query, correlationId }) => ({
  body: await listMembers(params.projectId, query, { auth, correlationId }),
}));
