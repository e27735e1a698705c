import type { SyntaxNode } from '#shared/analysis/syntax/parsers';

/** What makes a node the start of a function the engine measures on its own. */
export interface FunctionScope {
  /** The subtree whose decisions belong to this function; its lines are the function's lines. */
  body: SyntaxNode;
  /** Unqualified name; undefined when the function has none (`<anonymous>`). */
  name: string | undefined;
  parameters: number;
}

/** How the cognitive-complexity walk (SonarSource) reads a language's nodes. */
export interface CognitiveRules {
  /** `if` nodes: +1, plus the nesting level unless the `if` is an `else if`. */
  ifs: ReadonlySet<string>;
  /** Clause nodes that are an `else if` in one node (Python `elif`, Ruby `elsif`): +1, no nesting. */
  elseIfs: ReadonlySet<string>;
  /** Clause nodes of a plain `else` (+1, no nesting), and the `if` they may wrap for `else if`. */
  elses: ReadonlySet<string>;
  /** Structures that add 1 plus the nesting level and nest what they hold: loops, catch, switch, ternary. */
  nesting: ReadonlySet<string>;
  /** The operator of a boolean `&&`/`||`-like node (sequences of one operator count once), else undefined. */
  logicalOperator(node: SyntaxNode): string | undefined;
  /** A jump to a label (`break label`, `goto`): +1. */
  isLabelJump(node: SyntaxNode): boolean;
}

/** One language's node-type tables, in shared/analysis/functions/languages/. */
export interface LanguageRules {
  /** The function `node` begins, or undefined when it begins none. */
  scope(node: SyntaxNode): FunctionScope | undefined;
  /** The name a container (class, impl, module, namespace) gives functions inside it, else undefined. */
  containerName(node: SyntaxNode): string | undefined;
  /** What `node` adds to its function's cyclomatic complexity (decision points). */
  decisions(node: SyntaxNode): number;
  cognitive: CognitiveRules;
  /** Subtrees read as absent: neither functions nor decisions (C: `#else`/`#elif` branches). */
  isIgnored?(node: SyntaxNode): boolean;
  /** Joins container and function names (`.` unless the language writes `::`). */
  separator: string;
}

/** The text of the operator child of a binary node (anonymous token), read from its `operator` field. */
export function operatorOf(node: SyntaxNode): string | undefined {
  return node.childForFieldName('operator')?.type;
}

/** Named children that are not comments: parameters, arguments. */
export function countNamed(node: SyntaxNode | null, exclude: ReadonlySet<string> = NO_TYPES): number {
  if (node === null) return 0;
  let count = 0;
  for (const child of node.namedChildren) {
    if (child.type !== 'comment' && !exclude.has(child.type)) count += 1;
  }
  return count;
}

const NO_TYPES: ReadonlySet<string> = new Set();

/** The text of a node's `name` field, if it has one. */
export function fieldText(node: SyntaxNode, field: string): string | undefined {
  return node.childForFieldName(field)?.text;
}
