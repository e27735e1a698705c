import { createHash, randomUUID } from 'node:crypto';

/** SQS FIFO keeps a deduplication id for five minutes. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/** A message as the queue keeps it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly sentAt: number;
  /** Increases with every receive; past `maxReceiveCount` the message moves to the dead-letter queue. */
  receiveCount: number;
  firstReceivedAt?: number;
  /** While in flight: when it becomes visible again, and the handle of its current receive. */
  invisibleUntil: number;
  receiptHandle?: string;
}

/** A received message: what ReceiveMessage answers. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly receiveCount: number;
  readonly sentAt: number;
  readonly firstReceivedAt: number;
}

export interface FifoQueueOptions {
  readonly name: string;
  /** Seconds a received message stays invisible unless deleted or changed. */
  readonly visibilityTimeoutSeconds: number;
  /** With `deadLetterQueue`: receives after which a message moves there instead of being delivered. */
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: FifoQueue;
  /** The clock (tests move it). */
  readonly now?: () => number;
}

/** MD5 of a body, as SQS answers it (the SDK checks it). */
export function md5Of(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * One SQS FIFO queue, in memory, with the semantics the search index relies on: messages of a
 * group are delivered in the order sent, and none of a group while another of it is in flight
 * (received, neither deleted nor visible again); a deduplication id seen in the last five
 * minutes is accepted and dropped; a received message is invisible for the visibility
 * timeout; a message received more than `maxReceiveCount` times moves to the dead-letter
 * queue on its next receive, as SQS's redrive policy does.
 */
export class FifoQueue {
  readonly name: string;
  visibilityTimeoutSeconds: number;
  private readonly messages: QueuedMessage[] = [];
  private readonly deduplication = new Map<string, { messageId: string; sentAt: number }>();
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: FifoQueueOptions) {
    this.name = options.name;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.now = options.now ?? Date.now;
  }

  /** Queues a message; a repeated deduplication id within the window answers the first message's id. */
  send(body: string, groupId: string, deduplicationId: string): { messageId: string; duplicate: boolean } {
    const now = this.now();
    for (const [id, seen] of this.deduplication) {
      if (now - seen.sentAt >= DEDUPLICATION_WINDOW_MS) this.deduplication.delete(id);
    }
    const seen = this.deduplication.get(deduplicationId);
    if (seen) return { messageId: seen.messageId, duplicate: true };
    const messageId = randomUUID();
    this.deduplication.set(deduplicationId, { messageId, sentAt: now });
    this.messages.push({ messageId, body, groupId, deduplicationId, sentAt: now, receiveCount: 0, invisibleUntil: 0 });
    this.notify();
    return { messageId, duplicate: false };
  }

  /**
   * Up to `max` messages: from each group that has nothing in flight, its oldest messages in
   * order. A message past its receive limit goes to the dead-letter queue and unblocks its group.
   */
  receive(max: number, visibilityTimeoutSeconds = this.visibilityTimeoutSeconds): ReceivedMessage[] {
    const now = this.now();
    const blockedGroups = new Set(
      this.messages.filter((message) => message.invisibleUntil > now).map((message) => message.groupId),
    );
    const received: ReceivedMessage[] = [];
    for (const message of [...this.messages]) {
      if (received.length >= max) break;
      if (blockedGroups.has(message.groupId)) continue;
      const limit = this.options.maxReceiveCount;
      if (limit !== undefined && this.options.deadLetterQueue && message.receiveCount >= limit) {
        this.remove(message);
        this.options.deadLetterQueue.send(message.body, message.groupId, message.deduplicationId);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.invisibleUntil = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = randomUUID();
      received.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: md5Of(message.body),
        groupId: message.groupId,
        deduplicationId: message.deduplicationId,
        receiveCount: message.receiveCount,
        sentAt: message.sentAt,
        firstReceivedAt: message.firstReceivedAt,
      });
    }
    return received;
  }

  /** Deletes a received message by its current receipt handle; an old handle changes nothing. */
  delete(receiptHandle: string): boolean {
    const message = this.messages.find((candidate) => candidate.receiptHandle === receiptHandle);
    if (!message) return false;
    this.remove(message);
    this.notify();
    return true;
  }

  /** Makes an in-flight message visible after `seconds` (0: now). */
  changeVisibility(receiptHandle: string, seconds: number): boolean {
    const message = this.messages.find((candidate) => candidate.receiptHandle === receiptHandle);
    if (!message || message.invisibleUntil <= this.now()) return false;
    message.invisibleUntil = this.now() + seconds * 1000;
    if (seconds === 0) this.notify();
    return true;
  }

  /** Messages waiting and in flight (ApproximateNumberOfMessages…). */
  counts(): { visible: number; inFlight: number } {
    const now = this.now();
    const inFlight = this.messages.filter((message) => message.invisibleUntil > now).length;
    return { visible: this.messages.length - inFlight, inFlight };
  }

  /** When the next in-flight message becomes visible again, if any is in flight. */
  nextVisibleAt(): number | undefined {
    const now = this.now();
    const times = this.messages.map((message) => message.invisibleUntil).filter((time) => time > now);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Calls `listener` whenever a message may have become receivable (sent, deleted, made visible). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remove(message: QueuedMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
