import { ListEnvironments } from '#shared/api/routes/environments';
import { listEnvironmentsForCaller } from '#shared/environments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListEnvironments, async ({ project, query }) => ({
  body: await listEnvironmentsForCaller(project, query),
}));
