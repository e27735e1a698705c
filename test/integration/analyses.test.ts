import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { clocInstalled, summaryAsClocTotals } from '../support/cloc-reference.ts';
import { localS3 } from '../support/local-clients.ts';
import { createProject } from '../support/projects.ts';

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
