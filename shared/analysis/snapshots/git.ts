import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git, { type GitHttpRequest, type GitHttpResponse, type HttpClient } from 'isomorphic-git';
import * as m from '#shared/analysis/messages';
import {
  assertSymlinkInside,
  DEFAULT_SNAPSHOT_LIMITS,
  SnapshotBudget,
  type SnapshotEntry,
  SnapshotError,
  type SnapshotLimits,
  safeEntryPath,
} from '#shared/analysis/snapshots/entries';
import { ENV } from '#shared/config/env';
import { createOutboundClient, type OutboundClient, OutboundRequestError } from '#shared/http/outbound';
import { isAllowListed, parseAllowList } from '#shared/http/outbound-policy';

// A git ref as a snapshot: isomorphic-git fetches one commit (depth 1, that ref only) into a
// directory under /tmp over the guarded outbound client, then the commit's tree is walked into
// the same entries as an archive. Plain http is allowed only to hosts the stage allow-lists
// (loopback in local mode), exactly as outbound calls elsewhere; in AWS the list is empty.

/** Git mode bits as tree entries carry them. */
const MODE_SYMLINK = '120000';
const MODE_SUBMODULE = '160000';
/** A user name for token auth that GitHub, GitLab and Gitea all accept beside a token as password. */
const TOKEN_USER = 'x-access-token';

export interface GitSnapshotLimits extends SnapshotLimits {
  /** Largest single HTTP answer (the pack), bytes. */
  maxPackBytes: number;
  /** Deadline of each HTTP request, ms. */
  requestTimeoutMs: number;
}

/** The archive limits plus a 500 MB pack (the archive upload cap) and 2 minutes per request. */
export const DEFAULT_GIT_LIMITS: GitSnapshotLimits = {
  ...DEFAULT_SNAPSHOT_LIMITS,
  maxPackBytes: 500 * 1024 ** 2,
  requestTimeoutMs: 120_000,
};

export interface GitSnapshotRequest {
  /** The repository's URL (`https://host/owner/repo.git`). */
  url: string;
  /** A branch, a tag or a full 40-character commit id. */
  ref: string;
  /** Sent as HTTP basic auth (password), never logged nor put in errors. */
  token?: string;
  /** The outbound client; by default one built from OUTBOUND_ALLOW_LIST with the limits' pack cap and deadline. */
  client?: OutboundClient;
  /** Hosts that may be reached over plain http; by default OUTBOUND_ALLOW_LIST. */
  allowList?: readonly string[];
  limits?: Partial<GitSnapshotLimits>;
  /** Where the temporary repository goes; by default the OS temp folder (Lambda's /tmp). */
  workDir?: string;
}

/** A fetched commit: its id and its tree as snapshot entries. Disposing removes the temporary repository. */
export interface GitSnapshot extends AsyncDisposable {
  commit: string;
  /** The tree in path order, directories before their content, submodules left out; iterable until disposed. */
  entries: AsyncIterable<SnapshotEntry>;
  dispose(): Promise<void>;
}

interface TreeItem {
  path: string;
  type: SnapshotEntry['type'];
  oid: string;
  size: number;
  linkTarget?: string;
}

const stageAllowList = parseAllowList(process.env[ENV.outboundAllowList]);

/**
 * Fetches `ref` of the repository and checks its whole tree (paths, links, entry count, total
 * bytes) before answering, so a refused snapshot throws a SnapshotError (GIT_FETCH_REFUSED,
 * GIT_REF_NOT_FOUND, GIT_AUTH_FAILED, GIT_FETCH_FAILED or an ARCHIVE_* limit) before any entry.
 */
export async function fetchGitSnapshot(request: GitSnapshotRequest): Promise<GitSnapshot> {
  const limits = { ...DEFAULT_GIT_LIMITS, ...request.limits };
  const allowList = request.allowList ?? stageAllowList;
  assertFetchAllowed(request.url, allowList);
  const client =
    request.client ??
    createOutboundClient({ allowList, maxResponseBytes: limits.maxPackBytes, timeoutMs: limits.requestTimeoutMs });
  const gitdir = await mkdtemp(join(request.workDir ?? tmpdir(), 'trellis-git-'));
  const dispose = () => rm(gitdir, { recursive: true, force: true });
  try {
    const commit = await fetchCommit(gitdir, request, client);
    const items = await listTree(gitdir, commit, limits);
    const entries = { [Symbol.asyncIterator]: () => treeEntries(gitdir, items) };
    return { commit, entries, dispose, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * An isomorphic-git `http` plugin over the guarded outbound client: every request gets its SSRF
 * checks at connect time, same-origin redirects only, a deadline and a size cap.
 */
export function outboundGitHttp(client: OutboundClient): HttpClient {
  return {
    async request({ url, method, headers, body }: GitHttpRequest): Promise<GitHttpResponse> {
      const payload = body === undefined ? undefined : await concatBody(body);
      const response = await client.request(url, { method, headers, body: payload });
      return {
        url: response.url,
        method,
        statusCode: response.status,
        statusMessage: '',
        headers: response.headers,
        body: single(new Uint8Array(response.body)),
      };
    },
  };
}

/** Plain http only to allow-listed hosts (local mode); anything but http(s) never. */
function assertFetchAllowed(url: string, allowList: readonly string[]): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SnapshotError('GIT_FETCH_REFUSED', m.snapshotGitRefused());
  }
  const secure = parsed.protocol === 'https:';
  const allowedPlain = parsed.protocol === 'http:' && isAllowListed(allowList, parsed.hostname);
  if (!secure && !allowedPlain) throw new SnapshotError('GIT_FETCH_REFUSED', m.snapshotGitRefused());
}

async function fetchCommit(gitdir: string, request: GitSnapshotRequest, client: OutboundClient): Promise<string> {
  const headers: Record<string, string> =
    request.token === undefined
      ? {}
      : { authorization: `Basic ${Buffer.from(`${TOKEN_USER}:${request.token}`).toString('base64')}` };
  try {
    await git.init({ fs, gitdir, bare: true });
    // isomorphic-git records what it fetched under the remote's refspec.
    await git.addRemote({ fs, gitdir, remote: 'origin', url: request.url });
    const fetched = await git.fetch({
      fs,
      http: outboundGitHttp(client),
      gitdir,
      remote: 'origin',
      ref: request.ref,
      singleBranch: true,
      depth: 1,
      tags: false,
      headers,
    });
    if (fetched.fetchHead === null)
      throw new SnapshotError('GIT_REF_NOT_FOUND', m.snapshotGitRefNotFound({ ref: request.ref }));
    // An annotated tag names a tag object; readCommit peels it to its commit.
    const { oid } = await git.readCommit({ fs, gitdir, oid: fetched.fetchHead });
    return oid;
  } catch (error) {
    throw asGitError(error, request.ref);
  }
}

/** Every entry of the commit's tree, checked: safe names, links inside, count and total bytes within limits. */
async function listTree(gitdir: string, commit: string, limits: SnapshotLimits): Promise<TreeItem[]> {
  const items: TreeItem[] = [];
  const budget = new SnapshotBudget(limits);
  const walk = async (treeOid: string, prefix: string): Promise<void> => {
    const { tree } = await git.readTree({ fs, gitdir, oid: treeOid });
    for (const node of tree) {
      if (node.mode === MODE_SUBMODULE) continue;
      // A hostile server can send any name; the same rule as archive paths applies.
      const path = safeEntryPath(`${prefix}${node.path}`);
      if (path === '' || path.split('/').length !== prefix.split('/').length) {
        throw new SnapshotError('ARCHIVE_UNSAFE_PATH', m.snapshotUnsafePath({ path: `${prefix}${node.path}` }));
      }
      budget.countEntry();
      if (node.type === 'tree') {
        items.push({ path, type: 'directory', oid: node.oid, size: 0 });
        await walk(node.oid, `${path}/`);
        continue;
      }
      // Blob sizes are known only by inflating: measured here, so the total is refused before any entry.
      const { blob } = await git.readBlob({ fs, gitdir, oid: node.oid });
      budget.countInflated(blob.length, 0);
      if (node.mode === MODE_SYMLINK) {
        const target = Buffer.from(blob).toString('utf8');
        assertSymlinkInside(path, target);
        items.push({ path, type: 'symlink', oid: node.oid, size: blob.length, linkTarget: target });
      } else items.push({ path, type: 'file', oid: node.oid, size: blob.length });
    }
  };
  await walk((await git.readCommit({ fs, gitdir, oid: commit })).commit.tree, '');
  return items;
}

async function* treeEntries(gitdir: string, items: readonly TreeItem[]): AsyncGenerator<SnapshotEntry> {
  for (const { path, type, oid, size, linkTarget } of items) {
    const read = async () =>
      type === 'directory' ? Buffer.alloc(0) : Buffer.from((await git.readBlob({ fs, gitdir, oid })).blob);
    yield linkTarget === undefined ? { path, type, size, read } : { path, type, size, linkTarget, read };
  }
}

/** Outbound refusals are GIT_FETCH_REFUSED, 401/403 GIT_AUTH_FAILED, an unknown ref GIT_REF_NOT_FOUND, the rest GIT_FETCH_FAILED. */
function asGitError(error: unknown, ref: string): SnapshotError {
  if (error instanceof SnapshotError) return error;
  if (error instanceof OutboundRequestError) {
    if (error.kind === 'invalid_url' || error.kind === 'address_refused' || error.kind === 'redirect_refused') {
      return new SnapshotError('GIT_FETCH_REFUSED', m.snapshotGitRefused(), { cause: error });
    }
    return new SnapshotError('GIT_FETCH_FAILED', m.snapshotGitFetchFailed({ reason: error.kind }), { cause: error });
  }
  const { code, data, message } = error as {
    code?: unknown;
    data?: { statusCode?: unknown; what?: unknown };
    message?: unknown;
  };
  const status = typeof data?.statusCode === 'number' ? data.statusCode : undefined;
  if (status === 401 || status === 403) {
    return new SnapshotError('GIT_AUTH_FAILED', m.snapshotGitAuthFailed(), { cause: error });
  }
  // A ref the server does not advertise, or a commit id it will not serve ("not our ref").
  // (isomorphic-git also needs the remote's HEAD; a repository without one is a fetch failure.)
  if ((code === 'NotFoundError' && data?.what !== 'HEAD') || /not our ref/i.test(String(message))) {
    return new SnapshotError('GIT_REF_NOT_FOUND', m.snapshotGitRefNotFound({ ref }), { cause: error });
  }
  const reason = status === undefined ? String(code ?? 'error') : `HTTP ${status}`;
  return new SnapshotError('GIT_FETCH_FAILED', m.snapshotGitFetchFailed({ reason }), { cause: error });
}

async function concatBody(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* single(bytes: Uint8Array): AsyncIterableIterator<Uint8Array> {
  yield bytes;
}
