import type { SyntaxNode } from '#shared/analysis/syntax/parsers';
import { countNamed, type FunctionScope, type LanguageRules, operatorOf } from '../rules.ts';

// JavaScript, TypeScript and TSX (one table: the TypeScript grammars extend the JavaScript one).
// Cyclomatic complexity is exactly ESLint's `complexity` rule, classic variant
// (node_modules/eslint/lib/rules/complexity.js): 1 per function, plus 1 for each if, for, for-in,
// for-of, while, do-while, catch, `?:`, `&&`/`||`/`??`, `&&=`/`||=`/`??=`, default value
// (AssignmentPattern: parameters and destructuring), optional member access or call (`?.`), and
// `case` with a test (not `default`). Functions are what ESLint measures as code paths of
// their own: functions, arrows, methods, class field initializers and class static blocks.

const FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'generator_function_declaration',
  'generator_function',
  'arrow_function',
  'method_definition',
]);

/** Class fields whose initializer ESLint measures as an implicit function. */
const FIELDS = new Set(['field_definition', 'public_field_definition']);

const BRANCHES = new Set([
  'if_statement',
  'for_statement',
  'for_in_statement',
  'while_statement',
  'do_statement',
  'catch_clause',
  'ternary_expression',
  'assignment_pattern',
  'object_assignment_pattern',
]);

const LOGICAL = new Set(['&&', '||', '??']);
const LOGICAL_ASSIGNMENT = new Set(['&&=', '||=', '??=']);
const OPTIONAL_ACCESS = new Set(['member_expression', 'subscript_expression', 'call_expression']);
/** `?.` is an optional_chain node, except on calls in the TypeScript grammars (a bare token). */
const OPTIONAL_CHAIN = new Set(['optional_chain', '?.']);
/** TypeScript parameters carry their default value themselves (not as an assignment pattern). */
const TS_PARAMETERS = new Set(['required_parameter', 'optional_parameter']);

const CONTAINERS = new Set(['class_declaration', 'class', 'abstract_class_declaration', 'internal_module', 'module']);

/** A property key as ESLint's messages name it: identifiers and literal keys, `#private` kept. */
function keyName(key: SyntaxNode | null): string | undefined {
  if (key === null) return undefined;
  switch (key.type) {
    case 'property_identifier':
    case 'private_property_identifier':
    case 'identifier':
    case 'number':
      return key.text;
    case 'string':
      return key.text.slice(1, -1);
    case 'computed_property_name': {
      const inner = key.namedChildren[0];
      return inner?.type === 'string' || inner?.type === 'number' ? keyName(inner) : undefined;
    }
    default:
      return undefined;
  }
}

/** The name of an unnamed function from where it is written: variable, property, assignment. */
function contextualName(node: SyntaxNode): string | undefined {
  const parent = node.parent;
  if (parent === null) return undefined;
  switch (parent.type) {
    case 'variable_declarator':
      return parent.childForFieldName('name')?.type === 'identifier'
        ? parent.childForFieldName('name')?.text
        : undefined;
    case 'pair':
      return keyName(parent.childForFieldName('key'));
    case 'field_definition':
    case 'public_field_definition':
      return keyName(parent.childForFieldName('property') ?? parent.childForFieldName('name'));
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (left?.type === 'identifier') return left.text;
      if (left?.type === 'member_expression') return keyName(left.childForFieldName('property'));
      return undefined;
    }
    default:
      return undefined;
  }
}

function fieldName(field: SyntaxNode): string {
  return keyName(field.childForFieldName('property') ?? field.childForFieldName('name')) ?? '<anonymous>';
}

export const JAVASCRIPT_RULES: LanguageRules = {
  separator: '.',
  scope(node): FunctionScope | undefined {
    const type = node.type;
    if (FUNCTIONS.has(type)) {
      const body = node.childForFieldName('body');
      if (body === null) return undefined; // overload signatures and `declare` functions
      const name = node.childForFieldName('name');
      return {
        body: node,
        name: type === 'method_definition' ? keyName(name) : (name?.text ?? contextualName(node)),
        parameters:
          type === 'arrow_function' && node.childForFieldName('parameter') !== null
            ? 1
            : countNamed(node.childForFieldName('parameters')),
      };
    }
    if (FIELDS.has(type)) {
      const value = node.childForFieldName('value');
      return value === null ? undefined : { body: value, name: `<field ${fieldName(node)}>`, parameters: 0 };
    }
    if (type === 'class_static_block') return { body: node, name: '<static>', parameters: 0 };
    return undefined;
  },
  containerName(node) {
    return CONTAINERS.has(node.type) ? node.childForFieldName('name')?.text : undefined;
  },
  decisions(node) {
    const type = node.type;
    if (BRANCHES.has(type)) return 1;
    if (type === 'switch_case') return node.childForFieldName('value') === null ? 0 : 1;
    if (type === 'binary_expression') return LOGICAL.has(operatorOf(node) ?? '') ? 1 : 0;
    if (type === 'augmented_assignment_expression') return LOGICAL_ASSIGNMENT.has(operatorOf(node) ?? '') ? 1 : 0;
    if (TS_PARAMETERS.has(type)) return node.childForFieldName('value') === null ? 0 : 1;
    if (OPTIONAL_ACCESS.has(type)) return node.children.some((child) => OPTIONAL_CHAIN.has(child.type)) ? 1 : 0;
    return 0;
  },
  cognitive: {
    ifs: new Set(['if_statement']),
    elseIfs: new Set(),
    elses: new Set(['else_clause']),
    nesting: new Set([
      'for_statement',
      'for_in_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'switch_statement',
      'ternary_expression',
    ]),
    logicalOperator(node) {
      if (node.type !== 'binary_expression') return undefined;
      const operator = operatorOf(node);
      return operator !== undefined && LOGICAL.has(operator) ? operator : undefined;
    },
    isLabelJump(node) {
      return (
        (node.type === 'break_statement' || node.type === 'continue_statement') &&
        node.childForFieldName('label') !== null
      );
    },
  },
};
