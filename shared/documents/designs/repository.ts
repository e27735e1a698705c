import { createHash } from 'node:crypto';
import { type Item, recordOf, table } from '#shared/data/repository';
import type { GeneratedCaseSource } from '#shared/documents/openapi/test-generation';

// Items of API designs (key layout: shared/documents/model.ts):
//  - generated case:  SK = DOCGENCASE#<documentId>#<sha256(source key), 32 hex>  → which case a design's
//    operation + status generated, and the fingerprint of what was generated (hand edits are told by it)
//  - link:            SK = DOCLINK#<documentId>#<linkId> (the links room's item; `verifies` links of generated
//    cases are written here with a deterministic id, so generating again never duplicates them)

const partition = (projectId: string) => `PROJECT#${projectId}`;
const markerPrefix = (documentId: string) => `DOCGENCASE#${documentId}#`;
const hashOf = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** What a design's generation left on one case: its source, the environment asked for, and the fingerprint. */
export interface GeneratedCaseMarker {
  documentId: string;
  projectId: string;
  /** `METHOD /path status` (regeneration.ts `sourceKey`). */
  key: string;
  caseId: string;
  source: GeneratedCaseSource;
  environmentId: string;
  fingerprint: string;
  generatedBy: string;
  generatedAt: string;
}

function markerItem(marker: GeneratedCaseMarker): Item {
  return {
    PK: partition(marker.projectId),
    SK: `${markerPrefix(marker.documentId)}${hashOf(marker.key, 32)}`,
    type: 'DocumentGeneratedCase',
    ...marker,
  };
}

/** Every generated-case marker of a document, by source key. */
export async function generatedCaseMarkers(
  projectId: string,
  documentId: string,
): Promise<Map<string, GeneratedCaseMarker>> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': markerPrefix(documentId) },
  });
  const markers = items.map((item) => recordOf<GeneratedCaseMarker>(item) as GeneratedCaseMarker);
  return new Map(markers.map((marker) => [marker.key, marker]));
}

/** Stores (or replaces) markers; idempotent puts, written after the cases they describe. */
export async function saveGeneratedCaseMarkers(markers: readonly GeneratedCaseMarker[]): Promise<void> {
  await table.batchWrite(markers.map((marker) => ({ PutRequest: { Item: markerItem(marker) } })));
}
