import Parser from 'web-tree-sitter';
import type { LanguageName } from '#shared/analysis/model';
import { grammarPath, hasGrammar, runtimePath, type SyntaxLanguage } from './grammars.ts';

export type { SyntaxLanguage } from './grammars.ts';
export type SyntaxNode = Parser.SyntaxNode;
export type SyntaxTree = Parser.Tree;

let runtime: Promise<void> | undefined;
const parsers = new Map<SyntaxLanguage, Promise<Parser>>();

/**
 * Loads web-tree-sitter's WebAssembly runtime, once per process. Grammars load on first use
 * of their language (each is 0.2–4 MB of WebAssembly to compile).
 */
export function loadSyntax(): Promise<void> {
  runtime ??= Parser.init({ locateFile: () => runtimePath() });
  return runtime;
}

/** The parser of `language`, made on first use and kept for the life of the process. */
async function parserFor(language: SyntaxLanguage): Promise<Parser> {
  let parser = parsers.get(language);
  if (parser === undefined) {
    parser = (async () => {
      await loadSyntax();
      const made = new Parser();
      made.setLanguage(await Parser.Language.load(grammarPath(language)));
      return made;
    })();
    parsers.set(language, parser);
  }
  return parser;
}

/** True when `language` (a Linguist name) has a grammar here. */
export function supportsSyntax(language: LanguageName): language is SyntaxLanguage {
  return hasGrammar(language);
}

/**
 * Parses `text` and hands its tree to `use`; the tree lives in WebAssembly memory, so it is
 * freed when `use` returns (nothing of it may escape).
 */
export async function withSyntaxTree<T>(
  language: SyntaxLanguage,
  text: string,
  use: (tree: SyntaxTree) => T,
): Promise<T> {
  const parser = await parserFor(language);
  const tree = parser.parse(text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
