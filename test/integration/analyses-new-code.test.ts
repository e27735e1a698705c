import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { createProject } from '../support/projects.ts';

// New code (issue 10): each analysis is compared with the latest completed analysis of its
// branch, or of the baseBranch it names. Every expectation below is counted by hand from the
// trees, which the test writes, archives with the system's tar, and sends as CI would.

const apiUrl = inject('apiUrl');
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'trellis-new-code-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const UTIL_V1 = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a: number, b: number): number {',
  '  return a - b;',
  '}',
];
/** sub's body edited (2 lines for 1), mul added after it (4 lines with its blank): 6 new lines. */
const UTIL_V2 = [
  ...UTIL_V1.slice(0, 5),
  '  const difference = a - b;',
  '  return difference;',
  '}',
  '',
  'export function mul(a: number, b: number): number {',
  '  return a * b;',
  '}',
];
/** Added in the second snapshot: 7 lines, one function with one `if` (cyclomatic 2, cognitive 1). */
const NEW_FILE = [
  'export function greet(name: string): string {',
  '  if (name.length === 0) {',
  "    return 'hello';",
  '  }',
  "  return 'hello ' + name;",
  '}',
  '',
];

/** The first snapshot of main: util.ts, a file the second removes, an import cycle, Python, a README. */
const MAIN_V1: Record<string, string[]> = {
  'src/util.ts': UTIL_V1,
  'src/old.ts': ['export const retired = 1;'],
  'src/ring/a.ts': ["import { b } from './b';", 'export const a = () => b;'],
  'src/ring/b.ts': ["import { a } from './a';", 'export const b = () => a;'],
  'tools/keep.py': ['def keep(x):', '    return x', ''],
  'README.md': ['# Sample', ''],
};
/** The second: util.ts changed, new.ts added, old.ts removed; the rest (and its cycle) as before. */
const MAIN_V2: Record<string, string[]> = {
  ...Object.fromEntries(Object.entries(MAIN_V1).filter(([path]) => path !== 'src/old.ts')),
  'src/util.ts': UTIL_V2,
  'src/new.ts': NEW_FILE,
};
/** A feature branch off the second: two files that import each other (a new cycle). */
const FEATURE: Record<string, string[]> = {
  ...MAIN_V2,
  'src/feature.ts': ["import { loop } from './loop';", 'export const feature = () => loop();'],
  'src/loop.ts': ["import { feature } from './feature';", 'export const loop = () => feature();'],
};

let treeCount = 0;

/** Sends `tree` as a tar.gz snapshot and waits for its analysis to end; answers the analysis. */
async function analyseTree(
  projectId: string,
  user: TestUser,
  tree: Record<string, string[]>,
  snapshot: { commit: string; branch: string; baseBranch?: string },
) {
  const root = join(workDir, `tree-${++treeCount}`);
  for (const [path, lines] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${lines.join('\n')}\n`);
  }
  execFileSync('tar', ['-czf', `${root}.tar.gz`, '-C', root, '.']);
  const archive = readFileSync(`${root}.tar.gz`);
  const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, {
    token: user.accessToken,
    body: { ...snapshot, source: { type: 'archive', format: 'tar.gz', contentLength: archive.length } },
  });
  expect(created.status, created.text).toBe(201);
  const put = await fetch(created.body.url, { method: 'PUT', body: archive, headers: created.body.headers });
  expect(put.status).toBe(200);
  const ended = await pollUntil(
    () => api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.body.id}`, { token: user.accessToken }),
    (current) => ['completed', 'failed'].includes(current.body?.status),
    { timeoutMs: 90_000, intervalMs: 250, description: `analysis ${created.body.id} to end` },
  );
  expect(ended.body.failure).toBeNull();
  return ended.body;
}

describe('new code of an analysis, compared with its base analysis', () => {
  let owner: TestUser;
  let projectId: string;
  let first: { id: string; summary: { newCode: unknown } };
  let second: { id: string; summary: { newCode: unknown; dependencies: { cycles: number } } };

  beforeAll(async () => {
    owner = await registerAndLogin(apiUrl);
    projectId = await createProject(apiUrl, owner, 'New code', 'NC');
    first = await analyseTree(projectId, owner, MAIN_V1, { commit: 'aaaa111', branch: 'main' });
    second = await analyseTree(projectId, owner, MAIN_V2, { commit: 'bbbb222', branch: 'main' });
  }, 240_000);

  const get = (path: string) => api(apiUrl, 'GET', `/v1/projects/${projectId}${path}`, { token: owner.accessToken });

  it('has no new code on the first analysis of a branch: not applicable rather than all new', async () => {
    // Act
    const files = await get(`/analyses/${first.id}/files`);
    const newCode = await get(`/analyses/${first.id}/new-code`);
    const onlyNew = await get(`/analyses/${first.id}/files?newCode=true`);

    // Assess
    expect(first.summary.newCode).toBeNull();
    expect(
      files.body.items.map((file: { change: unknown; newLines: unknown }) => [file.change, file.newLines]),
    ).toEqual(Object.keys(MAIN_V1).map(() => [null, null]));
    expect(newCode.status).toBe(404);
    expect(newCode.body.code).toBe('ANALYSIS_NO_BASE');
    expect(onlyNew.body.items).toEqual([]);
  });

  it('counts the files added, changed and removed, the new and changed functions and the new lines', () => {
    expect(second.summary.newCode).toEqual({
      baseAnalysisId: first.id,
      baseCommit: 'aaaa111',
      baseBranch: 'main',
      files: { added: 1, changed: 1, removed: 1 },
      // greet and mul are new, sub changed; add and the unchanged files' functions are not counted
      functions: { new: 2, changed: 1 },
      lines: 6 + NEW_FILE.length,
      maxCyclomatic: 2,
      maxCognitive: 1,
      duplicatedLines: 0,
      duplicationPercent: 0,
      // the a.ts ↔ b.ts cycle was there before
      newCycles: 0,
    });
    expect(second.summary.dependencies.cycles).toBe(1);
  });

  it("shows each file's change and new lines, and lists only the new ones with ?newCode=true", async () => {
    // Act
    const files = await get(`/analyses/${second.id}/files`);
    const onlyNew = await get(`/analyses/${second.id}/files?newCode=true`);

    // Assess
    const byPath = Object.fromEntries(
      files.body.items.map((file: { path: string; change: unknown; newLines: unknown }) => [
        file.path,
        [file.change, file.newLines],
      ]),
    );
    expect(byPath).toEqual({
      'README.md': [null, 0],
      'src/new.ts': ['added', NEW_FILE.length],
      'src/ring/a.ts': [null, 0],
      'src/ring/b.ts': [null, 0],
      'src/util.ts': ['changed', 6],
      'tools/keep.py': [null, 0],
    });
    expect(onlyNew.body.items.map((file: { path: string }) => file.path)).toEqual(['src/new.ts', 'src/util.ts']);
  });

  it('lists the removed files and the new or changed functions, a page at a time', async () => {
    // Act
    const firstPage = await get(`/analyses/${second.id}/new-code?limit=2`);
    const nextPage = await get(`/analyses/${second.id}/new-code?limit=2&cursor=${firstPage.body.nextCursor}`);

    // Assess
    expect(firstPage.status, firstPage.text).toBe(200);
    expect(firstPage.body).toMatchObject({
      baseAnalysisId: first.id,
      baseCommit: 'aaaa111',
      baseBranch: 'main',
      added: ['src/new.ts'],
      changed: ['src/util.ts'],
      removed: ['src/old.ts'],
    });
    expect([...firstPage.body.functions, ...nextPage.body.functions]).toEqual([
      { path: 'src/new.ts', name: 'greet', startLine: 1, endLine: 6, change: 'new' },
      { path: 'src/util.ts', name: 'sub', startLine: 5, endLine: 8, change: 'changed' },
      { path: 'src/util.ts', name: 'mul', startLine: 10, endLine: 12, change: 'new' },
    ]);
    expect(firstPage.body.functions).toHaveLength(2);
    expect(nextPage.body.nextCursor).toBeNull();
  });

  it("puts the new lines on the branch's trend", async () => {
    const trend = await get('/analyses/trend?branch=main');
    expect(trend.body.items.map((point: { newCodeLines: unknown }) => point.newCodeLines)).toEqual([
      6 + NEW_FILE.length,
      null,
    ]);
  });

  it("compares a feature branch naming baseBranch main with main's latest analysis", async () => {
    // Act
    const feature = await analyseTree(projectId, owner, FEATURE, {
      commit: 'cccc333',
      branch: 'feature/loop',
      baseBranch: 'main',
    });
    const newCode = await get(`/analyses/${feature.id}/new-code`);

    // Assess: against the first analysis util.ts would be changed and old.ts removed
    expect(feature.summary.newCode).toMatchObject({
      baseAnalysisId: second.id,
      baseCommit: 'bbbb222',
      baseBranch: 'main',
      files: { added: 2, changed: 0, removed: 0 },
      // the two arrow functions, one path each
      functions: { new: 2, changed: 0 },
      lines: 4,
      maxCyclomatic: 1,
      newCycles: 1,
    });
    expect(newCode.body).toMatchObject({ added: ['src/feature.ts', 'src/loop.ts'], changed: [], removed: [] });
  });
});
