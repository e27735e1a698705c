// tsconfig.json is JSON with comments and trailing commas (JSONC). The TypeScript compiler's
// reader is not in Lambda bundles, so this drops both outside strings and hands the rest to
// JSON.parse. Anything still invalid yields undefined: a broken tsconfig only loses its aliases.

/** Parses JSON that may contain `//` and `/* *\/` comments and trailing commas; undefined when unreadable. */
export function parseTolerantJson(text: string): unknown {
  let json = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      json += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const afterBlank = skipBlank(text, i);
    if (afterBlank > i) {
      json += ' ';
      i = afterBlank;
      continue;
    }
    const trailingComma = text[i] === ',' && '}]'.includes(text[skipBlank(text, i + 1)] ?? '_');
    if (!trailingComma) json += text[i];
    i++;
  }
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** The index after the whitespace and comments that start at `start`. */
function skipBlank(text: string, start: number): number {
  let i = start;
  for (;;) {
    if (/\s/.test(text[i] ?? '')) i++;
    else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else return i;
  }
}
