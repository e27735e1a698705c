import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { revokeInvitation } from '#shared/projects/invitations';

export const handler = projectHandler(PROJECTS_ROUTES.RevokeInvitation, async ({ project, params }) => {
  await revokeInvitation(project, params.invitationId);
  return {};
});
