import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// Java. Cyclomatic: 1 + if, for, enhanced for, while, do, catch, `?:`, `&&`, `||`, and each
// `case` label (not `default`), in switch statements and switch expressions alike.

const parameters = (node: SyntaxNode) => countNamed(node.childForFieldName('parameters'));

/** A lambda's parameters: `x ->` is one, `(a, b) ->` a list. */
function lambdaParameters(node: SyntaxNode): number {
  const list = node.childForFieldName('parameters');
  return list?.type === 'identifier' ? 1 : countNamed(list);
}

const isLabelJump = (node: SyntaxNode) =>
  (node.type === 'break_statement' || node.type === 'continue_statement') &&
  node.namedChildren.some((child) => child.type === 'identifier');

export const JAVA_RULES = rulesFromTable({
  functions: {
    method_declaration: { parameters, needsBody: true },
    constructor_declaration: { parameters },
    compact_constructor_declaration: { parameters: () => 0 },
    lambda_expression: { name: () => undefined, parameters: lambdaParameters },
  },
  containers: {
    class_declaration: true,
    interface_declaration: true,
    enum_declaration: true,
    record_declaration: true,
    annotation_type_declaration: true,
  },
  branches: [
    'if_statement',
    'for_statement',
    'enhanced_for_statement',
    'while_statement',
    'do_statement',
    'catch_clause',
    'ternary_expression',
  ],
  moreDecisions: (node) => (node.type === 'switch_label' && node.namedChildCount > 0 ? 1 : 0),
  logical: { types: ['binary_expression'], operators: ['&&', '||'] },
  cognitive: {
    ifs: ['if_statement'],
    nesting: [
      'for_statement',
      'enhanced_for_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'switch_expression',
      'switch_statement',
      'ternary_expression',
    ],
    isLabelJump,
  },
} satisfies LanguageTable);
