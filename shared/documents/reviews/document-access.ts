import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { ProjectScope } from '#shared/auth/project-access';
import { recordOf, table } from '#shared/data/repository';
import type { DocumentRecord, DocumentVersionRecord } from '#shared/documents/model';
import * as m from '#shared/documents/reviews/messages';
import { NotFoundError } from '#shared/http/errors';
import { artifactsBucket, s3 } from '#shared/storage/s3';

// Interim reads of documents for reviews, by the key layout of shared/documents/model.ts, until
// the core's queries (resolveDocument, readDocumentBody) are merged in and replace this module.

const partition = (projectId: string) => `PROJECT#${projectId}`;
const NUMBERED = /^([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,8})$/;

/** The document a route names (its id, or `KEY-n` with the project's key); 404 when absent. */
export async function resolveDocument(scope: ProjectScope, ref: string): Promise<DocumentRecord> {
  let documentId: string | undefined = ref;
  const numbered = NUMBERED.exec(ref);
  if (numbered) {
    const sameKey = numbered[1]?.toUpperCase() === scope.project.key.toUpperCase();
    const alias = sameKey
      ? await table.get<{ documentId: string }>(partition(scope.projectId), `DOCNUMBER#${numbered[2]}`)
      : undefined;
    documentId = alias?.documentId;
  }
  const item = documentId ? await table.get(partition(scope.projectId), `DOCUMENT#${documentId}`) : undefined;
  const document = recordOf<DocumentRecord>(item);
  if (!document) throw new NotFoundError('DOCUMENT_NOT_FOUND', m.documentNotFound());
  return document;
}

/** The body of one version of the document; 404 when there is no such version. */
export async function readDocumentBody(
  scope: ProjectScope,
  document: DocumentRecord,
  version: number,
): Promise<string> {
  const item = await table.get(
    partition(scope.projectId),
    `DOCVERSION#${document.id}#${String(version).padStart(8, '0')}`,
  );
  const record = recordOf<DocumentVersionRecord>(item);
  if (!record) throw new NotFoundError('DOCUMENT_VERSION_NOT_FOUND', m.versionNotFound({ version }));
  const object = await s3.send(new GetObjectCommand({ Bucket: artifactsBucket, Key: record.bodyKey }));
  return (await object.Body?.transformToString('utf-8')) ?? '';
}
