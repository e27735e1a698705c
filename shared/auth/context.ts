import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as m from '#shared/auth/messages';
import { UnauthorizedError } from '#shared/http/errors';

/** Who is calling, from the claims the API Gateway JWT authorizer verified. */
export interface AuthContext {
  userId: string;
  groups: readonly string[];
  /** Members of the Cognito `admins` group act platform-wide. */
  isAdmin: boolean;
}

/** The caller of an operation, for authorization and for the events it publishes. */
export interface Caller {
  auth: AuthContext;
  correlationId: string;
}

/** The platform-wide administrators group (see DESIGN: Authorization); Cognito, local mode and tests use this one name. */
export const ADMINS_GROUP = 'admins';

/**
 * Reads the caller from the authorizer's claims. API Gateway passes claims as strings and
 * flattens arrays (`cognito:groups` arrives as "[admins ops]"), so both forms are accepted.
 */
export function authContextFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): AuthContext {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const subject = claims?.sub;
  if (typeof subject !== 'string' || subject.length === 0) {
    throw new UnauthorizedError('UNAUTHENTICATED', m.unauthenticated());
  }
  const groups = parseGroups(claims?.['cognito:groups']);
  return { userId: subject, groups, isAdmin: groups.includes(ADMINS_GROUP) };
}

function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim.length === 0) return [];
  const trimmed = claim.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    return trimmed
      .slice(1, -1)
      .split(/[\s,]+/)
      .map((group) => group.replace(/^"|"$/g, ''))
      .filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
