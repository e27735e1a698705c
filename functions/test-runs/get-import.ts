import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { getImportForCaller } from '#shared/testing/imports/queries';

export const handler = httpHandler(TEST_RUNS_ROUTES.GetImport, async ({ auth, params, correlationId }) => ({
  body: await getImportForCaller(params.projectId, params.importId, { auth, correlationId }),
}));
