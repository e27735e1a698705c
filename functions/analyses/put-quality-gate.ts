import { putQualityGate } from '#shared/analysis/gate/commands';
import { PutQualityGate } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(PutQualityGate, async ({ project, body }) => ({
  body: await putQualityGate(project, body),
}));
