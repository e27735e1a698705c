import { deleteIfExists, putIfAbsent, putIfVersion } from '#shared/data/conditional-writes';
import { recordOf, table } from '#shared/data/repository';
import type { DocumentFormat, DocumentType } from '#shared/documents/model';

// Project templates: one item each, SK = DOCTEMPLATE#<templateId> in the project's partition
// (shared/documents/model.ts). The body is in the item: 100,000 characters at 3 bytes at most
// (UTF-8 of the Basic Multilingual Plane; a surrogate pair is 2 characters for 4 bytes) stay
// well inside DynamoDB's 400 KB.

/** A project's own template as stored. */
export interface DocumentTemplateRecord {
  id: string;
  projectId: string;
  name: string;
  description: string;
  /** The document type (stored under this name: `type` is the item's tag, which recordOf drops). */
  documentType: DocumentType;
  format: DocumentFormat;
  body: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const TEMPLATE_PREFIX = 'DOCTEMPLATE#';
const templateKey = (projectId: string, templateId: string) => ({
  PK: partition(projectId),
  SK: `${TEMPLATE_PREFIX}${templateId}`,
});

const itemOf = (record: DocumentTemplateRecord) => ({
  ...templateKey(record.projectId, record.id),
  type: 'DocumentTemplate',
  ...record,
});

/** The project's template, or undefined. */
export async function getProjectTemplate(projectId: string, templateId: string) {
  const key = templateKey(projectId, templateId);
  return recordOf<DocumentTemplateRecord>(await table.get(key.PK, key.SK));
}

/** Every template of the project (bounded: MAX_PROJECT_TEMPLATES), oldest first. */
export async function listProjectTemplates(projectId: string): Promise<DocumentTemplateRecord[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': TEMPLATE_PREFIX },
  });
  return items
    .map((item) => recordOf<DocumentTemplateRecord>(item)!)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** How many templates the project has (keys only). */
export function countProjectTemplates(projectId: string): Promise<number> {
  return table.countPrefix(partition(projectId), TEMPLATE_PREFIX);
}

/** Stores a new template (its id is fresh, so only a ULID collision fails). */
export function insertProjectTemplate(record: DocumentTemplateRecord): Promise<boolean> {
  return putIfAbsent(itemOf(record));
}

/** Replaces the template if its stored version is `expectedVersion`; false otherwise (or when it is gone). */
export function replaceProjectTemplate(next: DocumentTemplateRecord, expectedVersion: number): Promise<boolean> {
  return putIfVersion(itemOf(next), expectedVersion);
}

/** Deletes the template; false when there was none. */
export function deleteProjectTemplate(projectId: string, templateId: string): Promise<boolean> {
  return deleteIfExists(templateKey(projectId, templateId));
}
