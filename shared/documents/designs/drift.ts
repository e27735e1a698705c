import type { ProjectScope } from '#shared/auth/project-access';
import { loadDesign } from '#shared/documents/designs/design';
import { fetchLiveDocument } from '#shared/documents/designs/live-document';
import { diffOpenApi } from '#shared/documents/openapi/diff';
import { resolveDocument } from '#shared/documents/queries';
import { type OutboundClient, outboundClient } from '#shared/http/outbound';
import type { DriftReport } from '#shared/schemas/documents';

// Drift: the design (one version of an openapi document) against what a live API serves as its
// OpenAPI document (live-document.ts). The live document is the revision: a breaking change is one
// the live API made to what the design promises.

/** The differences from the design to the live document at `url`, breaking ones first. */
export async function checkDrift(
  scope: ProjectScope,
  documentRef: string,
  url: string,
  options: { version?: number; client?: OutboundClient } = {},
): Promise<DriftReport> {
  const document = await resolveDocument(scope, documentRef);
  const { design, version } = await loadDesign(scope, document, options.version);
  const live = await fetchLiveDocument(url, options.client ?? outboundClient);
  const changes = diffOpenApi(design, live);
  return {
    documentId: document.id,
    version,
    url,
    breaking: changes.filter((change) => change.breaking).length,
    changes,
  };
}
