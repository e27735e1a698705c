import type { FunctionMetrics } from '#shared/analysis/model';
import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import type { CognitiveRules, FunctionScope, LanguageRules } from './rules.ts';

const ANONYMOUS = '<anonymous>';
const NO_TYPES: ReadonlySet<string> = new Set();

interface PendingFunction {
  owner: SyntaxNode;
  scope: FunctionScope;
}

/** One function's walk: its tables, its running counts, and the functions found inside it. */
interface Walk {
  owner: SyntaxNode;
  rules: LanguageRules;
  cognitive: CognitiveRules;
  decisions: number;
  nested: PendingFunction[];
}

/**
 * Every function of a syntax tree, sorted by position, with its metrics. A nested function is
 * measured on its own: its decisions count for it, not for the function around it (as ESLint's
 * `complexity` and pmccabe count).
 */
export function measureFunctions(root: SyntaxNode, rules: LanguageRules): FunctionMetrics[] {
  const found: FunctionMetrics[] = [];
  const pending: PendingFunction[] = [];
  collectScopes(root, rules, pending, true);
  // Outer functions before the ones inside them, so that a stable sort keeps that order on ties.
  for (let index = 0; index < pending.length; index += 1) {
    const { owner, scope } = pending[index] as PendingFunction;
    const walk: Walk = { owner, rules, cognitive: rules.cognitive, decisions: 0, nested: [] };
    const cognitive = countCognitive(walk, scope.body, 0);
    const startLine = scope.body.startPosition.row + 1;
    const endLine = scope.body.endPosition.row + 1;
    found.push({
      name: qualifiedName(owner, scope.name, rules),
      startLine,
      endLine,
      parameters: scope.parameters,
      length: endLine - startLine + 1,
      cyclomatic: 1 + walk.decisions,
      cognitive,
    });
    for (const inner of walk.nested) pending.push(inner);
  }
  return found.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Finds the outermost functions under `node` (not inside another function). */
function collectScopes(node: SyntaxNode, rules: LanguageRules, into: PendingFunction[], isRoot: boolean): void {
  if (rules.isIgnored?.(node) === true) return;
  const scope = isRoot ? undefined : rules.scope(node);
  if (scope !== undefined) {
    into.push({ owner: node, scope });
    return;
  }
  for (const child of node.children) collectScopes(child, rules, into, false);
}

/** The function's name prefixed by the containers (class, impl, module) it sits in. */
function qualifiedName(owner: SyntaxNode, name: string | undefined, rules: LanguageRules): string {
  const parts = [name ?? ANONYMOUS];
  for (let node = owner.parent; node !== null; node = node.parent) {
    const container = rules.containerName(node);
    if (container !== undefined) parts.unshift(container);
  }
  return parts.join(rules.separator);
}

/**
 * Walks one function's own nodes (nested functions are queued in `walk.nested`, not entered):
 * adds their decision points to `walk.decisions` and returns the SonarSource cognitive
 * complexity (whitepaper 1.7). Structures add 1 plus their nesting level; `else`, `else if`
 * and label jumps add 1; each sequence of like boolean operators adds 1. Recursion is not
 * counted, and a nested function is measured alone (from nesting 0) rather than adding to
 * the function around it.
 */
function countCognitive(walk: Walk, node: SyntaxNode, nesting: number): number {
  const { rules, cognitive } = walk;
  // Keywords are anonymous leaves that may share a structure's type name (Ruby `if`).
  if (!node.isNamed || rules.isIgnored?.(node) === true) return 0;
  if (node.id !== walk.owner.id) {
    const scope = rules.scope(node);
    if (scope !== undefined) {
      walk.nested.push({ owner: node, scope });
      return 0;
    }
  }
  walk.decisions += rules.decisions(node);
  const type = node.type;
  if (cognitive.ifs.has(type) || cognitive.elseIfs.has(type)) return countIf(walk, node, nesting);
  let total = 0;
  let childNesting = nesting;
  if (cognitive.nesting.has(type)) {
    total = 1 + nesting;
    childNesting = nesting + 1;
  } else {
    if (cognitive.isLabelJump(node)) total += 1;
    if (cognitive.logicalOperator(node) !== undefined && !isInsideLogical(node, cognitive)) {
      total += logicalSequences(node, cognitive);
    }
  }
  for (const child of node.children) total += countCognitive(walk, child, childNesting);
  return total;
}

/**
 * An `if` adds 1 plus its nesting; an `else if` adds 1 flat, its branches nesting like those of
 * the `if` it continues; a plain `else` adds 1. The condition is at the `if`'s own level.
 */
function countIf(walk: Walk, node: SyntaxNode, nesting: number): number {
  const { cognitive } = walk;
  let total = cognitive.elseIfs.has(node.type) || isElseIf(node, cognitive) ? 1 : 1 + nesting;
  const condition = node.childForFieldName('condition');
  const alternatives = new Set(node.childrenForFieldName('alternative').map((child) => child.id));
  // Without fields (Kotlin), the condition is what comes before the first body.
  const elseBodies = cognitive.elseBodies ?? NO_TYPES;
  let beforeBody = condition === null && elseBodies.size > 0;
  let afterElse = false;
  for (const child of node.children) {
    // The `else` keyword itself, where it is not a clause node holding the branch (Ruby's `else`).
    if (child.type === 'else' && !cognitive.elses.has('else')) {
      afterElse = true;
      continue;
    }
    // Keywords and punctuation add nothing, and the branch after `else` may follow a `{`.
    if (!child.isNamed) continue;
    const alternative = afterElse;
    afterElse = false;
    if (alternative && cognitive.ifs.has(child.type)) total += countCognitive(walk, child, nesting);
    else if (alternative && elseBodies.has(child.type)) {
      total += countElse(walk, child, nesting);
    } else if (beforeBody && elseBodies.has(child.type)) {
      beforeBody = false;
      total += countCognitive(walk, child, nesting + 1);
    } else if (beforeBody) total += countCognitive(walk, child, nesting);
    else if (condition !== null && child.id === condition.id) total += countCognitive(walk, child, nesting);
    else if (cognitive.elseIfs.has(child.type)) total += countCognitive(walk, child, nesting);
    else if (cognitive.elses.has(child.type)) total += countElse(walk, child, nesting);
    else if (alternatives.has(child.id)) {
      // C#, Java, Go: the alternative is the statement after `else` itself.
      total += cognitive.ifs.has(child.type)
        ? countCognitive(walk, child, nesting)
        : 1 + countCognitive(walk, child, nesting + 1);
    } else total += countCognitive(walk, child, nesting + 1);
  }
  return total;
}

/** A plain `else` adds 1; an `else` holding only an `if` is that `else if`, counted by the `if`. */
function countElse(walk: Walk, clause: SyntaxNode, nesting: number): number {
  walk.decisions += walk.rules.decisions(clause);
  const inner = clause.namedChildren.filter((child) => child.type !== 'comment');
  const only = inner[0];
  if (inner.length === 1 && only !== undefined && walk.cognitive.ifs.has(only.type)) {
    return countCognitive(walk, only, nesting);
  }
  let total = 1;
  for (const child of clause.children) total += countCognitive(walk, child, nesting + 1);
  return total;
}

/** True when this `if` is the `else if` of another: it sits alone in an else clause or is an `alternative`. */
function isElseIf(node: SyntaxNode, cognitive: CognitiveRules): boolean {
  const parent = node.parent;
  if (parent === null) return false;
  // Swift: `else if` is an `if` right after the `else` keyword; Kotlin: the only statement of the body after it.
  if (node.previousSibling?.type === 'else') return true;
  if (cognitive.elseBodies?.has(parent.type) === true && parent.previousSibling?.type === 'else') {
    return parent.namedChildren.filter((child) => child.type !== 'comment').length === 1;
  }
  if (cognitive.elses.has(parent.type)) {
    return parent.namedChildren.filter((child) => child.type !== 'comment').length === 1;
  }
  return (
    cognitive.ifs.has(parent.type) && parent.childrenForFieldName('alternative').some((child) => child.id === node.id)
  );
}

/** Skips parentheses upward to tell whether a boolean node is an operand of another one. */
function isInsideLogical(node: SyntaxNode, cognitive: CognitiveRules): boolean {
  let parent = node.parent;
  while (parent?.type.startsWith('parenthesized')) parent = parent.parent;
  return parent !== null && cognitive.logicalOperator(parent) !== undefined;
}

/** 1 for each run of one operator in the flattened boolean expression (`a && b || c` → 2). */
function logicalSequences(node: SyntaxNode, cognitive: CognitiveRules): number {
  const operators: string[] = [];
  const flatten = (current: SyntaxNode) => {
    let inner = current;
    while (inner.type.startsWith('parenthesized') && inner.namedChildCount === 1)
      inner = inner.namedChildren[0] ?? inner;
    const operator = cognitive.logicalOperator(inner);
    if (operator === undefined) return;
    const left = inner.childForFieldName('left') ?? inner.firstNamedChild;
    const right = inner.childForFieldName('right') ?? inner.lastNamedChild;
    if (left !== null) flatten(left);
    operators.push(operator);
    if (right !== null && right.id !== left?.id) flatten(right);
  };
  flatten(node);
  return operators.filter((operator, index) => index === 0 || operators[index - 1] !== operator).length;
}
