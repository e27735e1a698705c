import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { FieldError } from '#shared/http/errors';

// zod/mini ships without messages; load the English ones once so every error names the rule.
z.config(en());

/** Turns zod issues into `{path, message}` pairs prefixed with where the value came from. */
export function issuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  location: 'path' | 'query' | 'body' | 'header',
): FieldError[] {
  return issues.map((issue) => {
    const path = [location, ...issue.path.map(String)].join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    return { path, message };
  });
}
