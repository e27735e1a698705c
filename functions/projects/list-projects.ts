import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { listMyProjects } from '#shared/projects/queries';

export const handler = httpHandler(PROJECTS_ROUTES.ListProjects, async ({ auth, query, correlationId }) => ({
  body: await listMyProjects(query, { auth, correlationId }),
}));
