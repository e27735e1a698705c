import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as reportMessages from '#shared/analysis/reports/messages';
import { formatText } from '#shared/i18n/catalogue';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { clocInstalled, summaryAsClocTotals } from '../support/cloc-reference.ts';
import { localS3 } from '../support/local-clients.ts';
import { addMember, createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const s3 = localS3();
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'trellis-analyses-'));
});
afterAll(() => {
  s3.destroy();
  rmSync(workDir, { recursive: true, force: true });
});

/** A small source tree: four languages, a binary file and a file of no known language. */
const TREE: Record<string, string | Buffer> = {
  'src/app.ts': [
    '// The entry point.',
    "import { helper } from './lib/helper';",
    '',
    '/* Picks a greeting',
    '   for a name. */',
    'export function greet(name: string, loud: boolean): string {',
    '  if (loud) {',
    "    return 'HELLO ' + name;",
    '  }',
    '  return helper(name);',
    '}',
    '',
  ].join('\n'),
  'src/lib/helper.ts': [
    "import { greet } from '../app';",
    '',
    'export function helper(name: string): string {',
    "  return name.length > 3 ? greet(name, false) : 'hi';",
    '}',
    '',
  ].join('\n'),
  'tools/report.py': [
    '#!/usr/bin/env python3',
    '"""Prints a report."""',
    '',
    '# counts things',
    'def report(items):',
    '    for item in items:',
    '        if item:',
    '            print(item)',
    '',
  ].join('\n'),
  'scripts/build.sh': ['#!/bin/sh', '# builds', 'set -e', '', 'echo building', ''].join('\n'),
  'README.md': ['# Sample', '', 'A tree made by the test.', ''].join('\n'),
  'assets/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]),
  'notes.qqqunknown': 'nothing any language claims\n',
};

/** Writes TREE under a fresh folder; answers the folder. */
function writeTree(name: string): string {
  const root = join(workDir, name);
  for (const [path, content] of Object.entries(TREE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The archive of `root` made by the system's own tar or zip, as CI would make it. */
function archiveOf(root: string, format: 'tar.gz' | 'zip'): Buffer {
  const file = join(workDir, `${root.split('/').pop()}.${format}`);
  if (format === 'tar.gz') execFileSync('tar', ['-czf', file, '-C', root, '.']);
  else execFileSync('zip', ['-qr', file, '.'], { cwd: root });
  return readFileSync(file);
}

/** cloc 1.96's per-language totals for the tree (the reference the summary must equal). */
function clocTotals(root: string): Record<string, { nFiles: number; code: number; comment: number; blank: number }> {
  const report = JSON.parse(execFileSync('cloc', ['--json', '--quiet', root], { encoding: 'utf8' })) as Record<
    string,
    { nFiles: number; code: number; comment: number; blank: number }
  >;
  const { header: _header, SUM: _sum, ...languages } = report;
  return languages;
}

async function createAnalysis(projectId: string, user: TestUser, body: Record<string, unknown>) {
  return api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, { token: user.accessToken, body });
}

async function settled(projectId: string, user: TestUser, analysisId: string) {
  const response = await pollUntil(
    () => api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${analysisId}`, { token: user.accessToken }),
    (current) => current.body?.status === 'completed' || current.body?.status === 'failed',
    { timeoutMs: 90_000, intervalMs: 250, description: `analysis ${analysisId} to end` },
  );
  return response.body;
}

/** Creates an archive analysis and PUTs `archive` to its presigned URL; answers the created body. */
async function uploadArchive(projectId: string, user: TestUser, format: 'tar.gz' | 'zip', archive: Buffer) {
  const created = await createAnalysis(projectId, user, {
    commit: '4f1c2a9',
    branch: 'main',
    source: { type: 'archive', format, contentLength: archive.length },
  });
  expect(created.status, created.text).toBe(201);
  const put = await fetch(created.body.url, { method: 'PUT', body: archive, headers: created.body.headers });
  expect(put.status).toBe(200);
  return created.body as { id: string; status: string; url: string; expiresAt: string };
}

describe.skipIf(!clocInstalled)('code analysis of an uploaded archive', () => {
  for (const format of ['tar.gz', 'zip'] as const) {
    it(`analyses a ${format} made by the system's archiver: languages and lines equal cloc's on the same tree`, async () => {
      // Prepare
      const owner = await registerAndLogin(apiUrl);
      const projectId = await createProject(apiUrl, owner, 'Analysis', 'AN');
      const root = writeTree(`tree-${format.replace('.', '')}`);
      const archive = archiveOf(root, format);
      const reference = clocTotals(root);

      // Act
      const created = await uploadArchive(projectId, owner, format, archive);
      const analysis = await settled(projectId, owner, created.id);

      // Assess
      expect(created).toMatchObject({ status: 'waiting_for_upload' });
      expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(analysis.failure).toBeNull();
      expect(analysis).toMatchObject({ status: 'completed', commit: '4f1c2a9', branch: 'main' });
      const ours = summaryAsClocTotals(analysis.summary.languages);
      expect(ours).toEqual(reference);
      expect(analysis.summary.files).toEqual({ analysed: 5, skipped: { binary: 1, unknown_language: 1 } });
      // The two TypeScript files import each other: one cycle.
      expect(analysis.summary.dependencies).toMatchObject({ cycles: 1 });
      expect(analysis.summary.functions.count).toBeGreaterThanOrEqual(2);

      const files = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/files?sort=code`, {
        token: owner.accessToken,
      });
      expect(files.status).toBe(200);
      expect(files.body.items.map((file: { path: string }) => file.path).sort()).toEqual([
        'README.md',
        'scripts/build.sh',
        'src/app.ts',
        'src/lib/helper.ts',
        'tools/report.py',
      ]);
      const app = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/files/src/app.ts`, {
        token: owner.accessToken,
      });
      expect(app.status).toBe(200);
      expect(app.body.functionList).toEqual([
        expect.objectContaining({ name: 'greet', startLine: 6, endLine: 11, parameters: 2, cyclomatic: 2 }),
      ]);
      const dependencies = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/dependencies`, {
        token: owner.accessToken,
      });
      expect(dependencies.body.cycles).toEqual([
        expect.objectContaining({ nodes: ['src/app.ts', 'src/lib/helper.ts'] }),
      ]);
    });
  }

  it("applies the inventory rules (vendored, minified, .gitattributes, the project's excludes) and reads lockfiles", async () => {
    // Prepare: a maintainer's `analysis.exclude` glob, and a tree with one file for each skip rule.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Inventory', 'IN');
    const patched = await api(apiUrl, 'PATCH', `/v1/projects/${projectId}`, {
      token: owner.accessToken,
      body: { analysis: { exclude: ['docs/**'] } },
    });
    expect(patched.status, patched.text).toBe(200);
    const root = join(workDir, 'inventory-tree');
    const tree: Record<string, string> = {
      // Analysed: the project's code, its manifest and the .gitattributes itself (Linguist's "Git Attributes").
      'src/index.js': "const pad = require('left-pad');\n\nmodule.exports = (text) => pad(text, 8);\n",
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'left-pad': '^1.3.0' } }, null, 2),
      '.gitattributes': 'gen/** linguist-generated\n',
      // Skipped as vendored (a dependency checked in), minified (by name), generated (.gitattributes, and lockfiles).
      'node_modules/left-pad/index.js': 'module.exports = function leftPad(text) { return text; };\n',
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
      'public/app.min.js': 'console.log(1);\n',
      'gen/api.ts': 'export const api = 1;\n',
      'package-lock.json': JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { 'left-pad': '^1.3.0' } },
          'node_modules/left-pad': { version: '1.3.0', dependencies: { 'is-odd': '^3.0.1' } },
          'node_modules/is-odd': { version: '3.0.1' },
        },
      }),
      'Cargo.lock': [
        'version = 3',
        '',
        '[[package]]',
        'name = "app"',
        'version = "0.1.0"',
        'dependencies = ["serde"]',
        '',
        '[[package]]',
        'name = "itoa"',
        'version = "1.0.11"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        '',
        '[[package]]',
        'name = "serde"',
        'version = "1.0.200"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        'dependencies = ["itoa"]',
        '',
      ].join('\n'),
      // Excluded by the project's glob.
      'docs/guide.md': '# Guide\n',
    };
    for (const [path, content] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }

    // Act
    const created = await uploadArchive(projectId, owner, 'tar.gz', archiveOf(root, 'tar.gz'));
    const analysis = await settled(projectId, owner, created.id);
    const read = (query: string) =>
      api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/dependencies${query}`, {
        token: owner.accessToken,
      });
    const [dependencies, sbom, project] = await Promise.all([
      read(''),
      read('?format=cyclonedx'),
      api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken }),
    ]);

    // Assess
    expect(project.body.analysis).toEqual({ exclude: ['docs/**'] });
    expect(analysis.failure).toBeNull();
    expect(analysis.summary.files).toEqual({
      analysed: 3,
      skipped: { vendored: 2, minified: 1, generated: 3, excluded: 1 },
    });
    expect(analysis.summary.dependencies).toMatchObject({ external: 4, direct: 2 });
    expect(dependencies.status, dependencies.text).toBe(200);
    expect(
      dependencies.body.external.map((dependency: Record<string, unknown>) => [
        dependency.ecosystem,
        dependency.name,
        dependency.version,
        dependency.direct,
        dependency.source,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['npm', 'left-pad', '1.3.0', true, 'package-lock.json'],
        ['npm', 'is-odd', '3.0.1', false, 'package-lock.json'],
        ['cargo', 'serde', '1.0.200', true, 'Cargo.lock'],
        ['cargo', 'itoa', '1.0.11', false, 'Cargo.lock'],
      ]),
    );
    expect(dependencies.body.external).toHaveLength(4);
    expect(sbom.status, sbom.text).toBe(200);
    expect(sbom.body).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(sbom.body.components.map((component: { purl: string }) => component.purl).sort()).toEqual([
      'pkg:cargo/itoa@1.0.11',
      'pkg:cargo/serde@1.0.200',
      'pkg:npm/is-odd@3.0.1',
      'pkg:npm/left-pad@1.3.0',
    ]);
    expect(sbom.body.dependencies).toEqual([
      { ref: 'project', dependsOn: ['pkg:cargo/serde@1.0.200', 'pkg:npm/left-pad@1.3.0'] },
    ]);
  });

  it('fails an archive with an entry leaving the tree with its code, and writes no results', async () => {
    // Prepare: a tar.gz whose second entry is ../escape.txt (Python's tarfile writes it as given).
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Hostile', 'HO');
    const file = join(workDir, 'hostile.tar.gz');
    execFileSync('python3', [
      '-c',
      [
        'import io, sys, tarfile',
        "with tarfile.open(sys.argv[1], 'w:gz') as tar:",
        "    for name in ('ok.py', '../escape.txt'):",
        "        data = b'print(1)\\n'",
        '        info = tarfile.TarInfo(name); info.size = len(data)',
        '        tar.addfile(info, io.BytesIO(data))',
      ].join('\n'),
      file,
    ]);

    // Act
    const created = await uploadArchive(projectId, owner, 'tar.gz', readFileSync(file));
    const analysis = await settled(projectId, owner, created.id);

    // Assess
    expect(analysis).toMatchObject({ status: 'failed', summary: null });
    expect(analysis.failure).toEqual({ code: 'ARCHIVE_UNSAFE_PATH', detail: expect.stringContaining('../escape.txt') });
    const written = await s3.send(
      new ListObjectsV2Command({
        Bucket: inject('resources').bucketName,
        Prefix: `analyses/${projectId}/${created.id}/`,
      }),
    );
    expect(written.KeyCount ?? 0).toBe(0);
    const files = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/files`, {
      token: owner.accessToken,
    });
    expect(files.status).toBe(409);
    const report = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.id}/report?format=html`, {
      token: owner.accessToken,
    });
    expect(report.status).toBe(409);
    expect(report.body.code).toBe('ANALYSIS_NOT_COMPLETED');
    const events = await pollUntil(
      async () =>
        (await readPublishedEvents(inject('dataDir'))).filter((event) => event.detail?.data?.analysisId === created.id),
      (found) => found.some((event) => event['detail-type'] === 'Code Analysis Failed'),
      { timeoutMs: 20_000, description: 'Code Analysis Failed' },
    );
    expect(events.find((event) => event['detail-type'] === 'Code Analysis Failed')?.detail.data?.code).toBe(
      'ARCHIVE_UNSAFE_PATH',
    );
  });
});

/** The OASIS SARIF 2.1.0 schema (draft-04; its `id` read as `$id`, as test/unit/analysis-sarif.test.ts does). */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
  );
  const { id, $schema: _draft, ...rest } = schema;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile({ $id: id, ...rest });
}

describe.skipIf(!clocInstalled)('code analysis reports and trend', () => {
  it('serves a completed analysis as JSON, SARIF and HTML (Chinese with ?lang=zh-CN) and a branch trend newest first', async () => {
    // Prepare: two completed analyses of main, one analysis still waiting for its upload.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Reports', 'RP');
    const archive = archiveOf(writeTree('tree-reports'), 'tar.gz');
    const first = await uploadArchive(projectId, owner, 'tar.gz', archive);
    const firstAnalysis = await settled(projectId, owner, first.id);
    const second = await uploadArchive(projectId, owner, 'tar.gz', archive);
    const secondAnalysis = await settled(projectId, owner, second.id);
    const waiting = await createAnalysis(projectId, owner, {
      commit: 'abc1234',
      branch: 'main',
      source: { type: 'archive', format: 'zip', contentLength: 100 },
    });
    const report = async (analysisId: string, query: string) => {
      const link = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${analysisId}/report?${query}`, {
        token: owner.accessToken,
      });
      expect(link.status, link.text).toBe(200);
      const response = await fetch(link.body.url);
      expect(response.status).toBe(200);
      return { link: link.body, text: await response.text() };
    };

    // Act
    const json = await report(second.id, 'format=json');
    const sarif = await report(second.id, 'format=sarif');
    const html = await report(second.id, 'format=html&lang=zh-CN&tz=Asia/Shanghai');
    const notYet = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${waiting.body.id}/report`, {
      token: owner.accessToken,
    });
    const trend = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/trend?branch=main`, {
      token: owner.accessToken,
    });

    // Assess
    expect([firstAnalysis.status, secondAnalysis.status]).toEqual(['completed', 'completed']);
    const document = JSON.parse(json.text);
    expect(document.summary).toEqual(secondAnalysis.summary);
    expect(document.files.map((file: { path: string }) => file.path).sort()).toEqual([
      'README.md',
      'scripts/build.sh',
      'src/app.ts',
      'src/lib/helper.ts',
      'tools/report.py',
    ]);
    expect(document.functions).toContainEqual(expect.objectContaining({ path: 'src/app.ts', name: 'greet' }));
    expect(document.cycles).toEqual([expect.objectContaining({ nodes: ['src/app.ts', 'src/lib/helper.ts'] })]);

    const log = JSON.parse(sarif.text);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The import cycle of the two TypeScript files is a finding.
    expect(log.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toContain('TRL3001');

    expect(html.link).toMatchObject({ format: 'html', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(html.text).toContain('<html lang="zh-CN">');
    expect(html.text).toContain(formatText(reportMessages.sectionLanguages(), 'zh-CN'));
    for (const language of secondAnalysis.summary.languages) expect(html.text).toContain(language.language);

    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('ANALYSIS_NOT_COMPLETED');

    expect(trend.status, trend.text).toBe(200);
    expect(trend.body.items).toEqual(
      [secondAnalysis, firstAnalysis].map((analysis) => ({
        analysisId: analysis.id,
        commit: analysis.commit,
        endedAt: analysis.endedAt,
        codeLines: analysis.summary.lines.code,
        functions: analysis.summary.functions.count,
        maxCyclomatic: analysis.summary.functions.maxCyclomatic,
        duplicationPercent: analysis.summary.duplication.percentage,
        cycles: analysis.summary.dependencies.cycles,
        newCodeLines: analysis.summary.newCode?.lines ?? null,
      })),
    );
    expect(trend.body.nextCursor).toBeNull();
  });
});

describe('code analysis API', () => {
  it("answers 404 for another project's analysis, as for a missing one", async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Mine', 'MI');
    const otherProjectId = await createProject(apiUrl, owner, 'Other', 'OT');
    const created = await createAnalysis(projectId, owner, {
      commit: 'abc1234',
      branch: 'main',
      source: { type: 'archive', format: 'zip', contentLength: 100 },
    });

    // Act
    const elsewhere = await api(apiUrl, 'GET', `/v1/projects/${otherProjectId}/analyses/${created.body.id}`, {
      token: owner.accessToken,
    });
    const listed = await api(apiUrl, 'GET', `/v1/projects/${otherProjectId}/analyses`, { token: owner.accessToken });

    // Assess
    expect(created.status).toBe(201);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('ANALYSIS_NOT_FOUND');
    expect(listed.body.items).toEqual([]);
  });

  it('lists analyses newest first, filtered by branch and status, and replays an Idempotency-Key', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Listing', 'LS');
    const body = (branch: string) => ({
      commit: 'abc1234',
      branch,
      source: { type: 'archive', format: 'tar.gz', contentLength: 10 },
    });
    const first = await createAnalysis(projectId, owner, body('main'));
    const second = await createAnalysis(projectId, owner, body('feature/x'));

    // Act
    const all = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses`, { token: owner.accessToken });
    const main = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses?branch=main&status=waiting_for_upload`, {
      token: owner.accessToken,
    });
    const keyed = () =>
      api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, {
        token: owner.accessToken,
        body: body('main'),
        headers: { 'idempotency-key': 'ci-run-7' },
      });
    const original = await keyed();
    const replay = await keyed();

    // Assess
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id, first.body.id]);
    expect(main.body.items.map((item: { id: string }) => item.id)).toEqual([first.body.id]);
    expect(replay.body.id).toBe(original.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it("lets a maintainer, not a developer, set the project's analysis excludes, refuses a malformed one, and clears them", async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Excludes', 'EX');
    const maintainer = await addMember(apiUrl, projectId, owner, 'maintainer');
    const developer = await addMember(apiUrl, projectId, owner, 'developer');
    const patch = (user: TestUser, body: Record<string, unknown>) =>
      api(apiUrl, 'PATCH', `/v1/projects/${projectId}`, { token: user.accessToken, body });

    // Act
    const byDeveloper = await patch(developer, { analysis: { exclude: ['fixtures/**'] } });
    const malformed = await patch(maintainer, { analysis: { exclude: 'fixtures/**' } });
    const set = await patch(maintainer, { analysis: { exclude: ['fixtures/**', '**/*.snap'] } });
    const cleared = await patch(maintainer, { analysis: null });

    // Assess
    expect(byDeveloper.status).toBe(403);
    expect(malformed.status).toBe(400);
    expect(set.status, set.text).toBe(200);
    expect(set.body.analysis).toEqual({ exclude: ['fixtures/**', '**/*.snap'] });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).not.toHaveProperty('analysis');
  });

  it('refuses a git analysis while the project has no repository URL', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git', 'GI');

    const response = await createAnalysis(projectId, owner, {
      commit: 'abc1234',
      branch: 'main',
      source: { type: 'git', ref: 'main' },
    });

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('REPOSITORY_NOT_SET');
  });
});
