import { CreateInvitation } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { createInvitation } from '#shared/projects/invitations';

export const handler = projectHandler(CreateInvitation, async ({ project, body }) => ({
  body: await createInvitation(project, body),
}));
