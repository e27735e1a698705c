import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { putMember } from '#shared/projects/commands';

export const handler = httpHandler(PROJECTS_ROUTES.PutMember, async ({ auth, params, body, correlationId }) => {
  const { member, created } = await putMember(params.projectId, params.userId, body.role, { auth, correlationId });
  return { status: created ? 201 : 200, body: member };
});
