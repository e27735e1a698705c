import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SnapshotEntry, SnapshotError } from '#shared/analysis/snapshots/entries';
import { fetchGitSnapshot, type GitSnapshotRequest } from '#shared/analysis/snapshots/git';
import { createOutboundClient } from '#shared/http/outbound';
import { type GitHttpServer, runGit, startGitHttpServer } from '../support/git-http-server';

// fetchGitSnapshot against a real `git http-backend` on 127.0.0.1: the expected trees come from
// the git CLI (`git ls-tree -r`, `git cat-file`) on the same repository, not from our own output.

const TOKEN = 'secret-token-123';
const LOOPBACK = ['127.0.0.1'];
let server: GitHttpServer;
let work: string;
let firstCommit: string;
let mainCommit: string;

/** What the git CLI says the commit's tree holds: path → [type, content], submodules left out. */
function cliTree(repo: string, commit: string): Map<string, [string, string]> {
  const tree = new Map<string, [string, string]>();
  for (const line of runGit(repo, ['ls-tree', '-r', '-t', commit]).split('\n')) {
    const [meta, path] = line.split('\t') as [string, string];
    const [mode, kind, oid] = meta.split(' ') as [string, string, string];
    if (kind === 'commit') continue;
    if (kind === 'tree') tree.set(path, ['directory', '']);
    else tree.set(path, [mode === '120000' ? 'symlink' : 'file', runGit(repo, ['cat-file', 'blob', oid])]);
  }
  return tree;
}

async function snapshotTree(
  request: GitSnapshotRequest,
): Promise<{ commit: string; tree: Map<string, [string, string]> }> {
  await using snapshot = await fetchGitSnapshot({ allowList: LOOPBACK, ...request });
  const tree = new Map<string, [string, string]>();
  for await (const entry of snapshot.entries as AsyncIterable<SnapshotEntry>) {
    const content = (await entry.read()).toString('utf8').trim();
    tree.set(entry.path, [entry.type, entry.type === 'directory' ? '' : content]);
  }
  return { commit: snapshot.commit, tree };
}

async function failureCode(request: GitSnapshotRequest): Promise<string> {
  const error = await fetchGitSnapshot({ allowList: LOOPBACK, ...request }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SnapshotError);
  return (error as SnapshotError).code;
}

function makeRepository(bare: string): { work: string } {
  const repo = mkdtempSync(join(tmpdir(), 'git-work-'));
  runGit(repo, ['init', '-q', '-b', 'main']);
  mkdirSync(join(repo, 'src', 'nested'), { recursive: true });
  writeFileSync(join(repo, 'README.md'), '# first\n');
  writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
  runGit(repo, ['add', '.']);
  runGit(repo, ['commit', '-q', '-m', 'first']);
  runGit(repo, ['tag', '-a', 'v1', '-m', 'release 1']);
  writeFileSync(join(repo, 'README.md'), '# second\n');
  writeFileSync(join(repo, 'src', 'nested', 'b.py'), 'print("b")\n');
  symlinkSync('../a.ts', join(repo, 'src', 'nested', 'link.ts'));
  runGit(repo, ['add', '.']);
  // A submodule is a gitlink (mode 160000) naming another repository's commit: not part of the snapshot.
  runGit(repo, ['update-index', '--add', '--cacheinfo', `160000,${runGit(repo, ['rev-parse', 'HEAD'])},vendor/sub`]);
  runGit(repo, ['commit', '-q', '-m', 'second']);
  runGit(repo, ['branch', 'feature', 'v1']);
  runGit(repo, ['init', '-q', '-b', 'main', '--bare', bare]);
  runGit(bare, ['config', 'uploadpack.allowReachableSHA1InWant', 'true']);
  runGit(repo, ['push', '-q', bare, 'main', 'feature', 'v1']);
  return { work: repo };
}

describe('fetchGitSnapshot', () => {
  beforeAll(async () => {
    server = await startGitHttpServer({ token: TOKEN });
    ({ work } = makeRepository(join(server.root, 'team.git')));
    mkdirSync(join(server.root, 'private'));
    runGit(work, ['init', '-q', '-b', 'main', '--bare', join(server.root, 'private', 'secret.git')]);
    runGit(work, ['push', '-q', join(server.root, 'private', 'secret.git'), 'main']);
    firstCommit = runGit(work, ['rev-parse', 'v1^{commit}']);
    mainCommit = runGit(work, ['rev-parse', 'main']);
  });
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('fetches a branch: every path, type and content of its tree, symlinks as links, submodules left out', async () => {
    const { commit, tree } = await snapshotTree({ url: server.urlOf('team'), ref: 'main' });

    expect(commit).toBe(mainCommit);
    expect(tree).toEqual(cliTree(work, 'main'));
    expect(tree.get('src/nested/link.ts')).toEqual(['symlink', '../a.ts']);
    expect(tree.has('vendor/sub')).toBe(false);
  });

  it('fetches an annotated tag as the commit it points to', async () => {
    const { commit, tree } = await snapshotTree({ url: server.urlOf('team'), ref: 'v1' });

    expect(commit).toBe(firstCommit);
    expect(tree).toEqual(cliTree(work, 'v1'));
  });

  it('fetches a commit by its full id', async () => {
    const { commit, tree } = await snapshotTree({ url: server.urlOf('team'), ref: firstCommit });

    expect(commit).toBe(firstCommit);
    expect(tree.get('README.md')).toEqual(['file', '# first']);
  });

  it('refuses a ref the repository does not have', async () => {
    expect(await failureCode({ url: server.urlOf('team'), ref: 'no-such-branch' })).toBe('GIT_REF_NOT_FOUND');
  });

  it('fetches a private repository with its token, and fails on a missing or wrong token', async () => {
    const url = server.urlOf('private/secret');

    const { tree } = await snapshotTree({ url, ref: 'main', token: TOKEN });

    expect(tree).toEqual(cliTree(work, 'main'));
    expect(await failureCode({ url, ref: 'main' })).toBe('GIT_AUTH_FAILED');
    const wrong = await fetchGitSnapshot({ url, ref: 'main', token: 'wrong', allowList: LOOPBACK }).catch(
      (error: unknown) => error as SnapshotError,
    );
    expect((wrong as SnapshotError).code).toBe('GIT_AUTH_FAILED');
    expect(JSON.stringify(wrong)).not.toContain('wrong');
    expect((wrong as Error).message).not.toContain('wrong');
  });

  it('refuses plain http to a host that is not allow-listed, as in AWS', async () => {
    expect(await failureCode({ url: server.urlOf('team'), ref: 'main', allowList: [] })).toBe('GIT_FETCH_REFUSED');
  });

  it('refuses a loopback address the outbound policy does not allow, even over https', async () => {
    const client = createOutboundClient({ allowList: [] });
    const url = server.urlOf('team').replace('http:', 'https:');

    expect(await failureCode({ url, ref: 'main', client, allowList: [] })).toBe('GIT_FETCH_REFUSED');
  });

  it('refuses a tree with more entries than the limit', async () => {
    expect(await failureCode({ url: server.urlOf('team'), ref: 'main', limits: { maxEntries: 3 } })).toBe(
      'ARCHIVE_TOO_MANY_ENTRIES',
    );
  });

  it('maps a server that is not there to GIT_FETCH_FAILED', async () => {
    const url = 'http://127.0.0.1:9/nothing.git';
    expect(await failureCode({ url, ref: 'main' })).toBe('GIT_FETCH_FAILED');
  });
});
