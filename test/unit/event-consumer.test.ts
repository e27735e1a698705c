import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type ConsumedEvent, eventHandler } from '#shared/events/consumer';
import { lambdaContext } from '../fixtures/api-gateway.ts';

/** A `Test Run Completed` event as the platform bus delivers it, `data` replaced by `data`. */
function completedRunEvent(data: unknown, detailType = 'Test Run Completed'): EventBridgeEvent<string, unknown> {
  return {
    id: 'evt-1',
    version: '0',
    account: '000000000000',
    region: 'us-east-1',
    time: '2026-12-03T10:00:00Z',
    resources: [],
    source: 'trellis.tests',
    'detail-type': detailType,
    detail: {
      eventId: '01jevent',
      occurredAt: '2026-12-03T10:00:00.000Z',
      projectId: 'p-1',
      actor: { userId: null },
      correlationId: 'corr-1',
      data,
    },
  };
}

const completed = {
  runId: 'r-1',
  suiteId: null,
  source: 'execution',
  status: 'passed',
  summary: { total: 1, passed: 1, failed: 0, errored: 0, skipped: 0, flaky: 0, passRate: 1, durationMs: 12 },
  newFailures: 0,
};

function recordingConsumer() {
  const consumed: ConsumedEvent<'Test Run Completed'>[] = [];
  const handler = eventHandler(['Test Run Completed'], async (event) => {
    consumed.push(event);
  });
  return { consumed, consume: (event: EventBridgeEvent<string, unknown>) => handler(event, lambdaContext()) };
}

describe('eventHandler', () => {
  it('hands the consumer an event whose data matches its catalogue schema', async () => {
    // Prepare
    const { consumed, consume } = recordingConsumer();
    // Act
    await consume(completedRunEvent(completed));
    // Assess
    expect(consumed).toHaveLength(1);
    expect(consumed[0]).toMatchObject({ id: 'evt-1', type: 'Test Run Completed', envelope: { data: completed } });
  });

  it('refuses data that does not match the schema, so the event is retried and dead-lettered', async () => {
    // Prepare
    const { consumed, consume } = recordingConsumer();
    // Act
    const outcome = consume(completedRunEvent({ ...completed, runId: 42 }));
    // Assess
    await expect(outcome).rejects.toThrow(/runId/);
    expect(consumed).toHaveLength(0);
  });

  it('refuses an event type the consumer does not accept', async () => {
    // Prepare
    const { consumed, consume } = recordingConsumer();
    // Act
    const outcome = consume(completedRunEvent({ runId: 'r-1', suiteId: null, reason: 'boom' }, 'Test Run Failed'));
    // Assess
    await expect(outcome).rejects.toThrow('does not accept events of type Test Run Failed');
    expect(consumed).toHaveLength(0);
  });
});
