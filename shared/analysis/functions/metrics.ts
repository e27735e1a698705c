import type { FunctionMetrics } from '#shared/analysis/model';
import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import type { CognitiveRules, FunctionScope, LanguageRules } from './rules.ts';

const ANONYMOUS = '<anonymous>';

/**
 * Every function of a syntax tree, outermost first then in source order within each, with its
 * metrics. A nested function is measured on its own: its decisions count for it, not for the
 * function around it (as ESLint's `complexity` and pmccabe count).
 */
export function measureFunctions(root: SyntaxNode, rules: LanguageRules): FunctionMetrics[] {
  const found: FunctionMetrics[] = [];
  const pending: Array<{ owner: SyntaxNode; scope: FunctionScope }> = [];
  collectScopes(root, rules, pending, true);
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const { owner, scope } = next;
    const nested: Array<{ owner: SyntaxNode; scope: FunctionScope }> = [];
    const cyclomatic = 1 + countDecisions(scope.body, owner, rules, nested);
    const cognitive = countCognitive(scope.body, owner, rules, rules.cognitive, 0, nested);
    const startLine = scope.body.startPosition.row + 1;
    const endLine = scope.body.endPosition.row + 1;
    found.push({
      name: qualifiedName(owner, scope.name, rules),
      startLine,
      endLine,
      parameters: scope.parameters,
      length: endLine - startLine + 1,
      cyclomatic,
      cognitive,
    });
    pending.push(...nested);
  }
  return found.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Finds the outermost functions under `node` (not inside another function). */
function collectScopes(
  node: SyntaxNode,
  rules: LanguageRules,
  into: Array<{ owner: SyntaxNode; scope: FunctionScope }>,
  isRoot: boolean,
): void {
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

/** Decision points of the function whose body is `node`; nested functions are queued, not counted. */
function countDecisions(
  node: SyntaxNode,
  owner: SyntaxNode,
  rules: LanguageRules,
  nested: Array<{ owner: SyntaxNode; scope: FunctionScope }>,
): number {
  if (rules.isIgnored?.(node) === true) return 0;
  if (node !== owner) {
    const scope = rules.scope(node);
    if (scope !== undefined) {
      nested.push({ owner: node, scope });
      return 0;
    }
  }
  let total = rules.decisions(node);
  for (const child of node.children) total += countDecisions(child, owner, rules, nested);
  return total;
}

/**
 * SonarSource cognitive complexity of the function whose body is `node` (whitepaper 1.7):
 * structures add 1 plus their nesting level; `else`, `else if` and label jumps add 1; each
 * sequence of like boolean operators adds 1. Recursion is not counted, and a nested function
 * is measured alone (starting at nesting 0) rather than adding to the function around it.
 */
function countCognitive(
  node: SyntaxNode,
  owner: SyntaxNode,
  rules: LanguageRules,
  cognitive: CognitiveRules,
  nesting: number,
  nested: Array<{ owner: SyntaxNode; scope: FunctionScope }>,
): number {
  if (rules.isIgnored?.(node) === true || (node !== owner && rules.scope(node) !== undefined)) return 0;
  const walk = (child: SyntaxNode, level: number) => countCognitive(child, owner, rules, cognitive, level, nested);
  const type = node.type;
  if (cognitive.ifs.has(type)) {
    const elseIf = isElseIf(node, cognitive);
    let total = elseIf ? 1 : 1 + nesting;
    const condition = node.childForFieldName('condition');
    const alternatives = new Set(node.childrenForFieldName('alternative').map((child) => child.id));
    for (const child of node.children) {
      if (condition !== null && child.id === condition.id) total += walk(child, nesting);
      else if (cognitive.elseIfs.has(child.type)) total += walk(child, nesting);
      else if (cognitive.elses.has(child.type)) total += countElse(child, nesting, walk, cognitive);
      else if (alternatives.has(child.id)) {
        // C, Java, Go: the alternative is the statement after `else` itself.
        total += cognitive.ifs.has(child.type) ? walk(child, nesting) : 1 + walk(child, nesting + 1);
      } else total += walk(child, nesting + 1);
    }
    return total;
  }
  if (cognitive.elseIfs.has(type)) {
    let total = 1;
    const condition = node.childForFieldName('condition');
    for (const child of node.children)
      total += walk(child, condition !== null && child.id === condition.id ? nesting : nesting + 1);
    return total;
  }
  if (cognitive.nesting.has(type)) {
    let total = 1 + nesting;
    for (const child of node.children) total += walk(child, nesting + 1);
    return total;
  }
  let total = cognitive.isLabelJump(node) ? 1 : 0;
  const operator = cognitive.logicalOperator(node);
  if (operator !== undefined && !isInsideLogical(node, cognitive)) total += logicalSequences(node, cognitive);
  for (const child of node.children) total += walk(child, nesting);
  return total;
}

/** A plain `else` adds 1; an `else` holding only an `if` is that `else if`, counted by the `if`. */
function countElse(
  clause: SyntaxNode,
  nesting: number,
  walk: (child: SyntaxNode, level: number) => number,
  cognitive: CognitiveRules,
): number {
  const inner = clause.namedChildren.filter((child) => child.type !== 'comment');
  if (inner.length === 1 && cognitive.ifs.has(inner[0]!.type)) return walk(inner[0]!, nesting);
  let total = 1;
  for (const child of clause.children) total += walk(child, nesting + 1);
  return total;
}

/** True when this `if` is the `else if` of another: it sits in an else clause or is an `alternative`. */
function isElseIf(node: SyntaxNode, cognitive: CognitiveRules): boolean {
  const parent = node.parent;
  if (parent === null) return false;
  if (cognitive.elses.has(parent.type)) {
    const inner = parent.namedChildren.filter((child) => child.type !== 'comment');
    return inner.length === 1;
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
    while (inner.type.startsWith('parenthesized') && inner.namedChildCount === 1) inner = inner.namedChildren[0]!;
    const operator = cognitive.logicalOperator(inner);
    if (operator === undefined) return;
    const left = inner.childForFieldName('left') ?? inner.firstNamedChild;
    const right = inner.childForFieldName('right') ?? inner.lastNamedChild;
    if (left !== null) flatten(left);
    operators.push(operator);
    if (right !== null && right.id !== left?.id) flatten(right);
  };
  flatten(node);
  let runs = 0;
  operators.forEach((operator, index) => {
    if (index === 0 || operators[index - 1] !== operator) runs += 1;
  });
  return runs;
}
