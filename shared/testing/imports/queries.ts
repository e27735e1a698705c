import type { ProjectScope } from '#shared/auth/project-access';
import { NotFoundError } from '#shared/http/errors';
import type { ImportStatus } from '#shared/schemas/test-runs';
import * as m from '#shared/testing/imports/messages';
import { getImport, type ImportRecord } from '#shared/testing/imports/repository';

// Reads only: GET .../imports/{importId} needs the table and nothing else.

/** An uploaded import's status and, once completed, its run; 404 for another project's. */
export async function getImportForCaller(scope: ProjectScope, importId: string) {
  const { projectId } = scope;
  const record = await getImport(projectId, importId);
  if (!record) throw new NotFoundError('IMPORT_NOT_FOUND', m.importNotFound());
  return importView(record);
}

/** An import as the API shows it: its id is the import's own `id`. */
export function importView(record: ImportRecord): ImportStatus {
  return {
    id: record.importId,
    status: record.status,
    runId: record.runId,
    error: record.error,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
