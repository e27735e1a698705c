import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { createInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(PROJECTS_ROUTES.CreateInvitation, async ({ auth, params, body, correlationId }) => ({
  body: await createInvitation(params.projectId, body, { auth, correlationId }),
}));
