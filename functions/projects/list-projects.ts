import { ListProjects } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { listMyProjects } from '#shared/projects/queries';

export const handler = httpHandler(ListProjects, async ({ auth, query, correlationId }) => ({
  body: await listMyProjects(query, { auth, correlationId }),
}));
