/**
 * A file's language from GitHub Linguist's data, decided in Linguist's order: exact file name, then the
 * `#!` interpreter, then the extension (longest compound extension first, case-insensitive). When an
 * extension belongs to several languages, a cheap content rule in the spirit of Linguist's
 * heuristics.yml picks one (DISAMBIGUATIONS); without a rule that fires, the extension's default here
 * wins (Linguist would fall back to its Bayesian classifier, which we do not run). The rules are listed
 * in docs/analysis.md "Inventory".
 */
import type { LanguageName } from '#shared/analysis/model';
import {
  LANGUAGE_TYPES,
  LANGUAGES_BY_EXTENSION,
  LANGUAGES_BY_FILENAME,
  LANGUAGES_BY_INTERPRETER,
} from './linguist-table.generated.ts';

/** A content rule: the language when the pattern matches the file's head. */
interface ContentRule {
  language: LanguageName;
  pattern: RegExp;
}

/** For an ambiguous extension: rules tried in order, then the default. */
interface Disambiguation {
  rules: readonly ContentRule[];
  fallback: LanguageName | undefined;
}

const OBJECTIVE_C =
  /^\s*(?:@(?:interface|class|protocol|property|end|synchronised|selector|implementation)\b|#import\s+.+\.h[">])/m;
const CPLUSPLUS =
  /^\s*(?:#\s*include\s*<(?:atomic|chrono|cstdint|cstdlib|cstring|filesystem|functional|iostream|map|memory|mutex|optional|set|string|string_view|thread|tuple|type_traits|unordered_map|utility|vector)>|template\s*<|(?:class|namespace)\s+\w+\s*(?:[:{]|$)|(?:public|private|protected)\s*:)|\bstd::|\bconstexpr\b|\bnullptr\b/m;
const RAKU = /^\s*(?:use\s+v6\b|(?:my\s+)?(?:class|module|grammar|role|unit)\s+[\w:]+\s*(?:is\s+\w+\s*)?[;{])/m;
const XML_HEAD = /^\s*<\?xml|^\s*<TS\b/;

/** Extensions shared by several Linguist languages, with how we choose; cloc's choice noted where it differs. */
const DISAMBIGUATIONS: Readonly<Record<string, Disambiguation>> = {
  '.h': {
    rules: [
      { language: 'Objective-C', pattern: OBJECTIVE_C },
      { language: 'C++', pattern: CPLUSPLUS },
    ],
    fallback: 'C',
  },
  '.m': {
    rules: [
      { language: 'Objective-C', pattern: OBJECTIVE_C },
      { language: 'Mercury', pattern: /^\s*:-\s*module\b/m },
      { language: 'MATLAB', pattern: /^\s*(?:%|function\b)/m },
    ],
    fallback: 'Objective-C',
  },
  '.pl': {
    rules: [
      { language: 'Prolog', pattern: /^[^#]*:-/m },
      { language: 'Raku', pattern: RAKU },
    ],
    fallback: 'Perl',
  },
  '.pm': {
    rules: [
      { language: 'X PixMap', pattern: /^\s*\/\*\s*XPM\s*\*\// },
      { language: 'Raku', pattern: RAKU },
    ],
    fallback: 'Perl',
  },
  '.t': { rules: [{ language: 'Raku', pattern: RAKU }], fallback: 'Perl' },
  '.ts': { rules: [{ language: 'XML', pattern: XML_HEAD }], fallback: 'TypeScript' },
  '.rs': {
    rules: [
      { language: 'XML', pattern: XML_HEAD },
      { language: 'RenderScript', pattern: /^\s*#pragma\s+(?:version|rs\s+java_package_name)/m },
    ],
    fallback: 'Rust',
  },
  '.md': {
    rules: [{ language: 'GCC Machine Description', pattern: /^(?:;;|\(define_)/m }],
    fallback: 'Markdown',
  },
  '.php': { rules: [{ language: 'Hack', pattern: /<\?hh/ }], fallback: 'PHP' },
  '.inc': { rules: [{ language: 'PHP', pattern: /^<\?(?:php)?/m }], fallback: undefined },
  '.cs': { rules: [{ language: 'Smalltalk', pattern: /![\w\s]+methodsFor: / }], fallback: 'C#' },
  '.sql': { rules: [], fallback: 'SQL' },
  '.json': { rules: [], fallback: 'JSON' },
  '.yml': { rules: [], fallback: 'YAML' },
  '.yaml': { rules: [], fallback: 'YAML' },
  '.html': { rules: [], fallback: 'HTML' },
  '.txt': { rules: [], fallback: 'Text' },
  '.cgi': { rules: [], fallback: 'Perl' },
  '.fcgi': { rules: [], fallback: 'Perl' },
};

/** The language of a file from its path and the start of its text, or undefined when Linguist does not know it. */
export function detectLanguage(path: string, head: string): LanguageName | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = LANGUAGES_BY_FILENAME[name];
  if (byName?.length === 1) return byName[0];
  const byInterpreter = interpreterLanguages(head);
  if (byInterpreter?.length === 1) return byInterpreter[0];
  for (const extension of compoundExtensions(name)) {
    const candidates = LANGUAGES_BY_EXTENSION[extension];
    if (candidates === undefined) continue;
    if (candidates.length === 1) return candidates[0];
    return disambiguate(extension, candidates, head);
  }
  return byName?.[0] ?? byInterpreter?.[0];
}

/** Linguist's type of a language (programming, markup, data, prose). */
export function languageType(language: LanguageName): string | undefined {
  return LANGUAGE_TYPES[language];
}

function disambiguate(extension: string, candidates: readonly string[], head: string): LanguageName | undefined {
  const known = DISAMBIGUATIONS[extension];
  if (known === undefined)
    return candidates.find((language) => LANGUAGE_TYPES[language] === 'programming') ?? candidates[0];
  return known.rules.find((rule) => rule.pattern.test(head))?.language ?? known.fallback;
}

/** `a.tar.gz` → `.tar.gz`, `.gz`; a leading dot (`.bashrc`) is part of the name, not an extension. */
function compoundExtensions(name: string): string[] {
  const lower = name.toLowerCase();
  const extensions: string[] = [];
  for (let dot = lower.indexOf('.', 1); dot > 0; dot = lower.indexOf('.', dot + 1)) extensions.push(lower.slice(dot));
  return extensions;
}

/** The languages of a `#!` line's interpreter (`/usr/bin/env -S python3.11 -u` → python3 → Python). */
function interpreterLanguages(head: string): readonly string[] | undefined {
  if (!head.startsWith('#!')) return undefined;
  const firstLine = head.slice(2, head.indexOf('\n') >>> 0).trim();
  const words = firstLine.split(/\s+/);
  let command = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (command === 'env') command = words.slice(1).find((word) => !word.startsWith('-') && !word.includes('=')) ?? '';
  for (const candidate of [command, command.replace(/(?:\.\d+)+$/, ''), command.replace(/[\d.]+$/, '')]) {
    const languages = LANGUAGES_BY_INTERPRETER[candidate];
    if (languages !== undefined) return languages;
  }
  return undefined;
}
