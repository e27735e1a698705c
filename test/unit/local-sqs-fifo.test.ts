import { describe, expect, it } from 'vitest';
import { DEDUPLICATION_WINDOW_MS, FifoQueue, md5Of } from '../../scripts/local/sqs/fifo-queue.ts';

/** A queue on a clock the test moves. */
function queueWithClock(options: { maxReceiveCount?: number; withDeadLetters?: boolean } = {}) {
  let now = 1_000_000;
  const clock = () => now;
  const deadLetterQueue = options.withDeadLetters
    ? new FifoQueue({ name: 'dlq.fifo', visibilityTimeoutSeconds: 30, now: clock })
    : undefined;
  const queue = new FifoQueue({
    name: 'q.fifo',
    visibilityTimeoutSeconds: 30,
    maxReceiveCount: options.maxReceiveCount,
    deadLetterQueue,
    now: clock,
  });
  return { queue, deadLetterQueue, advance: (ms: number) => (now += ms) };
}

const bodies = (messages: readonly { body: string }[]) => messages.map((message) => message.body);

describe('local SQS FIFO queue', () => {
  it("delivers a group's messages in the order sent, and nothing more of a group while one is in flight", () => {
    const { queue } = queueWithClock();
    queue.send('a1', 'A', 'd-a1');
    queue.send('b1', 'B', 'd-b1');
    queue.send('a2', 'A', 'd-a2');
    const first = queue.receive(1);
    expect(bodies(first)).toEqual(['a1']);
    // A is blocked by a1 in flight; B is free.
    expect(bodies(queue.receive(10))).toEqual(['b1']);
    expect(queue.receive(10)).toEqual([]);
    queue.delete(first[0]!.receiptHandle);
    expect(bodies(queue.receive(10))).toEqual(['a2']);
  });

  it('hands over several messages of one group together, in order', () => {
    const { queue } = queueWithClock();
    for (const body of ['a1', 'a2', 'a3']) queue.send(body, 'A', `d-${body}`);
    expect(bodies(queue.receive(10))).toEqual(['a1', 'a2', 'a3']);
  });

  it('drops a repeated deduplication id for five minutes, then accepts it again', () => {
    const { queue, advance } = queueWithClock();
    const sent = queue.send('x', 'A', 'same');
    expect(queue.send('x again', 'A', 'same')).toEqual({ messageId: sent.messageId, duplicate: true });
    expect(queue.counts().visible).toBe(1);
    advance(DEDUPLICATION_WINDOW_MS);
    expect(queue.send('x later', 'A', 'same').duplicate).toBe(false);
    expect(queue.counts().visible).toBe(2);
  });

  it('makes an undeleted message visible again after the visibility timeout, with a new receipt handle', () => {
    const { queue, advance } = queueWithClock();
    queue.send('m', 'A', 'd');
    const [first] = queue.receive(1);
    advance(29_999);
    expect(queue.receive(1)).toEqual([]);
    advance(1);
    const [second] = queue.receive(1);
    expect(second).toMatchObject({ body: 'm', receiveCount: 2 });
    // The first receive's handle no longer deletes it.
    expect(queue.delete(first!.receiptHandle)).toBe(false);
    expect(queue.delete(second!.receiptHandle)).toBe(true);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('returns a message at once when its visibility is set to 0', () => {
    const { queue } = queueWithClock();
    queue.send('m', 'A', 'd');
    const [received] = queue.receive(1);
    expect(queue.changeVisibility(received!.receiptHandle, 0)).toBe(true);
    expect(bodies(queue.receive(1))).toEqual(['m']);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives, unblocking its group', () => {
    const { queue, deadLetterQueue, advance } = queueWithClock({ maxReceiveCount: 2, withDeadLetters: true });
    queue.send('poison', 'A', 'd1');
    queue.send('next', 'A', 'd2');
    expect(bodies(queue.receive(1))).toEqual(['poison']);
    advance(30_000);
    expect(bodies(queue.receive(1))).toEqual(['poison']);
    advance(30_000);
    // The third receive finds it past its limit: it goes to the DLQ and the group moves on.
    expect(bodies(queue.receive(1))).toEqual(['next']);
    expect(bodies(deadLetterQueue!.receive(10))).toEqual(['poison']);
  });

  it('answers the MD5 of the body as SQS does (RFC 1321 value of "hello")', () => {
    expect(md5Of('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });
});
