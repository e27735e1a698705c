import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// PHP. Cyclomatic: 1 + if, elseif, for, foreach, while, do, catch, `?:`, each `case` (not
// `default`), each `match` arm (not `default`), `&&`, `||`, `and`, `or`, `??`.

const parameters = (node: SyntaxNode) => countNamed(node.childForFieldName('parameters'));
const anonymous = { name: () => undefined, parameters };

export const PHP_RULES = rulesFromTable({
  functions: {
    function_definition: { parameters },
    method_declaration: { parameters, needsBody: true },
    anonymous_function_creation_expression: anonymous,
    anonymous_function: anonymous,
    arrow_function: anonymous,
  },
  containers: {
    namespace_definition: true,
    class_declaration: true,
    interface_declaration: true,
    trait_declaration: true,
    enum_declaration: true,
  },
  branches: [
    'if_statement',
    'else_if_clause',
    'for_statement',
    'foreach_statement',
    'while_statement',
    'do_statement',
    'catch_clause',
    'conditional_expression',
    'case_statement',
    'match_conditional_expression',
  ],
  logical: { types: ['binary_expression'], operators: ['&&', '||', 'and', 'or', '??'] },
  cognitive: {
    ifs: ['if_statement'],
    elseIfs: ['else_if_clause'],
    elses: ['else_clause'],
    nesting: [
      'for_statement',
      'foreach_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'switch_statement',
      'match_expression',
      'conditional_expression',
    ],
    isLabelJump: (node) => node.type === 'goto_statement',
  },
  separator: '::',
} satisfies LanguageTable);
