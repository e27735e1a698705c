import { applyIndexQueueBatch } from '#shared/search/forwarding';

export const handler = applyIndexQueueBatch;
