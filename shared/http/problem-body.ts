import type { FieldError } from '#shared/http/errors';

// Apart from problem.ts so that the local gateway can answer its own errors with the same
// body without loading the handlers' logger and metrics before their environment is set.

/** The RFC 9457 body of a problem; the local gateway answers its own errors with it too. */
export function problemBody(
  problem: Problem,
  context: { requestId: string; instance: string },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://trellis.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: context.instance,
    code: problem.code,
    requestId: context.requestId,
  };
  if (problem.errors) body.errors = problem.errors;
  // Data members (a 412's `currentVersion`) never replace the standard ones above.
  for (const [name, value] of Object.entries(problem.members ?? {})) if (!(name in body)) body[name] = value;
  return body;
}

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  members?: Record<string, string | number | boolean | null>;
}
