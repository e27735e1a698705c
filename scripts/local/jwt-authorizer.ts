import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import * as m from '#shared/api/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';

export interface JwtAuthorizerConfig {
  /** Exact `iss` the tokens must carry. */
  issuer: string;
  /** Accepted `aud` (id tokens) or `client_id` (access tokens): the app client ids. */
  audience: readonly string[];
  jwksUrl: string;
}

/** What API Gateway hands the Lambda in `requestContext.authorizer.jwt`. */
export interface JwtAuthorization {
  claims: Record<string, string>;
  scopes: string[] | null;
}

/** Why a request gets 401: a stable code and a sentence for the caller. */
interface JwtRejection {
  rejected: 'TOKEN_MISSING' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID';
  detail: LocalizedText;
}

/** Verifies the `Authorization` header of a request. */
export type JwtAuthorizer = (authorizationHeader: string | undefined) => Promise<JwtAuthorization | JwtRejection>;

const MISSING: JwtRejection = {
  rejected: 'TOKEN_MISSING',
  detail: m.tokenMissing(),
};

const CACHE_LIMIT = 1_000;

/**
 * The local stand-in for the API Gateway JWT authorizer: the token comes from the
 * Authorization header (a `Bearer ` prefix is optional, as in API Gateway), its signature
 * is checked against the pool's JWKS, and `iss`, `aud`/`client_id`, `exp` and `nbf` must
 * hold. Claims are flattened to strings the way API Gateway does. Verified tokens are
 * cached until they expire, which keeps the gateway's hot path cheap.
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig): JwtAuthorizer {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  const cache = new Map<string, { authorization: JwtAuthorization; expiresAt: number }>();

  return async (header) => {
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return MISSING;
    const cached = cache.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return cached.authorization;
      cache.delete(token);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ['RS256'] }));
    } catch (error) {
      return rejectionOf(error, config.issuer);
    }
    const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const audienceOk = config.audience.some((accepted) => audiences.includes(accepted) || clientId === accepted);
    if (!audienceOk) return invalid(m.tokenOtherClient());
    if (typeof payload.exp !== 'number') return invalid(m.tokenWithoutExpiry());

    const authorization: JwtAuthorization = {
      claims: flattenClaims(payload),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null,
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, { authorization, expiresAt: payload.exp * 1000 });
    return authorization;
  };
}

function invalid(detail: LocalizedText): JwtRejection {
  return { rejected: 'TOKEN_INVALID', detail };
}

/** Names what failed, so that a caller knows whether to log in again or fix the token. */
function rejectionOf(error: unknown, issuer: string): JwtRejection {
  if (error instanceof errors.JWTExpired) {
    return {
      rejected: 'TOKEN_EXPIRED',
      detail: m.tokenExpired(),
    };
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
    return invalid(m.tokenOtherIssuer({ issuedBy: String(error.payload.iss), issuer }));
  }
  if (error instanceof errors.JWTClaimValidationFailed) return invalid(m.tokenClaimInvalid({ claim: error.claim }));
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return invalid(m.tokenSignature());
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalid(m.tokenAlgorithm());
  return invalid(m.tokenMalformed());
}

/**
 * API Gateway passes every claim as a string: numbers and booleans as their text, arrays
 * as `[a b]` (so `cognito:groups` arrives as "[admins]"), objects as JSON.
 */
function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = flattenClaim(value);
  }
  return claims;
}

function flattenClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(flattenClaim).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
