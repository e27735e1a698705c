import { RevokeInvitation } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { revokeInvitation } from '#shared/projects/invitations';

export const handler = projectHandler(RevokeInvitation, async ({ project, params }) => {
  await revokeInvitation(project, params.invitationId);
  return {};
});
