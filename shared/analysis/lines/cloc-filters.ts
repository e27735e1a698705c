/**
 * cloc 1.96's comment filters, re-stated over arrays of chomped lines. cloc (a Perl script) reads a
 * file into lines, drops blank lines, then runs each filter of the file's language in turn, dropping
 * the lines a filter left blank; whatever was dropped after the blank pass is a comment line and what
 * survives is code. Each function here does what the cloc sub of the same name does, including its
 * quirks (the multi-line C comment that joins two code lines into one, the Python line that holds
 * `/*` counted as comment), because the goal is cloc's numbers, not a better count.
 *
 * Blank means cloc's `^\s*$` on bytes: only ASCII whitespace, never U+00A0 and the like.
 */

/** One filter step: lines in (no blank ones), lines out (possibly with new blank ones). */
export type LineFilter = (lines: readonly string[]) => string[];

/** cloc's `^\s*$`, where Perl's `\s` on bytes is space, \t, \n, \v, \f, \r. */
export function isBlank(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== 32 && (code < 9 || code > 13)) return false;
  }
  return true;
}

/** Whether the line starts with optional whitespace and then `marker` (cloc's `^\s*<marker>`). */
export function startsAfterSpace(line: string, marker: string): boolean {
  let index = 0;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    if (code !== 32 && (code < 9 || code > 13)) break;
    index++;
  }
  return line.startsWith(marker, index);
}

/** `remove_matches`: drops the lines the predicate accepts. */
export function removeMatches(isComment: (line: string) => boolean): LineFilter {
  return (lines) => lines.filter((line) => !isComment(line));
}

/**
 * `call_regexp_common` with Regexp::Common's `C` or `C++` comment pattern: the lines are joined (C++
 * mode ends each line with an extra newline unless it ends with a backslash), every `/* … *\/` (and in
 * C++ mode every `// …\n`, newline included) is cut out left to right without regard to strings, and the
 * text is split again. A comment spanning lines merges the code around it into one line, as in cloc.
 */
export function removeCComments(mode: 'C' | 'C++'): LineFilter {
  return (lines) => {
    const joined =
      mode === 'C++'
        ? lines.map((line) => (line.endsWith('\\') ? `${line}\n` : `${line}\n\n`)).join('')
        : `${lines.join('\n')}\n`;
    return splitLikePerl(cutCComments(joined, mode === 'C++'));
  };
}

/** Removes C block comments (and `//` comments that end in a newline, when asked) from the text. */
function cutCComments(text: string, lineComments: boolean): string {
  const kept: string[] = [];
  let copiedUpTo = 0;
  let position = text.indexOf('/');
  // Once a `/*` has no closing `*/` after it, no later one has either (same for `//` and a newline).
  let blockCloses = true;
  let lineCloses = true;
  while (position >= 0 && position < text.length - 1) {
    const next = text.charCodeAt(position + 1);
    let end = -1;
    if (next === 47 /* / */ && lineComments && lineCloses) {
      const newline = text.indexOf('\n', position + 2);
      if (newline < 0) lineCloses = false;
      else end = newline + 1;
    } else if (next === 42 /* * */ && blockCloses) {
      const close = text.indexOf('*/', position + 2);
      if (close < 0) blockCloses = false;
      else end = close + 2;
    }
    if (end < 0) {
      position = text.indexOf('/', position + 1);
      continue;
    }
    kept.push(text.slice(copiedUpTo, position));
    copiedUpTo = end;
    position = text.indexOf('/', end);
  }
  kept.push(text.slice(copiedUpTo));
  return kept.join('');
}

/** Perl's `split("\n", $text)`: trailing empty fields are dropped. */
function splitLikePerl(text: string): string[] {
  const parts = text.split('\n');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Regexp::Common's HTML comment: `<!` then any number of `-- … --` groups, then `>`. */
const HTML_COMMENT = /<!(?:--[^-]*(?:-[^-]+)*--[ \t\n\v\f\r]*)*>/g;

/** `call_regexp_common` with the `HTML` pattern over the joined lines. */
export const removeHtmlCommentPattern: LineFilter = (lines) =>
  splitLikePerl(`${lines.join('\n')}\n`.replace(HTML_COMMENT, ''));

const ONE_LINE_HTML_COMMENT = /<!--[\s\S]*?-->/g;
const THROUGH_HTML_COMMENT_END = /^[\s\S]*?-->/;

/**
 * `remove_html_comments`: one-line `<!-- -->` cut out; a line that opens a comment it does not close is
 * dropped whole (even with code before it), and so are the lines up to the one that closes it.
 */
export const removeHtmlComments: LineFilter = (lines) => {
  const kept: string[] = [];
  let inComment = false;
  for (const original of lines) {
    if (isBlank(original)) continue;
    let line = original.replace(ONE_LINE_HTML_COMMENT, '');
    if (isBlank(line)) continue;
    if (inComment && line.includes('-->')) {
      line = line.replace(THROUGH_HTML_COMMENT_END, '');
      inComment = false;
    }
    if (isBlank(line)) continue;
    if (line.includes('<!--')) {
      inComment = true;
      continue;
    }
    if (inComment) continue;
    kept.push(line);
  }
  return kept;
};

/**
 * `remove_between_general` (Markdown's `<!-- -->`): like the HTML filter, but code before an opening
 * marker is kept.
 */
export function removeBetween(start: string, end: string): LineFilter {
  const oneLine = new RegExp(`${escapeRegExp(start)}[\\s\\S]*?${escapeRegExp(end)}`, 'g');
  const throughEnd = new RegExp(`^[\\s\\S]*?${escapeRegExp(end)}`);
  return (lines) => {
    const kept: string[] = [];
    let inComment = false;
    for (const original of lines) {
      if (isBlank(original)) continue;
      let line = original.replace(oneLine, '');
      if (isBlank(line)) continue;
      if (inComment) {
        if (line.includes(end)) {
          line = line.replace(throughEnd, '');
          inComment = false;
        }
        if (inComment) continue;
      }
      if (isBlank(line)) continue;
      const opening = line.indexOf(start);
      if (opening >= 0) {
        inComment = true;
        const before = line.slice(0, opening);
        if (isBlank(before)) continue;
        line = before;
      }
      kept.push(line);
    }
    return kept;
  };
}

/**
 * `remove_between_regex` with Markdown's link-comment markers (`[comment]: # (…)`, `[//]: # (…)`):
 * same shape as `removeBetween`, with patterns for the markers.
 */
export function removeBetweenPatterns(start: string, end: string): LineFilter {
  const oneLine = new RegExp(`${start}[^\\n]*?${end}`, 'g');
  const endPattern = new RegExp(end);
  const throughEnd = new RegExp(`^[^\\n]*?${end}`);
  const opening = new RegExp(`^([^\\n]*?)${start}`);
  return (lines) => {
    const kept: string[] = [];
    let inComment = false;
    for (const original of lines) {
      if (isBlank(original)) continue;
      let line = original.replace(oneLine, '');
      if (isBlank(line)) continue;
      if (inComment) {
        if (endPattern.test(line)) {
          line = line.replace(throughEnd, '');
          inComment = false;
        }
        if (inComment) continue;
      }
      if (isBlank(line)) continue;
      const match = opening.exec(line);
      if (match) {
        inComment = true;
        const before = match[1] ?? '';
        if (isBlank(before)) continue;
        line = before;
      }
      kept.push(line);
    }
    return kept;
  };
}

/** `remove_below`: drops the first line that matches and everything after it (Perl's `__END__`). */
export function removeBelow(isMarker: (line: string) => boolean): LineFilter {
  return (lines) => {
    const end = lines.findIndex(isMarker);
    return end < 0 ? [...lines] : lines.slice(0, end);
  };
}

/** `remove_below_above`: drops each block from a start-marker line through an end-marker line (POD, `=begin`). */
export function removeBelowAbove(isStart: (line: string) => boolean, isEnd: (line: string) => boolean): LineFilter {
  return (lines) => {
    const kept: string[] = [];
    let between = false;
    for (const line of lines) {
      if (!between && isStart(line)) {
        between = true;
        continue;
      }
      if (between && isEnd(line)) {
        between = false;
        continue;
      }
      if (!between) kept.push(line);
    }
    return kept;
  };
}

/**
 * `docstring_to_C` (Python): every `"""` or `'''` alternately becomes `/*` and `*\/` (an opening one
 * with its `u`/`U` prefix), so the C-comment filter after it removes docstrings and every other
 * triple-quoted string.
 */
export const docstringToC: LineFilter = (lines) => {
  let inDocstring = false;
  return lines.map((original) => {
    let line = original;
    for (;;) {
      const at = firstTripleQuote(line);
      if (at < 0) return line;
      if (!inDocstring) {
        const from = at > 0 && (line[at - 1] === 'u' || line[at - 1] === 'U') ? at - 1 : at;
        line = `${line.slice(0, from)}/*${line.slice(at + 3)}`;
      } else {
        line = `${line.slice(0, at)}*/${line.slice(at + 3)}`;
      }
      inDocstring = !inDocstring;
    }
  });
};

function firstTripleQuote(line: string): number {
  const double = line.indexOf('"""');
  const single = line.indexOf("'''");
  if (double < 0) return single;
  if (single < 0) return double;
  return Math.min(double, single);
}

/** `replace_regex('\\$', ' ')` (Java): a trailing backslash becomes a space; blank lines are dropped. */
export const replaceTrailingBackslash: LineFilter = (lines) => {
  const kept: string[] = [];
  for (const line of lines) {
    if (isBlank(line)) continue;
    const replaced = line.endsWith('\\') ? `${line.slice(0, -1)} ` : line;
    if (!isBlank(replaced)) kept.push(replaced);
  }
  return kept;
};

/**
 * Java's `replace_between_regex('(["'])(.*?/\*)\g1', '(.*?)', '"xx"')` and its `*\/` twin: a quoted
 * path glob holding a comment marker becomes `xx`. cloc's multi-line branch matters too: when a line
 * still matches `^(.*?)` + the start pattern (where `\g1` now names that prefix), the line is cut to the
 * prefix (dropped when the prefix is blank), and the next line is dropped, because Perl's `$1` is left
 * empty by the end pattern `(.*?)`.
 */
export function replaceQuotedCommentMarker(marker: '/*' | '*/'): LineFilter {
  const escaped = escapeRegExp(marker);
  const quoted = new RegExp(`(["'])([^\\n]*?${escaped})\\1`, 'g');
  const opening = new RegExp(`^([^\\n]*?)(["'])([^\\n]*?${escaped})\\1`);
  return (lines) => {
    const kept: string[] = [];
    let inComment = false;
    for (const original of lines) {
      if (isBlank(original)) continue;
      let line = original.replace(quoted, 'xx');
      let lastCapture: string | undefined;
      if (line !== original) lastCapture = '"';
      if (isBlank(line)) continue;
      if (inComment) {
        line = `xx${line}`;
        inComment = false;
        lastCapture = '';
      }
      const match = opening.exec(line);
      if (match) {
        inComment = true;
        lastCapture = match[1] ?? '';
      }
      if (lastCapture !== undefined && isBlank(lastCapture)) continue;
      if (match) line = match[1] ?? '';
      kept.push(line);
    }
    return kept;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
