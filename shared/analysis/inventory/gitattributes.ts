/**
 * The `.gitattributes` attributes the inventory honours (linguist-vendored, linguist-generated,
 * linguist-language, -diff / binary), with git's pattern rules: a pattern without a slash matches the
 * file name at any depth below its .gitattributes, one with a slash matches the path relative to it;
 * later lines win over earlier ones and deeper files over shallower ones. Directory patterns (`dir/`)
 * match nothing, as in git; use `dir/**`.
 */
import picomatch from 'picomatch';

/** What .gitattributes says about one path; undefined where nothing applies. */
export interface PathAttributes {
  vendored?: boolean;
  generated?: boolean;
  /** `-diff` (or the `binary` macro): GitHub hides its diff; we treat it as generated. */
  noDiff?: boolean;
  language?: string;
}

interface AttributeLine {
  /** Folder of the .gitattributes file, '' for the root, else `a/b/`. */
  base: string;
  matches: (relativePath: string, name: string) => boolean;
  attributes: PathAttributes;
  depth: number;
}

/** A `.gitattributes` file of the snapshot. */
export interface GitattributesFile {
  path: string;
  text: string;
}

/** Parses the files into lines ordered so that applying them in turn lets the right one win. */
export function parseGitattributes(files: readonly GitattributesFile[]): AttributeLine[] {
  const lines: AttributeLine[] = [];
  for (const file of files) {
    const base = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
    const depth = base.split('/').length;
    for (const raw of file.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('[attr]')) continue;
      const [pattern, ...settings] = line.split(/\s+/);
      if (pattern === undefined || pattern.endsWith('/')) continue;
      const attributes = readAttributes(settings);
      if (Object.keys(attributes).length === 0) continue;
      lines.push({ base, matches: patternMatcher(pattern), attributes, depth });
    }
  }
  // Stable sort: shallower files first, each file's lines in order.
  return lines.sort((a, b) => a.depth - b.depth);
}

/** The attributes that apply to `path` (relative to the snapshot root). */
export function attributesFor(lines: readonly AttributeLine[], path: string): PathAttributes {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const result: PathAttributes = {};
  for (const line of lines) {
    if (!path.startsWith(line.base)) continue;
    if (!line.matches(path.slice(line.base.length), name)) continue;
    Object.assign(result, line.attributes);
  }
  return result;
}

function patternMatcher(pattern: string): AttributeLine['matches'] {
  const options = { dot: true };
  if (!pattern.includes('/')) {
    const isMatch = picomatch(pattern, options);
    return (_relative, name) => isMatch(name);
  }
  const isMatch = picomatch(pattern.replace(/^\//, ''), options);
  return (relative) => isMatch(relative);
}

/** `linguist-vendored`, `-linguist-vendored`, `linguist-vendored=false`, `linguist-language=Go`, `-diff`, `binary`. */
function readAttributes(settings: readonly string[]): PathAttributes {
  const attributes: PathAttributes = {};
  for (const setting of settings) {
    const unset = setting.startsWith('-') || setting.startsWith('!');
    const [key = '', value] = (unset ? setting.slice(1) : setting).split('=', 2);
    const on = !unset && value !== 'false';
    if (key === 'linguist-vendored') attributes.vendored = on;
    else if (key === 'linguist-generated') attributes.generated = on;
    else if (key === 'linguist-language' && value) attributes.language = value;
    else if (key === 'diff') attributes.noDiff = unset;
    else if (key === 'binary' && !unset) attributes.noDiff = true;
  }
  return attributes;
}
