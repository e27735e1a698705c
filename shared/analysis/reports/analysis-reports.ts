import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  htmlReportInput,
  jsonReport,
  type StoredAnalysisResults,
  sarifReportInput,
} from '#shared/analysis/reports/contents';
import { analysisReportHtml } from '#shared/analysis/reports/html';
import { toSarif } from '#shared/analysis/reports/sarif';
import type { AnalysisRecord } from '#shared/analysis/repository';
import { requireCompletedAnalysis } from '#shared/analysis/result-queries';
import { getResult } from '#shared/analysis/result-store';
import { RESULT_OBJECTS, type StoredFile, type StoredFileFunctions } from '#shared/analysis/results';
import type { ProjectScope } from '#shared/auth/project-access';
import { ENV, requireEnv } from '#shared/config/env';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage } from '#shared/reports/page';
import type { AnalysisDependencies, AnalysisReportFormat, DuplicationBlock } from '#shared/schemas/analyses';
import { presignedGet } from '#shared/storage/presign';
import { artifactsBucket, objectExists, s3 } from '#shared/storage/s3';
import { REPORT_LINK_SECONDS } from '#shared/testing/reports/run-reports';

// An analysis's report, as a test run's (shared/testing/reports/run-reports.ts): rendered on the
// first request for each variant, stored in the artifacts bucket, answered with a presigned GET.
// A completed analysis changes only when a coverage report is attached (its coverage and gate),
// so a stored report is named by the coverage report it was rendered with.

/**
 * The deployment's API reference page, which SARIF names as the tool's information and rules' help:
 * an address every reader of the report can open, served by the same deployment (GetApiReference).
 */
const API_DOCS_URL = `${requireEnv(ENV.publicApiUrl).replace(/\/+$/, '')}/v1/docs`;

const FORMATS: Record<
  AnalysisReportFormat,
  {
    extension: string;
    contentType: string;
    render: (results: StoredAnalysisResults, language: ReportLanguage, scope: ProjectScope) => string;
  }
> = {
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    render: (results) => JSON.stringify(jsonReport(results)),
  },
  sarif: {
    extension: 'sarif',
    contentType: 'application/sarif+json; charset=utf-8',
    render: (results, language, scope) =>
      JSON.stringify(
        toSarif(
          sarifReportInput(results, { apiDocsUrl: API_DOCS_URL, repositoryUrl: scope.project.repository?.url }),
          language.locale,
        ),
      ),
  },
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    render: (results, language) => analysisReportHtml(htmlReportInput(results), language),
  },
};

/**
 * Where an analysis's report lives: the HTML page once per language and time zone, SARIF once
 * per language (its texts are worded), JSON once; each again after a coverage report is attached.
 */
export function analysisReportKey(
  projectId: string,
  analysisId: string,
  format: AnalysisReportFormat,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
  coverageVersion?: string,
): string {
  const variant =
    format === 'html'
      ? `.${language.locale}.${language.timeZone.replaceAll('/', '~')}`
      : format === 'sarif'
        ? `.${language.locale}`
        : '';
  const coverage = coverageVersion === undefined ? '' : `coverage-${coverageVersion}/`;
  return `reports/analyses/${projectId}/${analysisId}/${coverage}report${variant}.${FORMATS[format].extension}`;
}

/**
 * GET .../analyses/{analysisId}/report: a presigned link to a completed analysis's report in
 * `format`; 409 while the analysis is not completed (a failed one has no results).
 */
export async function getAnalysisReport(
  scope: ProjectScope,
  analysisId: string,
  format: AnalysisReportFormat,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
) {
  const analysis = await requireCompletedAnalysis(scope.projectId, analysisId);
  const key = analysisReportKey(scope.projectId, analysis.id, format, language, analysis.coverageVersion);
  if (!(await objectExists(key))) {
    const { contentType, render } = FORMATS[format];
    const results = await readAnalysisResults(analysis);
    const contentLanguage = format === 'html' ? { ContentLanguage: language.locale } : {};
    await s3.send(
      new PutObjectCommand({
        Bucket: artifactsBucket,
        Key: key,
        Body: render(results, language, scope),
        ContentType: contentType,
        ...contentLanguage,
      }),
    );
  }
  const link = await presignedGet(artifactsBucket, key, { expiresInSeconds: REPORT_LINK_SECONDS });
  const page = format === 'html' ? { locale: language.locale, timeZone: language.timeZone } : {};
  return { format, url: link.url, expiresAt: link.expiresAt, ...page };
}

/** Every stored result of a completed analysis; a stage that did not run leaves its part null. */
async function readAnalysisResults(analysis: AnalysisRecord): Promise<StoredAnalysisResults> {
  const { projectId, id: analysisId } = analysis;
  const [files, duplications, dependencies] = await Promise.all([
    getResult<StoredFile[]>(projectId, analysisId, RESULT_OBJECTS.files),
    getResult<DuplicationBlock[]>(projectId, analysisId, RESULT_OBJECTS.duplications),
    getResult<AnalysisDependencies>(projectId, analysisId, RESULT_OBJECTS.dependencies),
  ]);
  const batches = [...new Set((files ?? []).filter((file) => file.functions !== null).map((file) => file.batch))];
  const functions = await Promise.all(
    batches.map((batch) => getResult<StoredFileFunctions>(projectId, analysisId, RESULT_OBJECTS.functions(batch))),
  );
  const { id, commit, branch, startedAt, endedAt } = analysis;
  return {
    analysis: { id, commit, branch, startedAt, endedAt },
    // A completed analysis always has its summary (Finish writes both at once).
    summary: analysis.summary!,
    files: files ?? [],
    functions: functions.filter((batch) => batch !== undefined),
    duplications: duplications ?? null,
    dependencies: dependencies ?? null,
  };
}
