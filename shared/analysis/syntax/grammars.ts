import { createRequire } from 'node:module';
import type { LanguageName } from '#shared/analysis/model';

/**
 * Grammar file (in `tree-sitter-wasms/out/`) of each Linguist language the syntax layer parses.
 * TSX has its own grammar: the TypeScript one reads `<T>x` as a cast, not as JSX.
 */
const GRAMMAR_FILES = {
  JavaScript: 'tree-sitter-javascript.wasm',
  TypeScript: 'tree-sitter-typescript.wasm',
  TSX: 'tree-sitter-tsx.wasm',
  Python: 'tree-sitter-python.wasm',
  Java: 'tree-sitter-java.wasm',
  Go: 'tree-sitter-go.wasm',
  C: 'tree-sitter-c.wasm',
  'C++': 'tree-sitter-cpp.wasm',
  'C#': 'tree-sitter-c_sharp.wasm',
  Ruby: 'tree-sitter-ruby.wasm',
  PHP: 'tree-sitter-php.wasm',
  Rust: 'tree-sitter-rust.wasm',
  Kotlin: 'tree-sitter-kotlin.wasm',
  Swift: 'tree-sitter-swift.wasm',
} as const satisfies Record<LanguageName, string>;

/** A language with a tree-sitter grammar here. */
export type SyntaxLanguage = keyof typeof GRAMMAR_FILES;

/** The runtime of web-tree-sitter itself, loaded once before any grammar. */
const RUNTIME_FILE = 'web-tree-sitter/tree-sitter.wasm';

/**
 * Package files (relative to node_modules) a Lambda bundle that parses must carry at their
 * `node_modules/` path: pass them as the route's `packageFiles` (`bundlingWith`). The
 * runtime plus one grammar per language; a function may list only the grammars it needs.
 */
export const SYNTAX_PACKAGE_FILES: readonly string[] = [
  RUNTIME_FILE,
  ...Object.values(GRAMMAR_FILES).map((file) => `tree-sitter-wasms/out/${file}`),
];

/** True when `language` has a grammar here. */
export function hasGrammar(language: LanguageName): language is SyntaxLanguage {
  return Object.hasOwn(GRAMMAR_FILES, language);
}

/**
 * Resolves a package file the way Node resolves modules from here: from source (tests, tsx)
 * that is the project's node_modules; in an esbuild bundle the banner's `require` is made for
 * the bundle's own URL, so it finds the copies `bundlingWith` put in `node_modules/` beside it.
 */
function resolvePackageFile(file: string): string {
  const resolve = typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
  return resolve(file);
}

/** Absolute path of web-tree-sitter's runtime (`tree-sitter.wasm`). */
export function runtimePath(): string {
  return resolvePackageFile(RUNTIME_FILE);
}

/** Absolute path of the grammar (.wasm) of `language`. */
export function grammarPath(language: SyntaxLanguage): string {
  return resolvePackageFile(`tree-sitter-wasms/out/${GRAMMAR_FILES[language]}`);
}
