import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Decision, Forbidden, Officer, SessionRefused } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Access } from '../auth/access';
import { recordAudit } from '../audit/index';
import type { Database } from '../db/database';
import { bearerToken, sendJson } from './json';
import { SESSION_END_MESSAGES } from './session-routes';
import { sourceAddress } from './source-address';

/**
 * The first step of an HTTP route whose acts the audit trail records: the officer the session's bearer token
 * names, if `decide` lets them do `what`. Otherwise the answer is sent (401 for a session that cannot act,
 * 403 naming who may) and a refusal is recorded in the trail, with the request's source address.
 */
export interface AuditedRouteDeps {
  readonly access: Access;
  readonly db: Pick<Database, 'query' | 'transaction'>;
  readonly log: Logger;
  readonly now: () => number;
  readonly trustProxy: boolean;
}

/** The permitted officer, or undefined once the refusal has been sent (and recorded). */
export async function permittedOfficer(
  deps: AuditedRouteDeps,
  request: IncomingMessage,
  response: ServerResponse,
  what: string,
  decide: (officer: Officer) => Decision<Forbidden>,
): Promise<Officer | undefined> {
  const found = await deps.access.authenticate(bearerToken(request));
  if (!found.ok) {
    const body: SessionRefused = { error: 'unauthorized', reason: found.reason, message: SESSION_END_MESSAGES[found.reason] };
    sendJson(response, 401, body);
    return undefined;
  }
  const { officer } = found;
  const decision = decide(officer);
  if (decision.ok) return officer;
  await recordAudit(deps.db, {
    act: 'refused',
    at: deps.now(),
    officer: { id: officer.id, name: officer.name },
    source: sourceAddress(request, deps.trustProxy),
    details: { command: what, code: decision.code, reason: decision.reason, params: decision.params, message: decision.message },
  });
  deps.log.warn({ officer: officer.id, role: officer.role, what }, 'request refused');
  sendJson(response, 403, { error: 'forbidden', message: decision.message });
  return undefined;
}
