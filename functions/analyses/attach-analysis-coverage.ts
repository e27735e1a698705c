import { attachCoverage } from '#shared/analysis/coverage/attach';
import { AttachAnalysisCoverage } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

// 200 when the analysis had completed (coverage and gate judged again), 202 while it runs.
export const handler = projectHandler(AttachAnalysisCoverage, async ({ project, params, query, rawBody }) =>
  attachCoverage(project, params.analysisId, query.format, rawBody as string),
);
