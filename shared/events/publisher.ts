import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import type { Caller } from '#shared/auth/context';
import { ENV, requireEnv } from '#shared/config/env';
import { EVENT_CATALOGUE, type EventData, type EventType } from '#shared/events/catalogue';
import { countMetric } from '#shared/metrics';

const eventBusName = requireEnv(ENV.eventBusName);
const client = new EventBridgeClient({});

/** Who did it and in which request, for the envelope. */
export interface EventOrigin {
  actorId: string | null;
  correlationId: string;
}

/** The origin of an event a caller's request causes. */
export function originOf(caller: Caller): EventOrigin {
  return { actorId: caller.auth.userId, correlationId: caller.correlationId };
}

/**
 * Publishes one domain event on the platform bus with the envelope from DESIGN.md. The data
 * is validated against the catalogue first, so a malformed event never leaves the function;
 * a rejected entry throws, so the caller's request fails visibly rather than losing it.
 */
export async function publishEvent<T extends EventType>(
  type: T,
  projectId: string | null,
  data: EventData<T>,
  origin: EventOrigin,
): Promise<string> {
  const definition = EVENT_CATALOGUE[type];
  const eventId = ulid().toLowerCase();
  const detail = {
    eventId,
    occurredAt: new Date().toISOString(),
    projectId,
    actor: { userId: origin.actorId },
    correlationId: origin.correlationId,
    data: definition.data.parse(data),
  };
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: eventBusName, Source: definition.source, DetailType: type, Detail: JSON.stringify(detail) },
      ],
    }),
  );
  const entry = result.Entries?.[0];
  if ((result.FailedEntryCount ?? 0) > 0 || !entry?.EventId) {
    throw new Error(`PutEvents rejected ${type}: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`);
  }
  // One business metric per event type (ProjectCreated, MemberAdded, ...): activity on the dashboard.
  countMetric(type.replaceAll(' ', ''));
  return eventId;
}
