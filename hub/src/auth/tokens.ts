import { SignJWT, errors, jwtVerify } from 'jose';

/**
 * Session tokens: HS256 JWTs naming an officer and one of their sessions, and when the token lapses.
 * Nothing in a token is authoritative beyond that: role, scope, whether the officer is enabled and whether
 * the session is still live are read from the directory (see access.ts). The secret lives in the database
 * (or WATCHFLOOR_TOKEN_SECRET), so every hub on one database accepts every other's tokens, across restarts.
 */
const ISSUER = 'watchfloor-hub';
const AUDIENCE = 'watchfloor-console';

export interface TokenClaims {
  readonly officerId: string;
  readonly sessionId: string;
}

/** A token the hub signed but that lapsed is `expired`; a missing, malformed or forged one is `invalid`. */
export type TokenVerdict = { readonly claims: TokenClaims } | { readonly refused: 'expired' | 'invalid' };

export interface TokenService {
  issue(claims: TokenClaims, expiresAt: number): Promise<string>;
  /** The officer and session a token names, as of `at`. */
  verify(token: unknown, at: number): Promise<TokenVerdict>;
}

const INVALID: TokenVerdict = { refused: 'invalid' };

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (claims, expiresAt) =>
      new SignJWT({ sid: claims.sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.officerId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.ceil(expiresAt / 1000))
        .sign(key),
    verify: async (token, at) => {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return INVALID;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: new Date(at),
        });
        const { sub, sid } = payload;
        if (typeof sub !== 'string' || typeof sid !== 'string' || sub.length === 0 || sid.length === 0) return INVALID;
        return { claims: { officerId: sub, sessionId: sid } };
      } catch (error) {
        // Thrown only once the signature checked out: the hub did sign it.
        if (error instanceof errors.JWTExpired) return { refused: 'expired' };
        if (error instanceof errors.JOSEError) return INVALID;
        throw error;
      }
    },
  };
}
