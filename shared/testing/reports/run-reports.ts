import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ProjectScope } from '#shared/auth/project-access';
import { getEnvironment } from '#shared/environments/repository';
import { ConflictError } from '#shared/http/errors';
import { DEFAULT_LOCALE, type Locale, negotiateLocale, parseLocale } from '#shared/i18n/locale';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage } from '#shared/reports/page';
import type { RunCaseResult } from '#shared/schemas/test-runs';
import { FINISHED_RUN_STATUSES, type REPORT_FORMATS } from '#shared/schemas/test-runs';
import { presignedGet } from '#shared/storage/presign';
import { artifactsBucket, objectExists, s3 } from '#shared/storage/s3';
import { htmlReportChunks } from '#shared/testing/reports/html';
import { jsonReportChunks, type ReportExtras, type RunHeader } from '#shared/testing/reports/json';
import { junitReportChunks } from '#shared/testing/reports/junit';
import * as m from '#shared/testing/reports/messages';
import { requireTestRun, runResultView, testRunListItemView } from '#shared/testing/runs/queries';
import { allResults } from '#shared/testing/runs/repository';

export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How long a report link works. */
export const REPORT_LINK_SECONDS = 15 * 60;

const FORMATS: Record<
  ReportFormat,
  {
    extension: string;
    contentType: string;
    render: (
      run: RunHeader,
      results: RunCaseResult[],
      extras: ReportExtras,
      language: ReportLanguage,
    ) => Iterable<string>;
  }
> = {
  json: { extension: 'json', contentType: 'application/json; charset=utf-8', render: jsonReportChunks },
  junit: { extension: 'xml', contentType: 'application/xml; charset=utf-8', render: junitReportChunks },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8', render: htmlReportChunks },
};

/** Where a run's report lives in the artifacts bucket; an HTML page once per language and time zone. */
export function reportKey(
  projectId: string,
  runId: string,
  format: ReportFormat,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  const variant = format === 'html' ? `.${language.locale}.${language.timeZone.replaceAll('/', '~')}` : '';
  return `reports/${projectId}/${runId}/report${variant}.${FORMATS[format].extension}`;
}

/** What the caller asked for: `?lang=` first, then Accept-Language; `?tz=` or UTC. */
export function reportLanguage(
  query: { lang?: string; tz?: string },
  acceptLanguage: string | undefined,
): ReportLanguage {
  const locale: Locale = parseLocale(query.lang) ?? negotiateLocale(acceptLanguage);
  return { locale, timeZone: query.tz ?? DEFAULT_REPORT_LANGUAGE.timeZone };
}

/**
 * GET .../test-runs/{runId}/report: a presigned link to the run's report in `format`. The
 * report is written on the first request for a finished run and reused after (a finished
 * run does not change); a run still queued or running has none yet (409).
 */
export async function getRunReport(
  scope: ProjectScope,
  runId: string,
  format: ReportFormat,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
) {
  const { projectId } = scope;
  const run = await requireTestRun(projectId, runId);
  if (!FINISHED_RUN_STATUSES.has(run.status)) {
    throw new ConflictError('TEST_RUN_NOT_FINISHED', m.runNotFinished({ status: run.status }));
  }
  const key = reportKey(projectId, runId, format, language);
  if (!(await objectExists(key))) {
    const [stored, environment] = await Promise.all([
      allResults(run.id),
      run.environmentId ? getEnvironment(projectId, run.environmentId) : undefined,
    ]);
    // The HTML page exists per language; the JSON and JUnit documents once, in English.
    const locale = format === 'html' ? language.locale : DEFAULT_LOCALE;
    const results = stored.map((result) => runResultView(result, locale)).sort(byCaseId);
    const extras: ReportExtras = { environmentName: environment?.name ?? null, suiteProperties: run.suiteProperties };
    const { contentType, render } = FORMATS[format];
    // Assembled from chunks (one per result): no single giant string for a large run.
    const body = Buffer.concat(
      [...render(testRunListItemView(run, locale), results, extras, language)].map((chunk) => Buffer.from(chunk)),
    );
    const contentLanguage = format === 'html' ? { ContentLanguage: language.locale } : {};
    await s3.send(
      new PutObjectCommand({
        Bucket: artifactsBucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...contentLanguage,
      }),
    );
  }
  const link = await presignedGet(artifactsBucket, key, { expiresInSeconds: REPORT_LINK_SECONDS });
  const page = format === 'html' ? { locale: language.locale, timeZone: language.timeZone } : {};
  return { format, url: link.url, expiresAt: link.expiresAt, ...page };
}

function byCaseId(a: RunCaseResult, b: RunCaseResult): number {
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}
