import { ListLinksToTarget } from '#shared/api/routes/document-links';
import { listLinksToTargetForCaller } from '#shared/documents/links/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListLinksToTarget, async ({ project, query }) => ({
  body: await listLinksToTargetForCaller(project, query.targetType, query.targetId),
}));
