import { eventHandler } from '#shared/events/consumer';
import { indexCompletedRun } from '#shared/testing/runs/indexing';

export const handler = eventHandler(['Test Run Completed'], async (event) => {
  const { projectId, data } = event.envelope;
  if (!projectId) throw new Error(`Test Run Completed ${event.envelope.eventId} names no project`);
  await indexCompletedRun(projectId, data.runId);
});
