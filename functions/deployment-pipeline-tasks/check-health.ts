import { checkHealth, type HealthInput } from '#shared/deployments/health';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: HealthInput) => checkHealth(input));
