import { getQualityGateForCaller } from '#shared/analysis/gate/queries';
import { GetQualityGate } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetQualityGate, async ({ project }) => ({
  body: await getQualityGateForCaller(project),
}));
