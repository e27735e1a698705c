import type { SyntaxNode } from '#shared/analysis/syntax/parsers';

/** What makes a node the start of a function the engine measures on its own. */
export interface FunctionScope {
  /** The subtree whose decisions belong to this function; its lines are the function's lines. */
  body: SyntaxNode;
  /** Unqualified name; undefined when the function has none (`<anonymous>`). */
  name: string | undefined;
  parameters: number;
}

/** How the cognitive-complexity walk (SonarSource) reads a language's named nodes. */
export interface CognitiveRules {
  /** `if` nodes: +1, plus the nesting level unless the `if` is an `else if`. */
  ifs: ReadonlySet<string>;
  /** Clause nodes that are an `else if` in one node (Python `elif`, Ruby `elsif`): +1, no nesting. */
  elseIfs: ReadonlySet<string>;
  /** Clause nodes of a plain `else` (+1, no nesting), and the `if` they may wrap for `else if`. */
  elses: ReadonlySet<string>;
  /**
   * In grammars without an `alternative` field (Kotlin, Swift): the node types that hold the branch
   * right after an `else` keyword, read like an else clause (Kotlin `control_structure_body`). An `if`
   * right after the keyword (Swift) is an `else if` whatever this holds.
   */
  elseBodies?: ReadonlySet<string>;
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

/** How a function node of a table-driven language is named and its parameters counted. */
export interface FunctionKind {
  /** Unqualified name; by default the text of the node's `name` field. */
  name?(node: SyntaxNode): string | undefined;
  parameters(node: SyntaxNode): number;
  /** Declarations without a body (abstract and interface methods, `get;`) are not functions. */
  needsBody?: boolean;
  /** The body, for `needsBody`, in a grammar without a `body` field; by default that field. */
  body?(node: SyntaxNode): SyntaxNode | null;
}

/** The node tables of a language whose functions and decisions are plain node types. */
export interface LanguageTable {
  functions: Readonly<Record<string, FunctionKind>>;
  /** Container node type → its name (by default the `name` field's text). */
  containers: Readonly<Record<string, ((node: SyntaxNode) => string | undefined) | true>>;
  /** Node types that add 1 each: branches, loops, catch clauses, conditional expressions. */
  branches: readonly string[];
  /** Extra decision points a node brings (cases that are not `default`, …). */
  moreDecisions?(node: SyntaxNode): number;
  /**
   * Boolean operator nodes and the operators that short-circuit, read from the node's `operator`
   * field, or by `operatorOf` in grammars that have a node type per operator (Kotlin, Swift).
   */
  logical: {
    types: readonly string[];
    operators: readonly string[];
    operatorOf?(node: SyntaxNode): string | undefined;
  };
  cognitive: {
    ifs: readonly string[];
    elseIfs?: readonly string[];
    elses?: readonly string[];
    elseBodies?: readonly string[];
    nesting: readonly string[];
    isLabelJump?(node: SyntaxNode): boolean;
  };
  separator?: string;
}

/** LanguageRules from plain node tables. */
export function rulesFromTable(table: LanguageTable): LanguageRules {
  const branches = new Set(table.branches);
  const logicalTypes = new Set(table.logical.types);
  const logicalOperators = new Set(table.logical.operators);
  const logicalOperator = (node: SyntaxNode): string | undefined => {
    if (!node.isNamed || !logicalTypes.has(node.type)) return undefined;
    const operator = (table.logical.operatorOf ?? operatorOf)(node);
    return operator !== undefined && logicalOperators.has(operator) ? operator : undefined;
  };
  return {
    separator: table.separator ?? '.',
    // Keywords are anonymous nodes that may share a type name with a named one (Ruby `if`).
    scope(node) {
      if (!node.isNamed) return undefined;
      const kind = table.functions[node.type];
      if (kind === undefined) return undefined;
      if (kind.needsBody === true && (kind.body?.(node) ?? node.childForFieldName('body')) === null) return undefined;
      return {
        body: node,
        name: kind.name === undefined ? fieldText(node, 'name') : kind.name(node),
        parameters: kind.parameters(node),
      };
    },
    containerName(node) {
      if (!node.isNamed) return undefined;
      const container = table.containers[node.type];
      if (container === undefined) return undefined;
      return container === true ? fieldText(node, 'name') : container(node);
    },
    decisions(node) {
      if (!node.isNamed) return 0;
      if (branches.has(node.type)) return 1;
      if (logicalOperator(node) !== undefined) return 1;
      return table.moreDecisions?.(node) ?? 0;
    },
    cognitive: {
      ifs: new Set(table.cognitive.ifs),
      elseIfs: new Set(table.cognitive.elseIfs ?? []),
      elses: new Set(table.cognitive.elses ?? []),
      elseBodies: new Set(table.cognitive.elseBodies ?? []),
      nesting: new Set(table.cognitive.nesting),
      logicalOperator,
      isLabelJump: table.cognitive.isLabelJump ?? (() => false),
    },
  };
}
