import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

describe('OpenAPI document under Redocly lint (recommended rules, redocly.yaml)', () => {
  let directory = '';
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('has no errors and no warnings', { timeout: 60_000 }, async () => {
    // Prepare
    directory = await mkdtemp(join(tmpdir(), 'trellis-openapi-'));
    const file = join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(buildOpenApiDocument(), null, 2));

    // Act: the installed CLI, offline (no telemetry, no update check); it exits 1 on errors.
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules/.bin/redocly'),
      ['lint', '--config', join(root, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000', file],
      { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;

    // Assess
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
