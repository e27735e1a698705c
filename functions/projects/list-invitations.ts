import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { listInvitations } from '#shared/projects/invitation-queries';

export const handler = httpHandler(PROJECTS_ROUTES.ListInvitations, async ({ auth, params, query, correlationId }) => ({
  body: await listInvitations(params.projectId, query, { auth, correlationId }),
}));
