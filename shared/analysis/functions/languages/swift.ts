import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { type LanguageTable, rulesFromTable } from '../rules.ts';

// Swift (tree-sitter-swift in tree-sitter-wasms 0.1.13). Cyclomatic: 1 + if, guard, for, while,
// repeat-while, catch, each `case` of a switch (not `default`), `?:`, `&&`, `||` and `??`.

const parameters = (node: SyntaxNode) => node.namedChildren.filter((child) => child.type === 'parameter').length;

/** `{ (a: Int, b: Int) -> Int in … }` and `{ a, b in … }` declare two; `{ $0 + 1 }` none. */
function closureParameters(node: SyntaxNode): number {
  const type = node.namedChildren.find((child) => child.type === 'lambda_function_type');
  const list = type?.namedChildren.find((child) => child.type === 'lambda_function_type_parameters');
  return list?.namedChildren.filter((child) => child.type === 'lambda_parameter').length ?? 0;
}

/** A computed property's accessor is named after the property: `size.get`. */
function accessorName(node: SyntaxNode, accessor: 'get' | 'set'): string {
  const property = node.parent?.parent;
  const name =
    property?.type === 'property_declaration'
      ? property.childForFieldName('name')?.namedChildren.find((child) => child.type === 'simple_identifier')?.text
      : undefined;
  return name === undefined ? accessor : `${name}.${accessor}`;
}

const LOGICAL_OPERATORS: Readonly<Record<string, string>> = {
  conjunction_expression: '&&',
  disjunction_expression: '||',
  nil_coalescing_expression: '??',
};

export const SWIFT_RULES = rulesFromTable({
  functions: {
    function_declaration: { parameters, needsBody: true },
    init_declaration: { name: () => 'init', parameters, needsBody: true },
    deinit_declaration: { name: () => 'deinit', parameters: () => 0 },
    subscript_declaration: { name: () => 'subscript', parameters },
    computed_getter: { name: (node) => accessorName(node, 'get'), parameters: () => 0 },
    computed_setter: { name: (node) => accessorName(node, 'set'), parameters: () => 1 },
    lambda_literal: { name: () => undefined, parameters: closureParameters },
  },
  containers: {
    // class, struct, enum, extension and actor declarations are all `class_declaration`.
    class_declaration: (node) => node.childForFieldName('name')?.text,
    protocol_declaration: (node) => node.childForFieldName('name')?.text,
  },
  branches: [
    'if_statement',
    'guard_statement',
    'for_statement',
    'while_statement',
    'repeat_while_statement',
    'catch_block',
    'ternary_expression',
  ],
  // Each `case` entry (`case 2, 3:` is one); `default:` adds none.
  moreDecisions: (node) =>
    node.type === 'switch_entry' && node.namedChildren.some((child) => child.type === 'switch_pattern') ? 1 : 0,
  logical: {
    types: Object.keys(LOGICAL_OPERATORS),
    operators: Object.values(LOGICAL_OPERATORS),
    operatorOf: (node) => LOGICAL_OPERATORS[node.type],
  },
  cognitive: {
    ifs: ['if_statement'],
    elseBodies: ['statements'],
    nesting: [
      'guard_statement',
      'for_statement',
      'while_statement',
      'repeat_while_statement',
      'switch_statement',
      'catch_block',
      'ternary_expression',
    ],
    // `break outer`, `continue outer`.
    isLabelJump: (node) =>
      node.type === 'control_transfer_statement' &&
      ['break', 'continue'].includes(node.child(0)?.type ?? '') &&
      node.namedChildCount > 0,
  },
} satisfies LanguageTable);
