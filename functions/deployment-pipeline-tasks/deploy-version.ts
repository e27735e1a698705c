import { type DeployInput, deployVersion } from '#shared/deployments/deploy-stage';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeployInput) => deployVersion(input));
