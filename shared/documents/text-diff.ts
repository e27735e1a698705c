import { createTwoFilesPatch, structuredPatch } from 'diff';

// The line diff of two versions' bodies (pure): unified text as `diff -u` writes it, and the
// same hunks as data.

/** One hunk: where it starts and how many lines it spans on each side, and its marked lines. */
export interface TextHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** ` ` context, `-` removed, `+` added, as in the unified text. */
  lines: string[];
}

/** Lines of context around each change, as `diff -u`. */
const CONTEXT_LINES = 3;

/** The unified diff and its hunks from `oldText` (named `oldName`) to `newText`. */
export function textDiff(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
): { unified: string; hunks: TextHunk[] } {
  const options = { context: CONTEXT_LINES };
  const unified = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, options);
  const patch = structuredPatch(oldName, newName, oldText, newText, undefined, undefined, options);
  return {
    unified,
    hunks: patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({
      oldStart,
      oldLines,
      newStart,
      newLines,
      lines,
    })),
  };
}
