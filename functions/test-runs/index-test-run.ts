import { eventHandler } from '#shared/events/consumer';
import { indexCompletedRun } from '#shared/testing/runs/indexing';

export const handler = eventHandler(async (event) => {
  const { runId } = event.envelope.data as { runId: string };
  await indexCompletedRun(event.envelope.projectId!, runId);
});
