import { Officer } from '@watchfloor/shared';
import { SignJWT, errors, jwtVerify } from 'jose';

/**
 * Session tokens: HS256 JWTs naming the officer, role and scope. The secret lives in the database (or
 * WATCHFLOOR_TOKEN_SECRET), so every hub on one database accepts every other's tokens, across restarts.
 */
const ISSUER = 'watchfloor-hub';
const AUDIENCE = 'watchfloor-console';

export interface TokenService {
  issue(officer: Officer): Promise<string>;
  /** The officer a token names, or undefined when it is missing, malformed, forged or expired. */
  verify(token: unknown): Promise<Officer | undefined>;
}

export function createTokenService(secret: string, lifetimeSeconds = 12 * 3600): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (officer) =>
      new SignJWT({ name: officer.name, role: officer.role, ...(officer.scope ? { scope: officer.scope } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(officer.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
        .sign(key),
    verify: async (token) => {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return undefined;
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        const officer = Officer.safeParse({ id: payload.sub, name: payload.name, role: payload.role, scope: payload.scope });
        return officer.success ? officer.data : undefined;
      } catch (error) {
        if (error instanceof errors.JOSEError) return undefined;
        throw error;
      }
    },
  };
}
