import { DeleteEnvironment } from '#shared/api/routes/environments';
import { deleteEnvironment } from '#shared/environments/deletion';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DeleteEnvironment, async ({ project, params }) => {
  await deleteEnvironment(project, params.environmentId);
  return {};
});
