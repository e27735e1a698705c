import type * as z from 'zod/mini';
import type { FieldError } from '#shared/http/errors';
import { unknownFields } from '#shared/http/messages';
import { localize } from '#shared/i18n/catalogue';
// zod/mini ships without messages: this loads zod's own English and Chinese ones, picked per request.
import '#shared/i18n/zod';

/** Turns zod issues into `{path, message}` pairs prefixed with where the value came from. */
export function issuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  location: 'path' | 'query' | 'body' | 'header',
): FieldError[] {
  return issues.map((issue) => {
    const path = [location, ...issue.path.map(String)].join('.');
    const message =
      issue.code === 'unrecognized_keys' ? localize(unknownFields({ fields: issue.keys.join(', ') })) : issue.message;
    return { path, message };
  });
}
