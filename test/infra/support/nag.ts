import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface ReportedViolation {
  ruleName: string;
  severity?: string;
  violatingConstructs?: { constructPath?: string }[];
}
interface ValidationReport {
  pluginReports?: { pluginName?: string; violations?: ReportedViolation[] }[];
}

/** Synthesizes and returns the AwsSolutions violations of the validation report (none when the report is clean). */
export function synthesizeAndReport(app: App): { error?: Error; violations: ReportedViolation[] } {
  let error: Error | undefined;
  let outdir = app.outdir;
  try {
    outdir = app.synth().directory;
  } catch (caught) {
    error = caught as Error;
  }
  let report: ValidationReport = {};
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  } catch {
    // No report file: no plugin had anything to say.
  }
  const violations = (report.pluginReports ?? [])
    .filter((plugin) => plugin.pluginName === 'AwsSolutions')
    .flatMap((plugin) => plugin.violations ?? []);
  return { error, violations };
}

/** Every acknowledgement in the tree: rule id, construct path and reason. */
export function acknowledgements(root: IConstruct): { id: string; path: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      ),
  );
}
