import { putIfAbsent } from '#shared/data/conditional-writes';
import type { ConsumedEvent } from '#shared/events/consumer';

/** How long activity entries are kept before DynamoDB's TTL removes them. */
const RETENTION_DAYS = 180;

/**
 * Appends an event to its project's activity trail (platform-wide events to the platform
 * trail). Keyed by occurrence time and event id, so redelivery writes nothing twice.
 */
export async function recordActivity(event: ConsumedEvent): Promise<'recorded' | 'duplicate'> {
  const { envelope } = event;
  const partition = envelope.projectId ? `PROJECT#${envelope.projectId}` : 'PLATFORM';
  const expiresAt = Math.floor(Date.parse(envelope.occurredAt) / 1000) + RETENTION_DAYS * 86_400;
  const recorded = await putIfAbsent({
    PK: partition,
    SK: `ACTIVITY#${envelope.occurredAt}#${envelope.eventId}`,
    type: 'Activity',
    eventType: event.type,
    source: event.source,
    ...envelope,
    expiresAt,
  });
  return recorded ? 'recorded' : 'duplicate';
}
