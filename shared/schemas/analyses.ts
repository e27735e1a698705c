import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, PageQuery, PresignedUrl, pageOf, ResourceId, Timestamp } from '#shared/schemas/common';
import { GitRef, VersionLabel } from '#shared/schemas/deployments';
import { schemaOnFirstUse } from '#shared/schemas/lazy';
import * as s from '#shared/schemas/messages';
import { GateResult } from '#shared/schemas/quality-gate';
import { ReportLink, ReportQuery } from '#shared/schemas/test-runs';

// Code analysis (issue 10): a snapshot of a project's source, analysed by the CodeAnalysis
// state machine; summaries in DynamoDB, per-file results in the artifacts bucket.

export const ANALYSIS_STATUSES = ['waiting_for_upload', 'queued', 'running', 'completed', 'failed'] as const;
export const AnalysisStatus = /* @__PURE__ */ z.enum(ANALYSIS_STATUSES);
export type AnalysisStatus = z.infer<typeof AnalysisStatus>;
/** An analysis in one of these has ended: nothing moves it again. */
export const FINISHED_ANALYSIS_STATUSES: ReadonlySet<AnalysisStatus> = new Set(['completed', 'failed']);

export const ANALYSIS_LIMITS = {
  /** The largest archive a presigned PUT is bound to. */
  archiveBytes: 500 * 1024 * 1024,
  uploadUrlSeconds: 900,
} as const;

/**
 * Where archives land in the artifacts bucket (`analysis-uploads/<projectId>/<analysisId>.<ext>`):
 * S3 announces objects under it to the StartUploadedAnalysis rule, and the bucket's lifecycle
 * expires them like import uploads.
 */
export const ANALYSIS_UPLOAD_PREFIX = 'analysis-uploads/';

export const ARCHIVE_FORMATS = ['zip', 'tar.gz'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** Why a file was not analysed (shared/analysis/model.ts `SkipReason`). */
export const SKIP_REASONS = [
  'vendored',
  'generated',
  'minified',
  'binary',
  'excluded',
  'unknown_language',
  'too_large',
] as const;

const BranchName = /* @__PURE__ */ GitRef.check(/* @__PURE__ */ z.meta({ examples: ['main'] }));

const ArchiveSource = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('archive'),
  format: /* @__PURE__ */ z.enum(ARCHIVE_FORMATS),
  /** The archive's size in bytes: the presigned PUT is bound to it (S3 refuses any other). */
  contentLength: /* @__PURE__ */ z
    .int()
    .check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(ANALYSIS_LIMITS.archiveBytes)),
});
const GitSource = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('git'),
  /** A branch, tag or commit of the project's `repository.url`. */
  ref: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9._/-]{1,255}$/, /* @__PURE__ */ zodMessage(s.gitRefName))),
});

export const CreateAnalysisBody = /* @__PURE__ */ z.strictObject({
  commit: VersionLabel,
  branch: BranchName,
  /** The branch the new-code comparison uses; default `branch` itself. */
  baseBranch: /* @__PURE__ */ z.optional(BranchName),
  source: /* @__PURE__ */ z.discriminatedUnion('type', [ArchiveSource, GitSource]),
});
export type CreateAnalysisBody = z.infer<typeof CreateAnalysisBody>;

/**
 * What POST .../analyses answers: the analysis's id and status; an archive analysis waiting for
 * its upload adds where to PUT the archive: `url` until `expiresAt`, with `headers`.
 */
export const CreatedAnalysis = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  status: AnalysisStatus,
  url: /* @__PURE__ */ z.optional(PresignedUrl),
  expiresAt: /* @__PURE__ */ z.optional(Timestamp),
  /** Headers the PUT must send as they are (signed): the declared length, and `If-None-Match: *` (one upload only). */
  headers: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.object({
      'content-length': /* @__PURE__ */ z.string(),
      'if-none-match': /* @__PURE__ */ z.literal('*'),
    }),
  ),
});
export type CreatedAnalysis = z.infer<typeof CreatedAnalysis>;

export const AnalysisParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, analysisId: ResourceId });

/** A snapshot path: relative, `/`-separated, no `..` segment. */
const SnapshotPath = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.maxLength(1024),
  /* @__PURE__ */ z.refine(
    (path) => !path.startsWith('/') && !path.split('/').some((part) => part === '..' || part === ''),
    /* @__PURE__ */ zodMessage(s.snapshotPath),
  ),
  /* @__PURE__ */ z.meta({ examples: ['src/index.ts'] }),
);

export const AnalysisFileParams = /* @__PURE__ */ z.strictObject({
  projectId: ResourceId,
  analysisId: ResourceId,
  path: SnapshotPath,
});

export const ListAnalysesQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
  branch: /* @__PURE__ */ z.optional(BranchName),
  status: /* @__PURE__ */ z.optional(AnalysisStatus),
});
export type ListAnalysesQuery = z.infer<typeof ListAnalysesQuery>;

export const FILE_SORTS = ['path', 'code', 'complexity', 'duplication'] as const;
export const ListAnalysisFilesQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(500)),
    100,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
  /** `path` ascending; the others largest first. */
  sort: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(FILE_SORTS), 'path'),
  language: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(100)),
  ),
  /** Files under this folder or path prefix. */
  path: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(1024)),
  ),
  /** `true`: only the files added or changed since the base analysis (none without a base). */
  newCode: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.stringbool()),
});
export type ListAnalysisFilesQuery = z.infer<typeof ListAnalysisFilesQuery>;

export const DependenciesQuery = /* @__PURE__ */ z.strictObject({
  /** `cyclonedx`: a CycloneDX 1.6 JSON SBOM instead of Trellis's own shape. */
  format: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(['json', 'cyclonedx']), 'json'),
});

const Count = /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0));
// Written out where an object lists them beside other fields: esbuild treats an object spread in a
// pure call's argument as a side effect, which would build the schema at every importer's init.
const LineTotals = { code: Count, comment: Count, blank: Count };

/** Code, comment and blank lines of one language, counted as cloc counts them. */
export const LanguageLines = /* @__PURE__ */ z.object({
  language: /* @__PURE__ */ z.string(),
  files: Count,
  code: Count,
  comment: Count,
  blank: Count,
});

/** The coverage report formats `POST …/coverage?format=` reads. */
export const COVERAGE_FORMATS = ['lcov', 'cobertura', 'jacoco'] as const;

/** Line coverage from the CI report attached to the analysis: overall, and on the new lines. */
/** AnalysisCoverage, built on first call: the event catalogue names it without building it at init. */
export const analysisCoverageSchema = /* @__PURE__ */ schemaOnFirstUse(() =>
  /* @__PURE__ */ z.object({
    format: /* @__PURE__ */ z.enum(COVERAGE_FORMATS),
    /** Files of the report that are files of the snapshot (before the analysis completes: files of the report). */
    files: Count,
    coveredLines: Count,
    instrumentedLines: Count,
    /** coveredLines / instrumentedLines in percent, two decimals; null when nothing is instrumented. */
    percentage: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
    /** On the new or changed lines the report instruments; null when the analysis has no base (or has not completed). */
    newCode: /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.object({
        coveredLines: Count,
        instrumentedLines: Count,
        percentage: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
      }),
    ),
  }),
);
export const AnalysisCoverage = /* @__PURE__ */ analysisCoverageSchema();
export type AnalysisCoverage = z.infer<typeof AnalysisCoverage>;

/** The measures of the code new or changed since the base analysis (filled by the Merge). */
export const AnalysisNewCode = /* @__PURE__ */ z.object({
  baseAnalysisId: /* @__PURE__ */ z.string(),
  baseCommit: /* @__PURE__ */ z.string(),
  baseBranch: /* @__PURE__ */ z.string(),
  files: /* @__PURE__ */ z.object({ added: Count, changed: Count, removed: Count }),
  functions: /* @__PURE__ */ z.object({ new: Count, changed: Count }),
  /** New or changed lines of code in the current snapshot (lines of analysed files). */
  lines: Count,
  /** Highest complexity among new or changed functions; null when there are none. */
  maxCyclomatic: /* @__PURE__ */ z.nullable(Count),
  maxCognitive: /* @__PURE__ */ z.nullable(Count),
  /** New lines that are inside a duplicated block, and their percentage of `lines` (null when lines = 0). */
  duplicatedLines: Count,
  duplicationPercent: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
  /** Import cycles (strongly connected components) the base analysis did not have. */
  newCycles: Count,
});
export type AnalysisNewCode = z.infer<typeof AnalysisNewCode>;

/**
 * What an analysis found, once completed. A section a stage of this deployment does not
 * produce is null (not zero): functions, duplication and dependencies come from their own
 * stages. Later sections (coverage, new code, gate) are added beside these.
 */
/** AnalysisSummary, built on first call: the event catalogue names it without building it at init. */
export const analysisSummarySchema = /* @__PURE__ */ schemaOnFirstUse(() =>
  /* @__PURE__ */ z
    .object({
      files: /* @__PURE__ */ z.object({
        analysed: Count,
        /** Files not analysed, by reason (vendored, generated, binary, …). */
        skipped: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), Count),
      }),
      lines: /* @__PURE__ */ z.object(LineTotals),
      /** Largest `code` first. */
      languages: /* @__PURE__ */ z.array(LanguageLines),
      functions: /* @__PURE__ */ z.nullable(
        /* @__PURE__ */ z.object({
          count: Count,
          /** Functions by cyclomatic complexity: `1-5`, `6-10`, `11-20`, `21-50`, `51+`. */
          cyclomaticDistribution: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), Count),
          maxCyclomatic: Count,
          maxCognitive: Count,
        }),
      ),
      duplication: /* @__PURE__ */ z.nullable(
        /* @__PURE__ */ z.object({
          blocks: Count,
          duplicatedLines: Count,
          percentage: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0)),
        }),
      ),
      /** The internal import graph (files, or Go packages) and its cycles; external dependencies once read from manifests. */
      dependencies: /* @__PURE__ */ z.nullable(
        /* @__PURE__ */ z.object({
          nodes: Count,
          imports: Count,
          cycles: Count,
          external: /* @__PURE__ */ z.nullable(Count),
          direct: /* @__PURE__ */ z.nullable(Count),
        }),
      ),
      /** Null when there is no base analysis (the first analysis of a branch): new-code measures do not apply. */
      newCode: /* @__PURE__ */ z.nullable(AnalysisNewCode),
      /** Null until a coverage report is attached (`POST …/coverage`). */
      coverage: /* @__PURE__ */ z.nullable(AnalysisCoverage),
      /** The project's quality gate on this analysis; set for every completed analysis (null on summaries stored before gates). */
      gate: /* @__PURE__ */ z.nullable(GateResult),
    })
    .check(/* @__PURE__ */ z.meta({ id: 'AnalysisSummary' })),
);
export const AnalysisSummary = /* @__PURE__ */ analysisSummarySchema();
export type AnalysisSummary = z.infer<typeof AnalysisSummary>;

export const AnalysisFailure = /* @__PURE__ */ z.object({
  code: /* @__PURE__ */ z.string(),
  detail: /* @__PURE__ */ z.string(),
});
export type AnalysisFailure = z.infer<typeof AnalysisFailure>;

export const AnalysisSourceView = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('archive'),
    format: /* @__PURE__ */ z.enum(ARCHIVE_FORMATS),
    contentLength: Count,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('git'),
    ref: /* @__PURE__ */ z.string(),
    /** The commit the ref pointed to when it was fetched (once the analysis has run). */
    fetchedCommit: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  }),
]);

export const Analysis = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string(),
    projectId: /* @__PURE__ */ z.string(),
    status: AnalysisStatus,
    commit: /* @__PURE__ */ z.string(),
    branch: /* @__PURE__ */ z.string(),
    baseBranch: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    source: AnalysisSourceView,
    /** Why it failed: a stable `code` (e.g. an archive refused as hostile) and a readable `detail`. */
    failure: /* @__PURE__ */ z.nullable(AnalysisFailure),
    summary: /* @__PURE__ */ z.nullable(AnalysisSummary),
    createdBy: /* @__PURE__ */ z.string(),
    createdAt: Timestamp,
    startedAt: /* @__PURE__ */ z.nullable(Timestamp),
    endedAt: /* @__PURE__ */ z.nullable(Timestamp),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Analysis' }));
export type Analysis = z.infer<typeof Analysis>;

export const AnalysisPage = /* @__PURE__ */ pageOf(Analysis);

/** One analysed file: its language and lines; metrics of stages that ran, null otherwise. */
export const AnalysisFile = /* @__PURE__ */ z.object({
  path: /* @__PURE__ */ z.string(),
  language: /* @__PURE__ */ z.string(),
  code: Count,
  comment: Count,
  blank: Count,
  functions: /* @__PURE__ */ z.nullable(Count),
  maxCyclomatic: /* @__PURE__ */ z.nullable(Count),
  duplicatedLines: /* @__PURE__ */ z.nullable(Count),
  /** Since the base analysis: added, changed, or null (unchanged, or no base). */
  change: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.enum(['added', 'changed'])),
  /** Its new or changed lines since the base analysis; null without a base. */
  newLines: /* @__PURE__ */ z.nullable(Count),
  /** Lines of the file the attached coverage report instruments, and of those the covered ones; null without a report naming the file. */
  coveredLines: /* @__PURE__ */ z.nullable(Count),
  instrumentedLines: /* @__PURE__ */ z.nullable(Count),
});
export type AnalysisFile = z.infer<typeof AnalysisFile>;
export const AnalysisFilePage = /* @__PURE__ */ pageOf(AnalysisFile);

export const FunctionView = /* @__PURE__ */ z.object({
  name: /* @__PURE__ */ z.string(),
  startLine: Count,
  endLine: Count,
  parameters: Count,
  length: Count,
  cyclomatic: Count,
  cognitive: Count,
});

/** A file with its functions (empty when the functions stage does not support its language). */
export const AnalysisFileDetail = /* @__PURE__ */ z.extend(AnalysisFile, {
  functionList: /* @__PURE__ */ z.array(FunctionView),
});
export type AnalysisFileDetail = z.infer<typeof AnalysisFileDetail>;

const Location = /* @__PURE__ */ z.object({ path: /* @__PURE__ */ z.string(), startLine: Count, endLine: Count });

/** A block of code found more than once (identifiers and literals normalized), with every occurrence. */
export const DuplicationBlock = /* @__PURE__ */ z.object({
  lines: Count,
  tokens: Count,
  occurrences: /* @__PURE__ */ z.array(Location),
});
export type DuplicationBlock = z.infer<typeof DuplicationBlock>;
export const DuplicationPage = /* @__PURE__ */ pageOf(DuplicationBlock);

export const DependencyView = /* @__PURE__ */ z.object({
  ecosystem: /* @__PURE__ */ z.enum(['npm', 'pypi', 'golang', 'maven', 'cargo']),
  name: /* @__PURE__ */ z.string(),
  version: /* @__PURE__ */ z.string(),
  direct: /* @__PURE__ */ z.boolean(),
  /** The manifest or lockfile it was read from. */
  source: /* @__PURE__ */ z.string(),
});

/** External dependencies and the cycles of the internal import graph (each with one example path). */
export const AnalysisDependencies = /* @__PURE__ */ z.object({
  /** Null until the analysis reads manifests and lockfiles. */
  external: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(DependencyView)),
  /** Each strongly connected component of the import graph (sorted nodes) and one shortest cycle through it. */
  cycles: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({
      nodes: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
      example: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    }),
  ),
});
export type AnalysisDependencies = z.infer<typeof AnalysisDependencies>;

/** `?format=cyclonedx` answers a CycloneDX 1.6 JSON document; otherwise Trellis's shape. */
export const AnalysisDependenciesAnswer = /* @__PURE__ */ z.union([
  AnalysisDependencies,
  /* @__PURE__ */ z.looseObject({
    bomFormat: /* @__PURE__ */ z.literal('CycloneDX'),
    specVersion: /* @__PURE__ */ z.string(),
  }),
]);

/** `GET …/analyses/{id}/new-code`: what changed since the base analysis, a page of the new or changed functions at a time. */
export const AnalysisNewCodeChanges = /* @__PURE__ */ z.object({
  baseAnalysisId: /* @__PURE__ */ z.string(),
  baseCommit: /* @__PURE__ */ z.string(),
  baseBranch: /* @__PURE__ */ z.string(),
  /** Paths of the files added, changed and removed since the base (all of them, on every page). */
  added: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  changed: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  removed: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  /** New or changed functions, by path then line. */
  functions: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({
      path: /* @__PURE__ */ z.string(),
      name: /* @__PURE__ */ z.string(),
      startLine: Count,
      endLine: Count,
      change: /* @__PURE__ */ z.enum(['new', 'changed']),
    }),
  ),
  /** The next page of `functions`; null on the last. */
  nextCursor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
});
export type AnalysisNewCodeChanges = z.infer<typeof AnalysisNewCodeChanges>;

// ---------------------------------------------------------------------------------------------
// Reports and trend

export const ANALYSIS_REPORT_FORMATS = ['json', 'html', 'sarif'] as const;
export type AnalysisReportFormat = (typeof ANALYSIS_REPORT_FORMATS)[number];

/** `?format=&lang=&tz=`: as a test run's report query, with the analysis's formats. */
export const AnalysisReportQuery = /* @__PURE__ */ z.extend(ReportQuery, {
  format: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(ANALYSIS_REPORT_FORMATS), 'json'),
});

export const AnalysisReportLink = /* @__PURE__ */ z.extend(ReportLink, {
  format: /* @__PURE__ */ z.enum(ANALYSIS_REPORT_FORMATS),
});

/** `?branch=` with the list routes' `limit` and `cursor`. */
export const AnalysisTrendQuery = /* @__PURE__ */ z.extend(PageQuery, { branch: BranchName });
export type AnalysisTrendQuery = z.infer<typeof AnalysisTrendQuery>;

/** One completed analysis of a branch as a point of its trend; a measure whose stage did not run is null. */
export const AnalysisTrendPoint = /* @__PURE__ */ z.object({
  analysisId: /* @__PURE__ */ z.string(),
  commit: /* @__PURE__ */ z.string(),
  endedAt: Timestamp,
  codeLines: Count,
  functions: /* @__PURE__ */ z.nullable(Count),
  maxCyclomatic: /* @__PURE__ */ z.nullable(Count),
  duplicationPercent: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0))),
  cycles: /* @__PURE__ */ z.nullable(Count),
  /** New or changed lines since the base analysis; null without a base. */
  newCodeLines: /* @__PURE__ */ z.nullable(Count),
});
export type AnalysisTrendPoint = z.infer<typeof AnalysisTrendPoint>;
export const AnalysisTrendPage = /* @__PURE__ */ pageOf(AnalysisTrendPoint);

// ---------------------------------------------------------------------------------------------
// Coverage reports

/** `?format=`: which format the body is in (no default: lcov and the XML formats are told apart by it). */
export const AttachCoverageQuery = /* @__PURE__ */ z.strictObject({ format: /* @__PURE__ */ z.enum(COVERAGE_FORMATS) });
export type AttachCoverageQuery = z.infer<typeof AttachCoverageQuery>;

/**
 * What POST …/coverage answers: the coverage as the analysis now has it (200 on a completed
 * analysis, with the gate evaluated again) or as it will be used (202 while it runs), and the
 * report paths that name no file of the snapshot.
 */
export const AttachedCoverage = /* @__PURE__ */ z.object({
  analysisId: /* @__PURE__ */ z.string(),
  status: AnalysisStatus,
  coverage: AnalysisCoverage,
  /** Report paths matching no analysed file (up to 100; only known once the analysis completed). */
  unmatchedPaths: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  /** The gate evaluated again with this coverage (completed analyses only). */
  gate: /* @__PURE__ */ z.nullable(GateResult),
});
export type AttachedCoverage = z.infer<typeof AttachedCoverage>;
