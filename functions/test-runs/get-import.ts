import { GetImport } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { getImportForCaller } from '#shared/testing/imports/queries';

export const handler = projectHandler(GetImport, async ({ project, params }) => ({
  body: await getImportForCaller(project, params.importId),
}));
