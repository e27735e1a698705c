import { getAnalysisReport } from '#shared/analysis/reports/analysis-reports';
import { GetAnalysisReport } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';
import { reportLanguage } from '#shared/testing/reports/run-reports';

export const handler = projectHandler(GetAnalysisReport, async ({ project, params, query, headers }) => {
  const language = reportLanguage(query, headers['accept-language']);
  return { body: await getAnalysisReport(project, params.analysisId, query.format, language) };
});
