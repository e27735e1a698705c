import { createAnalysis } from '#shared/analysis/commands';
import { CreateAnalysis } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

// 201 with the upload link for an archive (created, waiting for its bytes); 202 for a git ref
// (accepted, queued).
export const handler = projectHandler(CreateAnalysis, async ({ project, params, body, idempotencyKey }) => {
  const { answer, replayed } = await createAnalysis(project, body, idempotencyKey);
  return {
    status: answer.status === 'waiting_for_upload' ? 201 : 202,
    body: answer,
    headers: {
      location: `/v1/projects/${params.projectId}/analyses/${answer.id}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
});
