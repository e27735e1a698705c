// tsconfig.json is JSON with comments and trailing commas (JSONC). The TypeScript compiler's
// reader is not in Lambda bundles, so this strips both outside strings and hands the rest to
// JSON.parse. Anything still invalid yields undefined: a broken tsconfig only loses its aliases.

/** Parses JSON that may contain `//` and `/* *\/` comments and trailing commas; undefined when unreadable. */
export function parseTolerantJson(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const character = text[i]!;
    if (character === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += character;
      i++;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}
