import type { CodeLocation, DependencyCycle, FunctionMetrics } from '#shared/analysis/model';
import { countNewLines, type FunctionChange, type NewCode } from '#shared/analysis/new-code';
import type { AnalysisSummary } from '#shared/schemas/analyses';

// The new-code decisions the Merge takes, without I/O: which analysis is the base, and the
// measures of the summary's `newCode` section (complexity of new or changed functions,
// duplicated new lines, new import cycles). new-code.ts does the comparison itself.

/** What the base choice needs to know of an analysis. */
export interface BaseCandidate {
  id: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
}

/**
 * The base among `candidates` (analyses of the base branch, newest created first, as the
 * branch index lists them): the first completed one, other than `current`, that ended before
 * `current` began. So the base is the latest snapshot of the branch whose results were all
 * written when this analysis started, and a retried Merge picks the same one.
 */
export function chooseBase<T extends BaseCandidate>(
  current: Pick<BaseCandidate, 'id' | 'startedAt'> & { createdAt: string },
  candidates: readonly T[],
): T | undefined {
  const began = current.startedAt ?? current.createdAt;
  return candidates.find(
    (candidate) =>
      candidate.id !== current.id &&
      candidate.status === 'completed' &&
      candidate.endedAt !== null &&
      candidate.endedAt < began,
  );
}

/** The import cycles (strongly connected components, by their set of nodes) that `base` did not have. */
export function newCycles(current: readonly DependencyCycle[], base: readonly DependencyCycle[]): DependencyCycle[] {
  const key = (cycle: DependencyCycle) => [...cycle.nodes].sort().join('\0');
  const before = new Set(base.map(key));
  return current.filter((cycle) => !before.has(key(cycle)));
}

/** How many new lines lie inside an occurrence of a duplicated block (each line once). */
export function duplicatedNewLines(
  newCode: NewCode,
  blocks: readonly { occurrences: readonly CodeLocation[] }[],
): number {
  const duplicated = new Map<string, Set<number>>();
  for (const block of blocks) {
    for (const { path, startLine, endLine } of block.occurrences) {
      if (!newCode.newLines.has(path)) continue;
      const lines = duplicated.get(path) ?? new Set<number>();
      for (let line = startLine; line <= endLine; line++) lines.add(line);
      duplicated.set(path, lines);
    }
  }
  return countNewLines(newCode, duplicated).matching;
}

/**
 * The highest cyclomatic and cognitive complexity among the new or changed functions (each
 * found in this analysis's functions by path, name and start line); null when there are none.
 */
export function changedFunctionsComplexity(
  changes: readonly FunctionChange[],
  functionsByPath: ReadonlyMap<string, readonly FunctionMetrics[]>,
): { maxCyclomatic: number; maxCognitive: number } | null {
  const measured = changes.flatMap(
    (change) =>
      functionsByPath.get(change.path)?.find((fn) => fn.name === change.name && fn.startLine === change.startLine) ??
      [],
  );
  if (measured.length === 0) return null;
  return {
    maxCyclomatic: Math.max(...measured.map((fn) => fn.cyclomatic)),
    maxCognitive: Math.max(...measured.map((fn) => fn.cognitive)),
  };
}

/** The summary's `newCode` section from the comparison and the measures taken on it. */
export function newCodeSection(
  base: { id: string; commit: string; branch: string },
  newCode: NewCode,
  measures: {
    complexity: { maxCyclomatic: number; maxCognitive: number } | null;
    duplicatedLines: number;
    newCycles: number;
  },
): NonNullable<AnalysisSummary['newCode']> {
  let lines = 0;
  for (const fileLines of newCode.newLines.values()) lines += fileLines.size;
  return {
    baseAnalysisId: base.id,
    baseCommit: base.commit,
    baseBranch: base.branch,
    files: { added: newCode.added.length, changed: newCode.changed.length, removed: newCode.removed.length },
    functions: {
      new: newCode.functions.filter((fn) => fn.change === 'new').length,
      changed: newCode.functions.filter((fn) => fn.change === 'changed').length,
    },
    lines,
    maxCyclomatic: measures.complexity?.maxCyclomatic ?? null,
    maxCognitive: measures.complexity?.maxCognitive ?? null,
    duplicatedLines: measures.duplicatedLines,
    duplicationPercent: lines === 0 ? null : Math.round((measures.duplicatedLines / lines) * 10_000) / 100,
    newCycles: measures.newCycles,
  };
}
