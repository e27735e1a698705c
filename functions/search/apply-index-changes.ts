import { applyIndexQueueBatch } from '#shared/search/consumer';

export const handler = applyIndexQueueBatch;
