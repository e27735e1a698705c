import { recordActivity } from '#shared/activity/repository';
import { eventHandler } from '#shared/events/consumer';

export const handler = eventHandler(async (event) => {
  await recordActivity(event);
});
