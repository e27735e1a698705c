/**
 * The languages whose lines are counted, in one table: our Linguist name, cloc 1.96's name for it (the
 * key of `cloc --json`), and cloc's filter pipeline for that language (`%Filters_by_Language`), whether
 * a blank line after a backslash-ended line stays (`%EOL_Continuation_re`), and whether a first `#!`
 * line counts as code (`%Script_Language`). Filters that cloc runs only with options we do not give
 * (`rm_comments_in_strings` needs --strip-str-comments, `remove_inline` needs --inline) are left out.
 */
import type { LanguageName } from '#shared/analysis/model';
import {
  docstringToC,
  type LineFilter,
  removeBelow,
  removeBelowAbove,
  removeBetween,
  removeBetweenPatterns,
  removeCComments,
  removeHtmlCommentPattern,
  removeHtmlComments,
  removeMatches,
  replaceQuotedCommentMarker,
  replaceTrailingBackslash,
  startsAfterSpace,
} from './cloc-filters.ts';

/** How cloc counts one of its languages. */
export interface ClocProfile {
  filters: readonly LineFilter[];
  /** cloc keeps a blank line that follows a line ending in `\` (it is counted as code or comment, not blank). */
  continuation: boolean;
  /** cloc puts a `#!` first line back as code after the comment filters removed it. */
  script: boolean;
}

const cPlusPlus = removeCComments('C++');
const cOnly = removeCComments('C');
const hashComments = removeMatches((line) => startsAfterSpace(line, '#'));
const cStyle: ClocProfile = { filters: [cPlusPlus], continuation: true, script: false };
const cStyleNoContinuation: ClocProfile = { filters: [cPlusPlus], continuation: false, script: false };
const shell: ClocProfile = { filters: [hashComments], continuation: true, script: true };
const markup: ClocProfile = {
  filters: [removeHtmlComments, removeHtmlCommentPattern],
  continuation: false,
  script: false,
};

/** cloc's filters per cloc language name. */
const CLOC_PROFILES: Readonly<Record<string, ClocProfile>> = {
  C: cStyle,
  'C++': cStyle,
  'C/C++ Header': cStyle,
  'C#': cStyle,
  Go: cStyle,
  JavaScript: cStyle,
  JSX: cStyle,
  Swift: cStyle,
  'Objective-C': cStyle,
  'Objective-C++': cStyle,
  Dart: cStyle,
  TypeScript: cStyleNoContinuation,
  Rust: cStyleNoContinuation,
  Kotlin: cStyleNoContinuation,
  Scala: cStyleNoContinuation,
  SCSS: cStyleNoContinuation,
  CSS: { filters: [cOnly], continuation: false, script: false },
  Java: {
    filters: [replaceTrailingBackslash, replaceQuotedCommentMarker('/*'), replaceQuotedCommentMarker('*/'), cPlusPlus],
    continuation: false,
    script: false,
  },
  PHP: { filters: [hashComments, cPlusPlus], continuation: false, script: true },
  Python: {
    filters: [
      removeMatches((line) => line.includes('/*')),
      removeMatches((line) => line.includes('*/')),
      hashComments,
      docstringToC,
      cOnly,
    ],
    continuation: true,
    script: true,
  },
  Perl: {
    filters: [
      removeBelow((line) => line.startsWith('__END__') || line.startsWith('__DATA__')),
      hashComments,
      removeBelowAbove(
        (line) => line.startsWith('=head1'),
        (line) => line.startsWith('=cut'),
      ),
    ],
    continuation: false,
    script: true,
  },
  Ruby: {
    filters: [
      hashComments,
      removeBelowAbove(
        (line) => line.startsWith('=begin'),
        (line) => line.startsWith('=end'),
      ),
    ],
    continuation: true,
    script: true,
  },
  'Bourne Shell': shell,
  'Bourne Again Shell': shell,
  zsh: { ...shell, continuation: false },
  YAML: { filters: [hashComments], continuation: false, script: false },
  TOML: { filters: [hashComments], continuation: false, script: false },
  Dockerfile: { filters: [hashComments], continuation: false, script: false },
  make: { filters: [hashComments], continuation: true, script: true },
  SQL: {
    filters: [cOnly, removeMatches((line) => startsAfterSpace(line, '--'))],
    continuation: false,
    script: false,
  },
  HTML: markup,
  XML: markup,
  JSON: { filters: [], continuation: false, script: false },
  Markdown: {
    filters: [
      removeBetween('<!--', '-->'),
      removeBetweenPatterns(
        String.raw`\[(comment|\/\/)?\][ \t\n\v\f\r]*:?[ \t\n\v\f\r]*(<[ \t\n\v\f\r]*>|#)?[ \t\n\v\f\r]*\([^\n]*?`,
        String.raw`[^\n]*?\)`,
      ),
    ],
    continuation: false,
    script: false,
  },
};

/** Our Linguist language → cloc's name, for the languages whose cloc name does not depend on the file. */
const CLOC_NAME_BY_LANGUAGE: Readonly<Record<LanguageName, string>> = {
  C: 'C',
  'C++': 'C++',
  'C#': 'C#',
  Go: 'Go',
  Java: 'Java',
  JavaScript: 'JavaScript',
  TypeScript: 'TypeScript',
  TSX: 'TypeScript',
  Swift: 'Swift',
  'Objective-C': 'Objective-C',
  'Objective-C++': 'Objective-C++',
  Dart: 'Dart',
  Rust: 'Rust',
  Kotlin: 'Kotlin',
  Scala: 'Scala',
  SCSS: 'SCSS',
  CSS: 'CSS',
  PHP: 'PHP',
  Python: 'Python',
  Perl: 'Perl',
  Ruby: 'Ruby',
  Shell: 'Bourne Shell',
  Zsh: 'zsh',
  YAML: 'YAML',
  TOML: 'TOML',
  Dockerfile: 'Dockerfile',
  Makefile: 'make',
  SQL: 'SQL',
  HTML: 'HTML',
  XML: 'XML',
  JSON: 'JSON',
  Markdown: 'Markdown',
};

/** File extensions cloc files under "C/C++ Header" whatever the content (Linguist says C, C++ or Objective-C). */
const HEADER_EXTENSIONS = new Set(['.h', '.H', '.hh', '.hpp', '.hxx']);

/** XML project files cloc calls "MSBuild script" (counted like XML). */
const MSBUILD_EXTENSIONS = new Set(['.csproj', '.vcproj', '.wixproj', '.btproj', '.msbuild', '.wdproj']);

/** cloc's name for one of our languages (the `cloc --json` key), or undefined when we do not count it like cloc. */
export function clocLanguageName(language: LanguageName): string | undefined {
  return Object.hasOwn(CLOC_NAME_BY_LANGUAGE, language) ? CLOC_NAME_BY_LANGUAGE[language] : undefined;
}

/**
 * cloc's name for a file, where cloc splits what Linguist keeps together: headers are "C/C++ Header",
 * `.jsx` is "JSX", `.csproj` is "MSBuild script", a `.bash` file or a `bash` shebang is "Bourne Again Shell".
 */
export function clocLanguageForFile(language: LanguageName, path: string, head = ''): string | undefined {
  const name = clocLanguageName(language);
  if (name === undefined) return undefined;
  const extension = extensionOf(path);
  if ((name === 'C' || name === 'C++' || name === 'Objective-C') && HEADER_EXTENSIONS.has(extension)) {
    return 'C/C++ Header';
  }
  if (name === 'JavaScript' && extension === '.jsx') return 'JSX';
  if (name === 'XML' && MSBUILD_EXTENSIONS.has(extension)) return 'MSBuild script';
  if (
    name === 'Bourne Shell' &&
    (extension === '.bash' || (extension === '' && /^#!\S*\bbash\b|^#!.*\benv\s+bash\b/.test(head)))
  ) {
    return 'Bourne Again Shell';
  }
  return name;
}

/** The filters for one of our languages (by its default cloc name; headers and JSX count like C and JavaScript). */
export function clocProfile(language: LanguageName): ClocProfile | undefined {
  const name = clocLanguageName(language);
  return name === undefined ? undefined : CLOC_PROFILES[name];
}

function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot) : '';
}
