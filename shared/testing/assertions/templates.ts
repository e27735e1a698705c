// `{{vars.name}}` and `{{environment.url}}` placeholders in a case's request. No runtime
// dependency beyond the message catalogue, so the case schemas can check placeholders when a
// case is saved.
import type { LocalizedText } from '#shared/i18n/catalogue';
import { type StoredText, storedText, TextError } from '#shared/i18n/stored';
import type { HttpRequestSpec } from '#shared/schemas/test-cases';
import * as m from '#shared/testing/assertions/messages';

/** What a placeholder may name: a variable (given to the run or extracted by an earlier step) or the environment's URL. */
export interface TemplateScope {
  vars: Readonly<Record<string, unknown>>;
  environmentUrl?: string;
}

/** A placeholder that cannot be resolved: the case is `errored`, it could not run; `text` is why, as a result stores it. */
export class TemplateError extends TextError {
  readonly text: StoredText;
  constructor(text: LocalizedText) {
    super(text);
    this.name = 'TemplateError';
    this.text = storedText(text);
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
  // search() ignores and restores lastIndex; test() on this global regex would leave state behind.
  return text.search(PLACEHOLDER) !== -1;
}

/** Replaces every placeholder in `text`; throws TemplateError on an unknown one. */
export function renderString(text: string, scope: TemplateScope): string {
  return text.replace(PLACEHOLDER, (placeholder, raw: string) => {
    const reference = parseReference(raw);
    if (reference === undefined) {
      throw new TemplateError(m.templateNotPlaceholder({ placeholder }));
    }
    if (reference.kind === 'environmentUrl') {
      if (scope.environmentUrl === undefined) {
        throw new TemplateError(m.templateNoEnvironmentUrl({ placeholder }));
      }
      return scope.environmentUrl;
    }
    // Own properties only: `{{vars.constructor}}` must not reach Object.prototype.
    const value = Object.hasOwn(scope.vars, reference.name) ? scope.vars[reference.name] : undefined;
    if (value === undefined) throw new TemplateError(m.templateUnknownVariable({ name: reference.name, placeholder }));
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

/** A case's request with every placeholder resolved, ready for the outbound client. */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

// What Node accepts in a header value; a variable may bring anything else in.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Resolves the placeholders of a request (url, header values, body strings). A string body is
 * sent as is; any other JSON body is serialized and sent as `application/json` unless the
 * case sets a content-type. Throws TemplateError when a placeholder or its result is unusable.
 */
export function renderRequest(request: HttpRequestSpec, scope: TemplateScope, maxBodyBytes: number): RenderedRequest {
  const url = renderString(request.url, scope);
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(request.headers ?? {})) {
    const value = renderString(template, scope);
    if (!HEADER_VALUE.test(value)) {
      throw new TemplateError(m.templateHeaderCharacters({ name }));
    }
    headers[name] = value;
  }
  if (request.body === undefined) return { method: request.method, url, headers };

  const body =
    typeof request.body === 'string'
      ? renderString(request.body, scope)
      : JSON.stringify(renderJson(request.body, scope));
  if (Buffer.byteLength(body) > maxBodyBytes) {
    throw new TemplateError(m.templateBodyTooLarge({ max: maxBodyBytes }));
  }
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (typeof request.body !== 'string' && !hasContentType) headers['content-type'] = 'application/json';
  return { method: request.method, url, headers, body };
}
