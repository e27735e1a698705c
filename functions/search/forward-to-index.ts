import { forwardToIndexQueue } from '#shared/search/forwarding';

export const handler = forwardToIndexQueue;
