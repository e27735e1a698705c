import type { DocumentStatus } from '#shared/documents/model';

/**
 * The status a document takes when a new version is saved (an edit or a restore): an approved
 * document goes back to review, since its approval was for an older version; the others keep
 * theirs. An obsolete document is not edited (the core refuses the save).
 */
export function statusAfterNewVersion(status: DocumentStatus): DocumentStatus {
  return status === 'approved' ? 'in_review' : status;
}
