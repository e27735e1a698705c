// Coverage reports name files the way the CI machine saw them: lcov and Cobertura with the
// absolute path of the checkout (`/home/runner/work/app/app/src/x.ts`), JaCoCo and multi-root
// Cobertura relative to a source root (`com/acme/Order.java`). This maps them to snapshot paths.
import { posix } from 'node:path';
import type { FileCoverage } from '#shared/analysis/model';

/** Report files mapped to snapshot paths, and the report paths that name no file of the snapshot. */
export interface CoveragePathMatch {
  files: FileCoverage[];
  unmatched: string[];
}

/**
 * Maps each report path to a snapshot path: as it is when the snapshot has it; else by
 * stripping the checkout prefix most report paths share (the prefix that turns the most of
 * them into snapshot paths); else by the longest tail that is a snapshot path; else, for a
 * path relative to a source root, the one snapshot path that ends with it. Two report files
 * landing on one snapshot path are merged (the larger hit count per line).
 */
export function matchCoveragePaths(reports: FileCoverage[], snapshotPaths: Iterable<string>): CoveragePathMatch {
  const snapshot = new Set(snapshotPaths);
  const byBasename = new Map<string, string[]>();
  for (const path of snapshot) {
    const list = byBasename.get(posix.basename(path)) ?? [];
    list.push(path);
    byBasename.set(posix.basename(path), list);
  }
  const normalized = reports.map((report) => ({ report, path: normalize(report.path) }));
  const prefix = commonCheckoutPrefix(
    normalized.map(({ path }) => path),
    snapshot,
  );

  const files = new Map<string, Map<number, number>>();
  const unmatched: string[] = [];
  for (const { report, path } of normalized) {
    const target = matchOne(path, prefix, snapshot, byBasename);
    if (target === undefined) {
      unmatched.push(report.path);
      continue;
    }
    const lines = files.get(target) ?? new Map<number, number>();
    for (const [line, hits] of report.lines) lines.set(line, Math.max(lines.get(line) ?? 0, hits));
    files.set(target, lines);
  }
  return { files: [...files].map(([path, lines]) => ({ path, lines })), unmatched };
}

function normalize(path: string): string {
  return path.replaceAll('\\', '/').replace(/^\.\//, '');
}

/** The longest tails of `path` at `/` boundaries, longest first. */
function* tails(path: string): Generator<{ prefix: string; tail: string }> {
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
    yield { prefix: path.slice(0, at + 1), tail: path.slice(at + 1) };
  }
}

/**
 * The prefix whose removal turns the most report paths into snapshot paths ('' when none does);
 * of prefixes as good, the shortest (the longest snapshot paths).
 */
function commonCheckoutPrefix(paths: string[], snapshot: Set<string>): string {
  const votes = new Map<string, number>();
  for (const path of paths) {
    if (snapshot.has(path)) continue;
    for (const { prefix, tail } of tails(path)) {
      if (snapshot.has(tail)) votes.set(prefix, (votes.get(prefix) ?? 0) + 1);
    }
  }
  let best = '';
  let bestVotes = 0;
  for (const [prefix, count] of votes) {
    if (count > bestVotes || (count === bestVotes && prefix.length < best.length)) {
      best = prefix;
      bestVotes = count;
    }
  }
  return best;
}

function matchOne(
  path: string,
  prefix: string,
  snapshot: Set<string>,
  byBasename: Map<string, string[]>,
): string | undefined {
  if (snapshot.has(path)) return path;
  if (prefix && path.startsWith(prefix) && snapshot.has(path.slice(prefix.length))) return path.slice(prefix.length);
  for (const { tail } of tails(path)) if (snapshot.has(tail)) return tail;
  const endingWith = (byBasename.get(posix.basename(path)) ?? []).filter((candidate) => candidate.endsWith(`/${path}`));
  return endingWith.length === 1 ? endingWith[0] : undefined;
}
