import { GetTestRunReport } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { getRunReport, reportLanguage } from '#shared/testing/reports/run-reports';

export const handler = projectHandler(GetTestRunReport, async ({ project, params, query, headers }) => {
  const language = reportLanguage(query, headers['accept-language']);
  return { body: await getRunReport(project, params.runId, query.format, language) };
});
