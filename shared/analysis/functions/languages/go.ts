import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { type LanguageTable, rulesFromTable } from '../rules.ts';

// Go. Cyclomatic: 1 + if, for, each `case` of a switch, type switch or select (not `default`),
// `&&`, `||`. A method is named after its receiver type (`Type.Method`).

/** Parameters declared: `a, b int` declares two. */
function parameterCount(list: SyntaxNode | null): number {
  if (list === null) return 0;
  let count = 0;
  for (const declaration of list.namedChildren) {
    if (declaration.type === 'parameter_declaration')
      count += Math.max(1, declaration.childrenForFieldName('name').length);
    else if (declaration.type === 'variadic_parameter_declaration') count += 1;
  }
  return count;
}

const parameters = (node: SyntaxNode) => parameterCount(node.childForFieldName('parameters'));

/** `(r *Server) Serve` → `Server.Serve`. */
function methodName(node: SyntaxNode): string | undefined {
  const name = node.childForFieldName('name')?.text;
  const receiver = node
    .childForFieldName('receiver')
    ?.namedChildren.find((child) => child.type === 'parameter_declaration');
  const type = receiver?.childForFieldName('type');
  const typeName = type?.type === 'pointer_type' ? type.namedChildren[0]?.text : type?.text;
  return typeName === undefined ? name : `${typeName.replace(/\[.*$/s, '')}.${name}`;
}

export const GO_RULES = rulesFromTable({
  functions: {
    function_declaration: { parameters },
    method_declaration: { name: methodName, parameters },
    func_literal: { name: () => undefined, parameters },
  },
  containers: {},
  branches: ['if_statement', 'for_statement', 'expression_case', 'type_case', 'communication_case'],
  logical: { types: ['binary_expression'], operators: ['&&', '||'] },
  cognitive: {
    ifs: ['if_statement'],
    nesting: ['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'],
    isLabelJump: (node) =>
      node.type === 'goto_statement' ||
      ((node.type === 'break_statement' || node.type === 'continue_statement') && node.namedChildCount > 0),
  },
} satisfies LanguageTable);
