import { ReindexProject } from '#shared/api/routes/search';
import { projectHandler } from '#shared/http/project-handler';
import { requestReindex } from '#shared/search/commands';

export const handler = projectHandler(ReindexProject, async ({ project }) => ({
  status: 202,
  body: await requestReindex(project),
}));
