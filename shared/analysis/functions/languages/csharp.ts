import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// C#. Cyclomatic: 1 + if, for, foreach, while, do, catch, `?:`, each `case` label (not
// `default`), each switch-expression arm except the discard `_`, `&&`, `||`, `??`.
// Property and indexer accessors with a body are functions (`Type.Property.get`).

const parameters = (node: SyntaxNode) => countNamed(node.childForFieldName('parameters'));

/** `x => …` has one parameter; `(a, b) => …` a list. */
function lambdaParameters(node: SyntaxNode): number {
  const list =
    node.childForFieldName('parameters') ?? node.namedChildren.find((child) => child.type === 'parameter_list');
  if (list !== undefined && list !== null) return list.type === 'identifier' ? 1 : countNamed(list);
  return node.namedChildren[0]?.type === 'identifier' ? 1 : 0;
}

/** `get`/`set`/`init` named after its property: `Count.get`. */
function accessorName(node: SyntaxNode): string | undefined {
  const keyword = node.children.find((child) => !child.isNamed || child.type === 'identifier')?.text;
  const owner = node.parent?.parent;
  const property =
    owner?.childForFieldName('name')?.text ?? (owner?.type === 'indexer_declaration' ? 'this[]' : undefined);
  return property === undefined ? keyword : `${property}.${keyword}`;
}

export const CSHARP_RULES = rulesFromTable({
  functions: {
    method_declaration: { parameters, needsBody: true },
    constructor_declaration: { parameters },
    destructor_declaration: { parameters: () => 0 },
    operator_declaration: {
      name: (node) => `operator ${node.childForFieldName('operator')?.text}`,
      parameters,
      needsBody: true,
    },
    local_function_statement: { parameters },
    accessor_declaration: { name: accessorName, parameters: () => 0, needsBody: true },
    lambda_expression: { name: () => undefined, parameters: lambdaParameters },
    anonymous_method_expression: { name: () => undefined, parameters: lambdaParameters },
  },
  containers: {
    namespace_declaration: true,
    file_scoped_namespace_declaration: true,
    class_declaration: true,
    struct_declaration: true,
    interface_declaration: true,
    record_declaration: true,
    record_struct_declaration: true,
  },
  branches: [
    'if_statement',
    'for_statement',
    'for_each_statement',
    'while_statement',
    'do_statement',
    'catch_clause',
    'conditional_expression',
    'case_switch_label',
    'case_pattern_switch_label',
  ],
  moreDecisions: (node) => (node.type === 'switch_expression_arm' && node.namedChildren[0]?.type !== 'discard' ? 1 : 0),
  logical: { types: ['binary_expression'], operators: ['&&', '||', '??'] },
  cognitive: {
    ifs: ['if_statement'],
    nesting: [
      'for_statement',
      'for_each_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'switch_statement',
      'switch_expression',
      'conditional_expression',
    ],
    isLabelJump: (node) => node.type === 'goto_statement',
  },
} satisfies LanguageTable);
