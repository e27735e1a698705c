import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BusEvent, DEAD_LETTER_FILE, EVENT_ARCHIVE_FILE } from '../../scripts/local/event-bus.ts';

/** An event's `detail`: the platform envelope when a handler published it (see the catalogue). */
export interface PublishedDetail {
  eventId?: string;
  occurredAt?: string;
  projectId?: string | null;
  actor?: { userId?: string | null };
  correlationId?: string;
  // Test assertions reach into event-specific data freely.
  // biome-ignore lint/suspicious/noExplicitAny: shape depends on the event type
  data?: Record<string, any>;
  [key: string]: unknown;
}

/** An event as the local bus archived it (the shape rule targets receive), with the platform envelope. */
export interface PublishedEvent extends Omit<BusEvent, 'detail'> {
  detail: PublishedDetail;
}

/** A delivery that failed every attempt, as the local bus wrote it to its DLQ file. */
export interface DeadLetter {
  ruleId: string;
  target: string;
  attempts: number;
  failedAt: string;
  error: { name: string; message: string; stack?: string };
  event: PublishedEvent;
}

async function readJsonLines<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Every event accepted by the local EventBridge of the stack on `dataDir`, oldest first. */
export function readPublishedEvents(dataDir: string): Promise<PublishedEvent[]> {
  return readJsonLines(join(dataDir, 'eventbridge', EVENT_ARCHIVE_FILE));
}

/** Every event delivery that ended in the local dead-letter file, oldest first. */
export function readDeadLetters(dataDir: string): Promise<DeadLetter[]> {
  return readJsonLines(join(dataDir, 'eventbridge', DEAD_LETTER_FILE));
}
