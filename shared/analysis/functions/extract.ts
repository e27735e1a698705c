import type { FunctionMetrics, LanguageName } from '#shared/analysis/model';
import { type SyntaxLanguage, withSyntaxTree } from '#shared/analysis/syntax/parsers';
import { C_RULES, CPP_RULES } from './languages/c-family.ts';
import { CSHARP_RULES } from './languages/csharp.ts';
import { GO_RULES } from './languages/go.ts';
import { JAVA_RULES } from './languages/java.ts';
import { JAVASCRIPT_RULES } from './languages/javascript.ts';
import { KOTLIN_RULES } from './languages/kotlin.ts';
import { PHP_RULES } from './languages/php.ts';
import { PYTHON_RULES } from './languages/python.ts';
import { RUBY_RULES } from './languages/ruby.ts';
import { RUST_RULES } from './languages/rust.ts';
import { SWIFT_RULES } from './languages/swift.ts';
import { measureFunctions } from './metrics.ts';
import type { LanguageRules } from './rules.ts';

export { loadSyntax } from '#shared/analysis/syntax/parsers';

/** The node tables of each language whose functions are measured. */
const RULES: Partial<Record<SyntaxLanguage, LanguageRules>> = {
  JavaScript: JAVASCRIPT_RULES,
  TypeScript: JAVASCRIPT_RULES,
  TSX: JAVASCRIPT_RULES,
  C: C_RULES,
  'C++': CPP_RULES,
  'C#': CSHARP_RULES,
  Go: GO_RULES,
  Java: JAVA_RULES,
  Kotlin: KOTLIN_RULES,
  PHP: PHP_RULES,
  Python: PYTHON_RULES,
  Ruby: RUBY_RULES,
  Rust: RUST_RULES,
  Swift: SWIFT_RULES,
};

/** True when functions and their complexity are measured for `language` (a Linguist name). */
export function supportsFunctions(language: LanguageName): boolean {
  return Object.hasOwn(RULES, language);
}

/**
 * The functions of one source file with their metrics (rules per language in ./languages/,
 * written up in docs/analysis.md). An unsupported language yields none. Syntax errors do not
 * throw: tree-sitter recovers and the functions it still recognizes are measured.
 */
export async function extractFunctions(language: LanguageName, text: string): Promise<FunctionMetrics[]> {
  const rules = (RULES as Partial<Record<LanguageName, LanguageRules>>)[language];
  if (rules === undefined) return [];
  return withSyntaxTree(language as SyntaxLanguage, text, (tree) => measureFunctions(tree.rootNode, rules));
}
