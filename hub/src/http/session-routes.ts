import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayAdminister, type SessionEndReason, type SessionRefused, type SessionsRevoked } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Access } from '../auth/access';
import { bearerToken, sendJson } from './json';
import { sourceAddress } from './source-address';

/**
 * The session's own routes, all with the session's bearer token: sign-out (`DELETE /api/v1/session`),
 * renewal (`POST /api/v1/session/renew`) and an admin's revocation of all of an officer's sessions
 * (`POST /api/v1/officers/:id/sessions/revoke`). A token whose session is over gets 401 with the reason.
 */
export interface SessionRoutesDeps {
  readonly access: Access;
  readonly log: Logger;
  /** Take the source address from X-Forwarded-For (the hub is behind a reverse proxy). */
  readonly trustProxy: boolean;
}

const REVOKE_PATH = /^\/api\/v1\/officers\/([^/]+)\/sessions\/revoke$/;

export const SESSION_END_MESSAGES: Readonly<Record<SessionEndReason, string>> = {
  'signed-out': 'This session was signed out. Sign in again to go on.',
  revoked: 'An administrator ended this session. Sign in again to go on.',
  expired: 'This session has expired. Sign in again to go on.',
  disabled: 'This account has been disabled. Ask the hub administrator.',
  removed: 'This account no longer exists on this hub. Ask the hub administrator.',
  'rights-changed': 'Your role or country scope has changed. Connect again to work with your new rights.',
  demo: 'This sign-in comes from a demonstration run and is not valid on this hub. Sign in again.',
  unknown: 'This hub does not know this sign-in. Sign in again.',
};

function refused(response: ServerResponse, reason: SessionEndReason): void {
  const body: SessionRefused = { error: 'unauthorized', reason, message: SESSION_END_MESSAGES[reason] };
  sendJson(response, 401, body);
}

/** Handles the session routes; false for any other request. */
export function sessionRoutes(deps: SessionRoutesDeps) {
  const { access, log } = deps;

  async function revokeAll(request: IncomingMessage, response: ServerResponse, officerId: string): Promise<void> {
    const caller = await access.authenticate(bearerToken(request));
    if (!caller.ok) return refused(response, caller.reason);
    const decision = mayAdminister(caller.officer);
    if (!decision.ok) return sendJson(response, 403, { error: 'forbidden', message: decision.message });
    const revoked = await access.revokeAll([officerId], 'revoked', { officer: caller.officer, source: sourceAddress(request, deps.trustProxy) });
    log.info({ admin: caller.officer.id, officer: officerId, revoked }, "an admin revoked an officer's sessions");
    const body: SessionsRevoked = { officerId, revoked };
    sendJson(response, 200, body);
  }

  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> => {
    const method = request.method ?? 'GET';
    if (method === 'DELETE' && path === '/api/v1/session') {
      request.resume();
      const outcome = await access.signOut(bearerToken(request), sourceAddress(request, deps.trustProxy));
      if ('reason' in outcome) refused(response, outcome.reason);
      else response.writeHead(204).end();
      return true;
    }
    if (method === 'POST' && path === '/api/v1/session/renew') {
      request.resume();
      const renewed = await access.renew(bearerToken(request));
      if ('reason' in renewed) refused(response, renewed.reason);
      else sendJson(response, 200, renewed);
      return true;
    }
    const revoke = REVOKE_PATH.exec(path);
    if (method === 'POST' && revoke) {
      request.resume();
      await revokeAll(request, response, decodeURIComponent(revoke[1]!));
      return true;
    }
    return false;
  };
}
export type SessionRoutes = ReturnType<typeof sessionRoutes>;
