import * as z from 'zod/mini';
import type { ApplyOutcome, ProjectSearchIndex, SearchItem } from '#shared/search/index';
import { SEARCH_ITEM_TYPES, type SearchItemType } from '#shared/search/item-types';

// The pure decisions of the search indexing pipeline (docs/search.md): which domain events
// change which item, the message that carries a change through the FIFO queue, how a change is
// applied to the index, and which messages of a batch go back to the queue after a failure.

/** One item of a project changed: the consumer reads it from the table (the table is the truth). */
export interface IndexChange {
  readonly kind: 'change';
  readonly projectId: string;
  /** The domain event's id: the queue's deduplication id. */
  readonly eventId: string;
  /** When the event happened: the time of a removal when the item is gone. */
  readonly occurredAt: string;
  readonly type: SearchItemType;
  readonly id: string;
}

/** Rebuild the project's index from the table (POST …/search/reindex, or an index of another format). */
export interface IndexRebuild {
  readonly kind: 'rebuild';
  readonly projectId: string;
  readonly requestId: string;
  readonly requestedAt: string;
}

export type IndexMessage = IndexChange | IndexRebuild;

const IndexMessageSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('change'),
    projectId: z.string(),
    eventId: z.string(),
    occurredAt: z.iso.datetime(),
    type: z.enum(SEARCH_ITEM_TYPES),
    id: z.string(),
  }),
  z.object({
    kind: z.literal('rebuild'),
    projectId: z.string(),
    requestId: z.string(),
    requestedAt: z.iso.datetime(),
  }),
]);

/** Reads a queue message's body; a malformed one throws (the queue redrives it to the DLQ). */
export function parseIndexMessage(body: string): IndexMessage {
  return IndexMessageSchema.parse(JSON.parse(body));
}

/** The item each indexed event type is about, and the field of `data` naming it. */
export const INDEXED_EVENTS = {
  'Document Created': { type: 'document', idField: 'documentId' },
  'Document Updated': { type: 'document', idField: 'documentId' },
  'Document Deleted': { type: 'document', idField: 'documentId' },
  'Test Case Created': { type: 'testCase', idField: 'caseId' },
  'Test Case Updated': { type: 'testCase', idField: 'caseId' },
  'Test Case Deleted': { type: 'testCase', idField: 'caseId' },
  'Test Suite Created': { type: 'testSuite', idField: 'suiteId' },
  'Test Suite Updated': { type: 'testSuite', idField: 'suiteId' },
  'Test Suite Deleted': { type: 'testSuite', idField: 'suiteId' },
  'Pipeline Created': { type: 'pipeline', idField: 'pipelineId' },
  'Pipeline Updated': { type: 'pipeline', idField: 'pipelineId' },
  'Pipeline Deleted': { type: 'pipeline', idField: 'pipelineId' },
  'Environment Created': { type: 'environment', idField: 'environmentId' },
  'Environment Updated': { type: 'environment', idField: 'environmentId' },
  'Environment Deleted': { type: 'environment', idField: 'environmentId' },
  'Deployment Queued': { type: 'deployment', idField: 'deploymentId' },
  'Deployment Started': { type: 'deployment', idField: 'deploymentId' },
  'Deployment Succeeded': { type: 'deployment', idField: 'deploymentId' },
  'Deployment Failed': { type: 'deployment', idField: 'deploymentId' },
  'Deployment Rolled Back': { type: 'deployment', idField: 'deploymentId' },
  'Deployment Cancelled': { type: 'deployment', idField: 'deploymentId' },
  'Code Analysis Started': { type: 'analysis', idField: 'analysisId' },
  'Code Analysis Completed': { type: 'analysis', idField: 'analysisId' },
  'Code Analysis Failed': { type: 'analysis', idField: 'analysisId' },
  'Code Analysis Gate Evaluated': { type: 'analysis', idField: 'analysisId' },
} as const satisfies Record<string, { type: SearchItemType; idField: string }>;

export type IndexedEventType = keyof typeof INDEXED_EVENTS;

/** The event sources of the indexed events, for the forwarding rule's pattern. */
export const INDEXED_EVENT_TYPES = Object.keys(INDEXED_EVENTS) as IndexedEventType[];

/** The envelope fields a change needs (see shared/events/catalogue.ts `EventEnvelope`). */
export interface IndexedEnvelope {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly projectId: string | null;
  readonly data: Record<string, unknown>;
}

/**
 * The change an event announces, or undefined for an event the index does not follow (another
 * type, no project, no id): such an event is dropped, not retried.
 */
export function indexChangeOf(detailType: string, envelope: IndexedEnvelope): IndexChange | undefined {
  if (!Object.hasOwn(INDEXED_EVENTS, detailType) || envelope.projectId === null) return undefined;
  const { type, idField } = INDEXED_EVENTS[detailType as IndexedEventType];
  const id = envelope.data[idField];
  if (typeof id !== 'string' || id === '') return undefined;
  return {
    kind: 'change',
    projectId: envelope.projectId,
    eventId: envelope.eventId,
    occurredAt: envelope.occurredAt,
    type,
    id,
  };
}

/**
 * Applies one change with what the table holds now: the item as it is (an upsert, ignored
 * when the index has this version or a newer one) or nothing (a removal as of the event's
 * time, kept as a tombstone). A repeated or late event thus changes nothing, and one that
 * arrives after its item was deleted does not bring it back.
 */
export function applyChange(
  index: ProjectSearchIndex,
  change: IndexChange,
  current: SearchItem | undefined,
): ApplyOutcome {
  if (current) return index.upsert(current);
  return index.remove({ type: change.type, id: change.id }, change.occurredAt);
}

/** A message of a batch as the consumer sees it. */
export interface BatchMessage {
  readonly messageId: string;
  readonly projectId: string;
}

/**
 * The messages of a batch by project, each project's in the batch's order (SQS FIFO hands a
 * group's messages over in order; a batch may hold several groups).
 */
export function groupByProject<M extends BatchMessage>(messages: readonly M[]): Map<string, M[]> {
  const groups = new Map<string, M[]>();
  for (const message of messages) {
    const group = groups.get(message.projectId);
    if (group) group.push(message);
    else groups.set(message.projectId, [message]);
  }
  return groups;
}

/**
 * The messages to report as failed (`batchItemFailures`): every message of a project whose
 * changes could not be saved. A project's index is saved once per batch, so a failure loses
 * all its changes of the batch; returning them all keeps the group in order (SQS FIFO delivers
 * nothing more of the group until they are deleted), and applying them again is a no-op where
 * they had been applied.
 */
export function failedMessageIds(messages: readonly BatchMessage[], failedProjects: ReadonlySet<string>): string[] {
  return messages.filter((message) => failedProjects.has(message.projectId)).map((message) => message.messageId);
}
