import { recordActivity } from '#shared/activity/repository';
import { EVENT_TYPES } from '#shared/events/catalogue';
import { eventHandler } from '#shared/events/consumer';

export const handler = eventHandler(EVENT_TYPES, async (event) => {
  await recordActivity(event);
});
