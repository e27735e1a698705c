import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { type CognitiveRules, type FunctionScope, type LanguageRules, operatorOf } from '../rules.ts';

// C and C++. Cyclomatic complexity for C is pmccabe's traditional McCabe number (its second
// column): 1 per function, plus 1 for each if, for, while, do-while, `case` (not `default`),
// `?:`, `&&` and `||`. (pmccabe's first column counts a whole switch once instead of each case.)
// Of a conditional compilation, only the first branch is read (as pmccabe does): code under
// `#else`/`#elif` is neither a function nor a decision. `#if` conditions are not decisions.
// C++ adds range-for and catch; lambdas are functions of their own.

const LOGICAL = new Set(['&&', '||', 'and', 'or']);

const C_BRANCHES = new Set([
  'if_statement',
  'for_statement',
  'while_statement',
  'do_statement',
  'conditional_expression',
]);
const CPP_BRANCHES = new Set([...C_BRANCHES, 'for_range_loop', 'catch_clause']);

/** The name in a (possibly pointer- or reference-wrapped) function declarator. */
function declaredName(declarator: SyntaxNode | null): string | undefined {
  for (let node = declarator; node !== null; node = node.childForFieldName('declarator')) {
    if (node.type === 'function_declarator') return node.childForFieldName('declarator')?.text;
  }
  return undefined;
}

/** The parameter list of a function definition's declarator. */
function parameterList(declarator: SyntaxNode | null): SyntaxNode | null {
  for (let node = declarator; node !== null; node = node.childForFieldName('declarator')) {
    if (node.type === 'function_declarator' || node.type === 'abstract_function_declarator') {
      return node.childForFieldName('parameters');
    }
  }
  return null;
}

/** Declared parameters; `(void)` declares none and `...` is not counted. */
function parameterCount(list: SyntaxNode | null): number {
  if (list === null) return 0;
  const parameters = list.namedChildren.filter((child) => child.type.endsWith('parameter_declaration'));
  const only = parameters[0];
  if (parameters.length === 1 && only !== undefined && only.text.trim() === 'void') return 0;
  return parameters.length;
}

/** `#if A && B` is not a decision of the function (pmccabe reads no directives). */
function inPreprocessorCondition(node: SyntaxNode): boolean {
  let parent = node.parent;
  while (parent !== null && PREPROCESSOR_EXPRESSIONS.has(parent.type)) parent = parent.parent;
  return parent !== null && (parent.type === 'preproc_if' || parent.type === 'preproc_elif');
}

const PREPROCESSOR_EXPRESSIONS = new Set(['binary_expression', 'unary_expression', 'parenthesized_expression']);

const COGNITIVE: CognitiveRules = {
  ifs: new Set(['if_statement']),
  elseIfs: new Set(),
  elses: new Set(['else_clause']),
  nesting: new Set([
    'for_statement',
    'for_range_loop',
    'while_statement',
    'do_statement',
    'catch_clause',
    'switch_statement',
    'conditional_expression',
  ]),
  logicalOperator(node) {
    if (node.type !== 'binary_expression' || inPreprocessorCondition(node)) return undefined;
    const operator = operatorOf(node);
    return operator !== undefined && LOGICAL.has(operator) ? operator : undefined;
  },
  isLabelJump: (node) => node.type === 'goto_statement',
};

function rulesFor(branches: ReadonlySet<string>, containers: ReadonlySet<string>, separator: string): LanguageRules {
  return {
    separator,
    scope(node): FunctionScope | undefined {
      if (node.type === 'function_definition') {
        const declarator = node.childForFieldName('declarator');
        return { body: node, name: declaredName(declarator), parameters: parameterCount(parameterList(declarator)) };
      }
      if (node.type === 'lambda_expression') {
        return {
          body: node,
          name: undefined,
          parameters: parameterCount(parameterList(node.childForFieldName('declarator'))),
        };
      }
      return undefined;
    },
    containerName(node) {
      return containers.has(node.type) ? node.childForFieldName('name')?.text : undefined;
    },
    decisions(node) {
      if (branches.has(node.type)) return 1;
      if (node.type === 'case_statement') return node.childForFieldName('value') === null ? 0 : 1;
      if (node.type === 'binary_expression') {
        return LOGICAL.has(operatorOf(node) ?? '') && !inPreprocessorCondition(node) ? 1 : 0;
      }
      return 0;
    },
    cognitive: COGNITIVE,
    // pmccabe reads the first branch of an `#if` and skips `#else`/`#elif` ones, so braces match.
    isIgnored: (node) => node.type === 'preproc_else' || node.type === 'preproc_elif',
  };
}

/** C: functions are definitions; no containers. */
export const C_RULES: LanguageRules = rulesFor(C_BRANCHES, new Set(), '::');

/** C++: classes, structs and namespaces qualify their functions (`ns::Class::method`). */
export const CPP_RULES: LanguageRules = rulesFor(
  CPP_BRANCHES,
  new Set(['class_specifier', 'struct_specifier', 'union_specifier', 'namespace_definition']),
  '::',
);
