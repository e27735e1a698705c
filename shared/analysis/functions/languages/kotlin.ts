import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { type LanguageTable, rulesFromTable } from '../rules.ts';

// Kotlin (tree-sitter-kotlin in tree-sitter-wasms 0.1.13, a grammar without field names).
// Cyclomatic: 1 + if, for, while, do-while, catch, each `when` entry except `else`, `&&`, `||`
// and the elvis `?:` (a null check that short-circuits, as `??` counts elsewhere).

/** The first named child of one of `types`: this grammar has no fields to ask by name. */
function childOfType(node: SyntaxNode | null | undefined, ...types: string[]): SyntaxNode | undefined {
  return node?.namedChildren.find((child) => types.includes(child.type));
}

const valueParameters = (node: SyntaxNode) =>
  childOfType(node, 'function_value_parameters')?.namedChildren.filter((child) => child.type === 'parameter').length ??
  0;

/** `{ a, b -> … }` declares two; `{ … }` (with `it`) none. */
const lambdaParameters = (node: SyntaxNode) =>
  childOfType(node, 'lambda_parameters')?.namedChildren.filter((child) => child.type !== 'comment').length ?? 0;

/** A property's accessor is named after the property: `size.get`. */
function accessorName(node: SyntaxNode, accessor: 'get' | 'set'): string {
  const property = node.parent?.type === 'property_declaration' ? node.parent : undefined;
  const name = childOfType(childOfType(property, 'variable_declaration'), 'simple_identifier')?.text;
  return name === undefined ? accessor : `${name}.${accessor}`;
}

const LOGICAL_OPERATORS: Readonly<Record<string, string>> = {
  conjunction_expression: '&&',
  disjunction_expression: '||',
  elvis_expression: '?:',
};

export const KOTLIN_RULES = rulesFromTable({
  functions: {
    function_declaration: {
      name: (node) => childOfType(node, 'simple_identifier')?.text,
      parameters: valueParameters,
      // Abstract and interface members have no body.
      needsBody: true,
      body: (node) => childOfType(node, 'function_body') ?? null,
    },
    secondary_constructor: { name: () => 'constructor', parameters: valueParameters },
    anonymous_initializer: { name: () => 'init', parameters: () => 0 },
    getter: { name: (node) => accessorName(node, 'get'), parameters: () => 0, needsBody: true, body: functionBody },
    setter: { name: (node) => accessorName(node, 'set'), parameters: () => 1, needsBody: true, body: functionBody },
    anonymous_function: { name: () => undefined, parameters: valueParameters },
    lambda_literal: { name: () => undefined, parameters: lambdaParameters },
  },
  containers: {
    // Classes, interfaces, enum classes.
    class_declaration: (node) => childOfType(node, 'type_identifier')?.text,
    object_declaration: (node) => childOfType(node, 'type_identifier')?.text,
    companion_object: (node) => childOfType(node, 'type_identifier')?.text ?? 'Companion',
  },
  branches: ['if_expression', 'for_statement', 'while_statement', 'do_while_statement', 'catch_block'],
  // Each `when` entry with conditions (`1, 2 ->` is one entry, one decision); the `else ->` entry adds none.
  moreDecisions: (node) => (node.type === 'when_entry' && childOfType(node, 'when_condition') !== undefined ? 1 : 0),
  logical: {
    types: Object.keys(LOGICAL_OPERATORS),
    operators: Object.values(LOGICAL_OPERATORS),
    operatorOf: (node) => LOGICAL_OPERATORS[node.type],
  },
  cognitive: {
    ifs: ['if_expression'],
    elseBodies: ['control_structure_body'],
    nesting: ['for_statement', 'while_statement', 'do_while_statement', 'when_expression', 'catch_block'],
    // `break@outer`, `continue@outer` (not `return@label`, which leaves a lambda like a plain return).
    isLabelJump: (node) =>
      node.type === 'jump_expression' && /^(break|continue)@/.test(node.child(0)?.type ?? '') && node.childCount > 1,
  },
} satisfies LanguageTable);

function functionBody(node: SyntaxNode): SyntaxNode | null {
  return childOfType(node, 'function_body') ?? null;
}
