import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type LanguageTable, rulesFromTable } from '../rules.ts';

// Ruby. Cyclomatic: 1 + if, elsif, unless, while, until, for, rescue, `?:`, the modifier forms
// (`x if c`, `x unless c`, `x while c`, `x until c`, `x rescue y`), each `when`, and each
// `&&`, `||`, `and`, `or`. Methods and lambdas are functions; blocks belong to their method.

const parameters = (node: SyntaxNode) => countNamed(node.childForFieldName('parameters'));

/** Loops, rescue, `?:` and the modifier forms: each a decision point that also nests what it holds. */
const NESTING_DECISIONS = [
  'while',
  'until',
  'for',
  'rescue',
  'conditional',
  'if_modifier',
  'unless_modifier',
  'while_modifier',
  'until_modifier',
];

export const RUBY_RULES = rulesFromTable({
  functions: {
    method: { parameters },
    singleton_method: { name: (node) => `self.${node.childForFieldName('name')?.text}`, parameters },
    lambda: { name: () => undefined, parameters },
  },
  containers: { class: true, module: true },
  branches: ['if', 'elsif', 'unless', ...NESTING_DECISIONS, 'rescue_modifier', 'when'],
  logical: { types: ['binary'], operators: ['&&', '||', 'and', 'or'] },
  cognitive: {
    ifs: ['if', 'unless'],
    elseIfs: ['elsif'],
    elses: ['else'],
    nesting: [...NESTING_DECISIONS, 'case'],
  },
  separator: '::',
} satisfies LanguageTable);
