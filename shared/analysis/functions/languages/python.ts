import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// Python. Cyclomatic: 1 + if, elif, for, while, except, conditional expression, each `and`/`or`,
// each `for` and `if` of a comprehension, each `case` of a match except the wildcard `case _`.

/** `*` and `/` in a parameter list separate kinds of parameters; they are not parameters. */
const SEPARATORS = new Set(['keyword_separator', 'positional_separator']);

export const PYTHON_RULES = rulesFromTable({
  functions: {
    function_definition: { parameters: (node) => countNamed(node.childForFieldName('parameters'), SEPARATORS) },
    lambda: {
      name: () => undefined,
      parameters: (node) => countNamed(node.childForFieldName('parameters'), SEPARATORS),
    },
  },
  containers: { class_definition: true },
  branches: [
    'if_statement',
    'elif_clause',
    'for_statement',
    'while_statement',
    'except_clause',
    'conditional_expression',
    'for_in_clause',
    'if_clause',
  ],
  moreDecisions: (node) => (node.type === 'case_clause' && node.namedChildren[0]?.text !== '_' ? 1 : 0),
  logical: { types: ['boolean_operator'], operators: ['and', 'or'] },
  cognitive: {
    ifs: ['if_statement'],
    elseIfs: ['elif_clause'],
    elses: ['else_clause'],
    nesting: ['for_statement', 'while_statement', 'except_clause', 'conditional_expression', 'match_statement'],
  },
} satisfies LanguageTable);
