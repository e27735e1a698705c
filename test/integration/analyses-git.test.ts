import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { clocInstalled, summaryAsClocTotals } from '../support/cloc-reference.ts';
import { type GitHttpServer, runGit, startGitHttpServer } from '../support/git-http-server.ts';
import { createProject } from '../support/projects.ts';

// Analyses of a ref of the project's git repository, served by a real `git http-backend` on
// loopback (which the local stage's outbound policy allows, like other outbound calls).

const apiUrl = inject('apiUrl');
const TOKEN = 'tok-3f9a1c77e2b54d08';

/** A small tree in three languages, committed on `main` of a repository the test makes. */
const TREE: Record<string, string> = {
  'src/index.ts': [
    '// Entry point.',
    'export function pick(flag: boolean, name: string): string {',
    '  if (flag) {',
    '    return name;',
    '  }',
    "  return 'none';",
    '}',
    '',
  ].join('\n'),
  'tools/check.py': ['"""Checks."""', '', 'def check(x):', '    return x > 1', ''].join('\n'),
  'README.md': ['# Repo', '', 'Made by the test.', ''].join('\n'),
};

let server: GitHttpServer;
let workDir: string;
let tree: string;
let mainCommit: string;

beforeAll(async () => {
  server = await startGitHttpServer({ token: TOKEN });
  workDir = mkdtempSync(join(tmpdir(), 'trellis-analyses-git-'));
  tree = join(workDir, 'work');
  for (const [path, content] of Object.entries(TREE)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), content);
  }
  runGit(tree, ['init', '-q', '-b', 'main']);
  runGit(tree, ['add', '.']);
  runGit(tree, ['commit', '-q', '-m', 'first']);
  mainCommit = runGit(tree, ['rev-parse', 'main']);
  for (const name of ['public', 'private/secret']) {
    const bare = join(server.root, `${name}.git`);
    runGit(tree, ['init', '-q', '-b', 'main', '--bare', bare]);
    runGit(tree, ['push', '-q', bare, 'main']);
  }
});
afterAll(async () => {
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function setRepository(projectId: string, user: TestUser, repository: Record<string, unknown>) {
  const response = await api(apiUrl, 'PATCH', `/v1/projects/${projectId}`, {
    token: user.accessToken,
    body: { repository },
  });
  expect(response.status, response.text).toBe(200);
  return response;
}

/** Queues an analysis of `ref` and waits for it to end; answers the analysis. */
async function analyseRef(projectId: string, user: TestUser, ref: string) {
  const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, {
    token: user.accessToken,
    body: { commit: mainCommit.slice(0, 7), branch: 'main', source: { type: 'git', ref } },
  });
  expect(created.status, created.text).toBe(202);
  expect(created.body).toMatchObject({ status: 'queued' });
  const settled = await pollUntil(
    () => api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.body.id}`, { token: user.accessToken }),
    (current) => current.body?.status === 'completed' || current.body?.status === 'failed',
    { timeoutMs: 90_000, intervalMs: 250, description: `analysis ${created.body.id} to end` },
  );
  return settled.body;
}

/** cloc 1.96's per-language totals of the committed tree (the reference the summary must equal). */
function clocTotals(root: string) {
  const report = JSON.parse(
    execFileSync('cloc', ['--json', '--quiet', '--exclude-dir=.git', root], { encoding: 'utf8' }),
  ) as Record<string, { nFiles: number; code: number; comment: number; blank: number }>;
  const { header: _header, SUM: _sum, ...languages } = report;
  return languages;
}

describe.skipIf(!clocInstalled)('code analysis of a ref of the project repository', () => {
  it('analyses a branch: the fetched commit is recorded and the lines equal cloc on the same tree', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git public', 'GP');
    await setRepository(projectId, owner, { url: server.urlOf('public'), defaultBranch: 'main' });

    // Act
    const analysis = await analyseRef(projectId, owner, 'main');

    // Assess
    expect(analysis.failure).toBeNull();
    expect(analysis).toMatchObject({
      status: 'completed',
      source: { type: 'git', ref: 'main', fetchedCommit: mainCommit },
    });
    const ours = summaryAsClocTotals(analysis.summary.languages);
    expect(ours).toEqual(clocTotals(tree));
    expect(analysis.summary.files).toMatchObject({ analysed: Object.keys(TREE).length });
  });

  it('fails a ref the repository does not have with GIT_REF_NOT_FOUND', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git missing', 'GM');
    await setRepository(projectId, owner, { url: server.urlOf('public'), defaultBranch: 'main' });

    const analysis = await analyseRef(projectId, owner, 'no-such-branch');

    expect(analysis.status).toBe('failed');
    expect(analysis.failure.code).toBe('GIT_REF_NOT_FOUND');
    expect(analysis.failure.detail).toContain('no-such-branch');
    expect(analysis.summary).toBeNull();
  });

  it('fetches a private repository with the stored token, fails without it, and never shows the token', async () => {
    // Prepare: the repository set without a token.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git private', 'GS');
    const url = server.urlOf('private/secret');
    const withoutToken = await setRepository(projectId, owner, { url, defaultBranch: 'main' });

    // Act and assess: refused without the token…
    const refused = await analyseRef(projectId, owner, 'main');
    expect(refused.status).toBe('failed');
    expect(refused.failure.code).toBe('GIT_AUTH_FAILED');

    // …fetched with it.
    const withToken = await setRepository(projectId, owner, { url, defaultBranch: 'main', token: TOKEN });
    const fetched = await analyseRef(projectId, owner, 'main');
    expect(fetched.failure).toBeNull();
    expect(fetched).toMatchObject({ status: 'completed', source: { fetchedCommit: mainCommit } });

    // The token is write-only: neither the PATCH answers nor GET show it, only that one is set.
    const project = await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken });
    expect(project.status).toBe(200);
    expect(withoutToken.body.repository).toEqual({ url, defaultBranch: 'main', tokenSet: false });
    expect(withToken.body.repository).toEqual({ url, defaultBranch: 'main', tokenSet: true });
    expect(project.body.repository).toEqual({ url, defaultBranch: 'main', tokenSet: true });
    for (const text of [project.text, withoutToken.text, withToken.text, JSON.stringify([refused, fetched])]) {
      expect(text).not.toContain(TOKEN);
    }
  });

  it('keeps the token while the URL stays the same, drops it when the URL changes', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git token', 'GT');
    const url = server.urlOf('private/secret');
    await setRepository(projectId, owner, { url, defaultBranch: 'main', token: TOKEN });

    const renamedBranch = await setRepository(projectId, owner, { url, defaultBranch: 'trunk' });
    const moved = await setRepository(projectId, owner, { url: server.urlOf('public'), defaultBranch: 'main' });

    expect(renamedBranch.body.repository).toMatchObject({ defaultBranch: 'trunk', tokenSet: true });
    expect(moved.body.repository).toMatchObject({ tokenSet: false });
  });

  it('refuses a repository URL the outbound policy refuses, plain http off the allow-list and other schemes, writing nothing', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Git url', 'GU');

    const cases = [
      'http://169.254.169.254/latest.git',
      'http://git.example.com/repo.git',
      'ftp://example.com/repo.git',
      'not a url',
    ];
    const answers = [];
    for (const url of cases) {
      answers.push(
        await api(apiUrl, 'PATCH', `/v1/projects/${projectId}`, {
          token: owner.accessToken,
          body: { repository: { url, defaultBranch: 'main' } },
        }),
      );
    }
    const project = await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken });

    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expect(project.body.repository).toBeUndefined();
    expect(project.body.version).toBe(1);
  });
});
