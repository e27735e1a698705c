import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// Rust. Cyclomatic: 1 + if (and `if let`), while (and `while let`), for, each match arm except
// a wildcard `_` arm, `&&`, `||`. `loop` has no condition and adds nothing. Functions in an
// `impl` are named after its type (`Type::method`); closures are functions of their own.

const parameters = (node: SyntaxNode) => countNamed(node.childForFieldName('parameters'), ATTRIBUTES);
const ATTRIBUTES = new Set(['attribute_item']);

export const RUST_RULES = rulesFromTable({
  functions: {
    function_item: { parameters },
    closure_expression: { name: () => undefined, parameters },
  },
  containers: {
    impl_item: (node) => node.childForFieldName('type')?.text,
    trait_item: true,
    mod_item: true,
  },
  branches: ['if_expression', 'while_expression', 'for_expression'],
  moreDecisions: (node) => (node.type === 'match_arm' && node.childForFieldName('pattern')?.text !== '_' ? 1 : 0),
  logical: { types: ['binary_expression'], operators: ['&&', '||'] },
  cognitive: {
    ifs: ['if_expression'],
    elses: ['else_clause'],
    nesting: ['while_expression', 'for_expression', 'loop_expression', 'match_expression'],
    isLabelJump: (node) =>
      (node.type === 'break_expression' || node.type === 'continue_expression') &&
      node.namedChildren.some((child) => child.type === 'label' || child.type === 'loop_label'),
  },
  separator: '::',
} satisfies LanguageTable);
