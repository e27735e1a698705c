// `{{vars.name}}` and `{{environment.url}}` placeholders in a case's request. No dependency,
// so the case schemas can check placeholders when a case is saved.

/** What a placeholder may name: a variable (given to the run or extracted by an earlier step) or the environment's URL. */
export interface TemplateScope {
  vars: Readonly<Record<string, unknown>>;
  environmentUrl?: string;
}

/** A placeholder that cannot be resolved: the case is `errored`, it could not run. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A variable name, as in `{{vars.token}}` and as a scenario's `extract` keys. */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

// Anything shaped like `{{ some.reference }}` is a placeholder and must resolve; other
// double braces (`{{ }}`, `{{"a": 1}}`) are left as they are.
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

type Reference = { kind: 'var'; name: string } | { kind: 'environmentUrl' };

function parseReference(reference: string): Reference | undefined {
  if (reference === 'environment.url') return { kind: 'environmentUrl' };
  const name = reference.startsWith('vars.') ? reference.slice('vars.'.length) : undefined;
  return name !== undefined && VAR_NAME.test(name) ? { kind: 'var', name } : undefined;
}

/** The first placeholder in `text` that names neither `vars.<name>` nor `environment.url`, for save-time checks. */
export function invalidPlaceholder(text: string): string | undefined {
  for (const [placeholder, reference] of text.matchAll(PLACEHOLDER)) {
    if (parseReference(reference ?? '') === undefined) return placeholder;
  }
  return undefined;
}

/** True when `text` holds at least one placeholder. */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

/** Replaces every placeholder in `text`; throws TemplateError on an unknown one. */
export function renderString(text: string, scope: TemplateScope): string {
  return text.replace(PLACEHOLDER, (placeholder, raw: string) => {
    const reference = parseReference(raw);
    if (reference === undefined) {
      throw new TemplateError(`${placeholder} is not a placeholder; use {{vars.<name>}} or {{environment.url}}.`);
    }
    if (reference.kind === 'environmentUrl') {
      if (scope.environmentUrl === undefined) {
        throw new TemplateError(`${placeholder} is used but the run has no environment URL.`);
      }
      return scope.environmentUrl;
    }
    // Own properties only: `{{vars.constructor}}` must not reach Object.prototype.
    const value = Object.hasOwn(scope.vars, reference.name) ? scope.vars[reference.name] : undefined;
    if (value === undefined) throw new TemplateError(`Unknown variable "${reference.name}" in ${placeholder}.`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Replaces placeholders inside every string of a JSON value (object keys included); other values pass through. */
export function renderJson(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return renderString(value, scope);
  if (Array.isArray(value)) return value.map((item) => renderJson(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [renderString(key, scope), renderJson(item, scope)]),
    );
  }
  return value;
}
