import { createHash } from 'node:crypto';
import type { CodeLocation, FunctionMetrics } from '#shared/analysis/model';
import * as m from '#shared/analysis/reports/messages';
import { formatText, type LocalizedText, type MessageDefinition } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
import packageJson from '../../../package.json' with { type: 'json' };

// An analysis's findings as SARIF 2.1.0 (OASIS), the format GitHub code scanning, Azure DevOps
// and the IDEs' SARIF viewers read: functions over the complexity thresholds, duplicated blocks
// and dependency cycles, each a result of one of four rules, located by path and lines
// relative to the snapshot's root (`%SRCROOT%`). Texts are in the requested language.

/** What the report is built from: the analysis's identity and its findings. */
export interface SarifInput {
  analysis: { id: string; commit: string; branch: string };
  /** The project's repository, when it has one: SARIF consumers link results to it. */
  repositoryUrl?: string;
  functions: Iterable<FunctionMetrics & { path: string }>;
  duplications: Iterable<{ lines: number; tokens: number; occurrences: readonly CodeLocation[] }>;
  /** Each cycle as one example path through it (`a → b → a` without the repeat). */
  cycles: Iterable<{ files: readonly string[]; example: readonly string[] }>;
  thresholds: { cyclomatic: number; cognitive: number };
  /**
   * The deployment's API reference page (`<public API URL>/v1/docs`): the tool's `informationUri`,
   * and, at the report operation's entry, where the rules are explained (each rule's `helpUri`).
   */
  apiDocsUrl: string;
}

interface Rule {
  id: string;
  name: string;
  title: MessageDefinition;
  help: LocalizedText;
  level: 'warning' | 'note';
  tags: string[];
}

// The OASIS schema's own id: the document test/unit/analysis-sarif.test.ts validates the log against.
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Redoc's anchor of the report operation, whose description lists the rules (shared/api/routes/analyses.ts). */
const RULES_ANCHOR = '#operation/GetAnalysisReport';

/** The SARIF log of one analysis. */
export function toSarif(input: SarifInput, locale: Locale): Record<string, unknown> {
  const text = (message: LocalizedText) => formatText(message, locale);
  const rules: Rule[] = [
    rule(
      'TRL1001',
      'FunctionTooComplex',
      m.ruleComplexityName,
      m.ruleComplexityHelp({ threshold: input.thresholds.cyclomatic }),
      'warning',
      ['maintainability', 'complexity'],
    ),
    rule(
      'TRL1002',
      'FunctionHardToUnderstand',
      m.ruleCognitiveName,
      m.ruleCognitiveHelp({ threshold: input.thresholds.cognitive }),
      'note',
      ['maintainability', 'complexity'],
    ),
    rule('TRL2001', 'DuplicatedCode', m.ruleDuplicationName, m.ruleDuplicationHelp(), 'warning', [
      'maintainability',
      'duplication',
    ]),
    rule('TRL3001', 'DependencyCycle', m.ruleCycleName, m.ruleCycleHelp(), 'warning', ['architecture', 'dependencies']),
  ];
  const [complex, cognitive, duplicated, cycle] = rules as [Rule, Rule, Rule, Rule];
  const results: Record<string, unknown>[] = [];
  for (const fn of input.functions) {
    if (fn.cyclomatic > input.thresholds.cyclomatic) {
      results.push(
        result(
          rules,
          complex,
          text(m.resultComplexity({ name: fn.name, value: fn.cyclomatic, threshold: input.thresholds.cyclomatic })),
          fn,
          [fn.path, fn.name],
        ),
      );
    }
    if (fn.cognitive > input.thresholds.cognitive) {
      results.push(
        result(
          rules,
          cognitive,
          text(m.resultCognitive({ name: fn.name, value: fn.cognitive, threshold: input.thresholds.cognitive })),
          fn,
          [fn.path, fn.name],
        ),
      );
    }
  }
  for (const block of input.duplications) {
    const [first, ...others] = block.occurrences;
    if (first === undefined) continue;
    const found = result(
      rules,
      duplicated,
      text(m.resultDuplication({ lines: block.lines, others: others.length })),
      first,
      [...block.occurrences.map((at) => `${at.path}:${at.startLine}-${at.endLine}`)],
    );
    found.relatedLocations = others.map((at, index) => ({ id: index + 1, physicalLocation: physicalLocation(at) }));
    results.push(found);
  }
  for (const found of input.cycles) {
    const [first] = found.example;
    if (first === undefined) continue;
    const message = text(m.resultCycle({ cycle: [...found.example, first].join(' → '), files: found.files.length }));
    const entry = result(rules, cycle, message, { path: first }, [...found.files].sort());
    entry.relatedLocations = found.example
      .slice(1)
      .map((path, index) => ({ id: index + 1, physicalLocation: physicalLocation({ path }) }));
    results.push(entry);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Trellis',
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: input.apiDocsUrl,
            rules: rules.map((each) => ({
              id: each.id,
              name: each.name,
              shortDescription: { text: text(each.title()) },
              fullDescription: { text: text(each.help) },
              help: { text: text(each.help) },
              helpUri: `${input.apiDocsUrl}${RULES_ANCHOR}`,
              defaultConfiguration: { level: each.level },
              properties: { tags: each.tags },
            })),
          },
        },
        language: locale === 'zh-CN' ? 'zh-CN' : 'en-US',
        automationDetails: {
          id: `trellis/${input.analysis.branch}/${input.analysis.id}`,
          properties: { commit: input.analysis.commit },
        },
        // SARIF requires a repository URI for version control details; without one the commit is in automationDetails.
        ...(input.repositoryUrl === undefined
          ? {}
          : {
              versionControlProvenance: [
                {
                  repositoryUri: input.repositoryUrl,
                  revisionId: input.analysis.commit,
                  branch: input.analysis.branch,
                },
              ],
            }),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function rule(
  id: string,
  name: string,
  title: MessageDefinition,
  help: LocalizedText,
  level: Rule['level'],
  tags: string[],
): Rule {
  return { id, name, title, help, level, tags };
}

function result(
  rules: readonly Rule[],
  of: Rule,
  text: string,
  at: { path: string; startLine?: number; endLine?: number },
  identity: readonly string[],
): Record<string, unknown> {
  return {
    ruleId: of.id,
    ruleIndex: rules.indexOf(of),
    level: of.level,
    message: { text },
    locations: [{ physicalLocation: physicalLocation(at) }],
    // Stable across analyses while the finding stays (not its lines), so code scanning tracks it.
    partialFingerprints: {
      'trellisFinding/v1': createHash('sha256')
        .update([of.id, ...identity].join('\n'))
        .digest('hex')
        .slice(0, 32),
    },
  };
}

function physicalLocation(at: { path: string; startLine?: number; endLine?: number }): Record<string, unknown> {
  const artifactLocation = { uri: at.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  if (at.startLine === undefined) return { artifactLocation };
  return { artifactLocation, region: { startLine: at.startLine, endLine: at.endLine ?? at.startLine } };
}
