/**
 * EventBridge event-pattern matching, for the local bus. No maintained npm library does
 * this (EventBridge's own "event-ruler" is Java), so it is written here, following the
 * EventBridge user guide ("Event patterns", "Content filtering"):
 *
 *  - every field named in the pattern must match; fields the pattern does not name are ignored;
 *  - a leaf is an array of alternatives: literal values (string, number, boolean, null) or
 *    content filters: `prefix`, `suffix` (each also with `equals-ignore-case` inside),
 *    `equals-ignore-case`, `wildcard`, `anything-but` (a value, a list, or `prefix` /
 *    `suffix` / `equals-ignore-case` / `wildcard`), `numeric`, `exists`;
 *  - a nested object matches a nested object; when the event holds an array there, any
 *    element may match, for leaves and for objects alike;
 *  - `$or` at any level: any of the listed sub-patterns.
 *
 * `cidr` is not supported: a pattern using it is rejected when the bus starts rather than
 * silently never matching.
 */
export type EventPattern = Readonly<Record<string, unknown>>;

type Operator = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Whether `event` matches `pattern`. Throws on a pattern EventBridge would refuse. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

/** Checks a pattern up front, so an unsupported one fails when the bus starts. */
export function validateEventPattern(pattern: EventPattern, path = ''): void {
  for (const [key, value] of Object.entries(pattern)) {
    const where = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new Error(`Event pattern ${where}: $or needs at least two sub-patterns`);
      }
      for (const sub of value) validateEventPattern(sub as EventPattern, where);
    } else if (Array.isArray(value)) {
      for (const alternative of value) {
        if (isObject(alternative)) validateOperator(alternative, where);
        else if (!isScalar(alternative))
          throw new Error(`Event pattern ${where}: unsupported value ${JSON.stringify(alternative)}`);
      }
    } else if (isObject(value)) {
      validateEventPattern(value, where);
    } else {
      throw new Error(`Event pattern ${where}: leaf values must be arrays, got ${JSON.stringify(value)}`);
    }
  }
}

function validateOperator(operator: Operator, where: string): void {
  const keys = Object.keys(operator);
  const [name] = keys;
  if (keys.length !== 1 || name === undefined) {
    throw new Error(`Event pattern ${where}: a filter has exactly one operator, got ${JSON.stringify(operator)}`);
  }
  const argument = operator[name];
  const fail = () => {
    throw new Error(`Event pattern ${where}: unsupported filter ${JSON.stringify(operator)}`);
  };
  switch (name) {
    case 'prefix':
    case 'suffix':
      if (typeof argument !== 'string' && !(isObject(argument) && typeof argument['equals-ignore-case'] === 'string'))
        fail();
      return;
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof argument !== 'string') fail();
      return;
    case 'exists':
      if (typeof argument !== 'boolean') fail();
      return;
    case 'numeric':
      parseNumeric(argument, where);
      return;
    case 'anything-but':
      if (isScalar(argument) && argument !== null) return;
      if (Array.isArray(argument) && argument.every((item) => typeof item === 'string' || typeof item === 'number'))
        return;
      if (isObject(argument)) {
        const [inner] = Object.keys(argument);
        if (
          Object.keys(argument).length === 1 &&
          inner &&
          ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(inner)
        ) {
          return;
        }
      }
      fail();
      return;
    default:
      fail();
  }
}

function matchObject(pattern: EventPattern, value: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(expected as EventPattern[]).some((sub) => matchObject(sub, value))) return false;
      continue;
    }
    const present = isObject(value) && Object.hasOwn(value, key);
    const actual = present ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, present, actual)) return false;
    } else if (Array.isArray(actual)) {
      if (!actual.some((element) => matchObject(expected as EventPattern, element))) return false;
    } else if (!matchObject(expected as EventPattern, actual)) {
      return false;
    }
  }
  return true;
}

function matchLeaf(alternatives: readonly unknown[], present: boolean, actual: unknown): boolean {
  const values: unknown[] = !present ? [] : Array.isArray(actual) ? actual : [actual];
  return alternatives.some((alternative) => {
    if (!isObject(alternative)) return values.some((value) => equalsLiteral(alternative, value));
    if ('exists' in alternative) {
      // `exists` only applies to leaves: an object in that place is not "a value".
      return alternative.exists === true ? present && !isObject(actual) : !present;
    }
    return values.some((value) => matchOperator(alternative, value));
  });
}

function equalsLiteral(expected: unknown, value: unknown): boolean {
  return expected === value;
}

function matchOperator(operator: Operator, value: unknown): boolean {
  const [name] = Object.keys(operator);
  const argument = operator[name as string];
  switch (name) {
    case 'prefix':
      return typeof value === 'string' && affix(argument, value, (text, part) => text.startsWith(part));
    case 'suffix':
      return typeof value === 'string' && affix(argument, value, (text, part) => text.endsWith(part));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === (argument as string).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardRegExp(argument as string).test(value);
    case 'numeric':
      return typeof value === 'number' && parseNumeric(argument, '').every(([op, bound]) => compare(value, op, bound));
    case 'anything-but':
      return anythingBut(argument, value);
    default:
      return false;
  }
}

function affix(argument: unknown, value: string, test: (text: string, part: string) => boolean): boolean {
  if (typeof argument === 'string') return test(value, argument);
  const ignoringCase = (argument as Record<string, string>)['equals-ignore-case'] as string;
  return test(value.toLowerCase(), ignoringCase.toLowerCase());
}

function anythingBut(argument: unknown, value: unknown): boolean {
  if (Array.isArray(argument)) return !argument.some((excluded) => equalsLiteral(excluded, value));
  if (isObject(argument)) return typeof value === 'string' && !matchOperator(argument, value);
  return !equalsLiteral(argument, value);
}

const wildcardCache = new Map<string, RegExp>();

function wildcardRegExp(wildcard: string): RegExp {
  let regExp = wildcardCache.get(wildcard);
  if (!regExp) {
    // `*` matches any run of characters; `\*` is a literal star.
    const source = wildcard
      .split(/(\\\*|\*)/)
      .map((part) => (part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regExp = new RegExp(`^${source}$`, 's');
    wildcardCache.set(wildcard, regExp);
  }
  return regExp;
}

type NumericOp = '=' | '<' | '<=' | '>' | '>=';
const NUMERIC_OPS = new Set<string>(['=', '<', '<=', '>', '>=']);

function parseNumeric(argument: unknown, where: string): Array<[NumericOp, number]> {
  const fail = (): never => {
    throw new Error(
      `Event pattern ${where}: numeric filter must be [op, number, (op, number)], got ${JSON.stringify(argument)}`,
    );
  };
  if (!Array.isArray(argument) || (argument.length !== 2 && argument.length !== 4)) return fail();
  const pairs: Array<[NumericOp, number]> = [];
  for (let i = 0; i < argument.length; i += 2) {
    const op = argument[i];
    const bound = argument[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPS.has(op) || typeof bound !== 'number') return fail();
    pairs.push([op as NumericOp, bound]);
  }
  return pairs;
}

function compare(value: number, op: NumericOp, bound: number): boolean {
  switch (op) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
  }
}
