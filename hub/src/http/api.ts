import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  IngestHitBody,
  SessionRequest,
  parseWith,
  type HealthResponse,
  type Officer,
  type SessionResponse,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import { recordAudit } from '../audit/index';
import type { IngestKeyRing } from '../auth/ingest-keys';
import type { OfficerDirectory } from '../auth/officers';
import type { SignInGuard } from '../auth/sign-in-guard';
import type { Access } from '../auth/access';
import type { AdminOutcome, Authority } from '../core/authority';
import { unstorableText } from '../core/storable';
import type { Database } from '../db/database';
import type { OriginCheck } from './allowed-origins';
import { auditRoutes } from './audit-routes';
import { exportRoutes } from './export-routes';
import { HttpError, bearerToken, readJson, sendJson } from './json';
import { SESSION_END_MESSAGES, sessionRoutes } from './session-routes';
import { API_HEADERS } from './security-headers';
import { sourceAddress } from './source-address';

/**
 * HTTP routes of protocol v1. Everything under /api/v1 answers JSON; a request that fails validation
 * changes nothing and says what to fix.
 */
export interface ApiDeps {
  readonly authority: Authority;
  readonly directory: OfficerDirectory;
  /** Sessions and the officer directory as they stand now: who a bearer token stands for. */
  readonly access: Access;
  /** The checkpoint systems' keys; a hub without any refuses every ingest with 401. */
  readonly ingestKeys: IngestKeyRing;
  readonly log: Logger;
  /** Throttles sign-in per account and source address, and bounds password hashing. */
  readonly signInGuard: SignInGuard;
  /** Which web pages may call the API; requests from others are refused before anything is read. */
  readonly origins: OriginCheck;
  /** Take the source address from X-Forwarded-For (the hub is behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** Where failed sign-ins are recorded in the audit trail, and the trail the audit routes read. */
  readonly db: Pick<Database, 'query' | 'transaction'>;
  readonly now: () => number;
}

const SMALL_BODY = 64 * 1024;
const ADMIN_BODY = 1024 * 1024;

/** Sent, with the page's own origin as the allowed one, only to pages of allowed origins. */
const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
};

export function apiHandler(deps: ApiDeps) {
  const { authority, log } = deps;
  const sessions = sessionRoutes({ access: deps.access, log, trustProxy: deps.trustProxy });
  const audit = auditRoutes({ access: deps.access, db: deps.db, log, now: deps.now, trustProxy: deps.trustProxy });
  const exports = exportRoutes({ access: deps.access, db: deps.db, log, now: deps.now, trustProxy: deps.trustProxy });

  /** A wrong username or password, recorded with the username tried and where from (never the password). */
  async function signInFailed(response: ServerResponse, username: string, source: string): Promise<void> {
    await recordAudit(deps.db, { act: 'sign-in-failed', at: deps.now(), source, details: { username } });
    sendJson(response, 401, { error: 'unauthorized', message: 'Wrong username or password.' });
  }

  async function admin(request: IncomingMessage): Promise<Officer> {
    const found = await deps.access.authenticate(bearerToken(request));
    if (!found.ok) throw new HttpError(401, { error: 'unauthorized', message: SESSION_END_MESSAGES[found.reason] });
    return found.officer;
  }

  function adminResult(response: ServerResponse, outcome: AdminOutcome): void {
    if (outcome.ok) return sendJson(response, 200, { seq: outcome.seq });
    const status = outcome.code === 'forbidden' ? 403 : 400;
    sendJson(response, status, { error: outcome.code, message: outcome.message });
  }

  function rateLimited(response: ServerResponse, retryAfterMs: number): void {
    response.setHeader('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    const seconds = Math.ceil(retryAfterMs / 1000);
    const wait = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} minutes`;
    sendJson(response, 429, { error: 'rate-limited', message: `Too many sign-in attempts. Try again in ${wait}.`, retryAfterMs });
  }

  async function route(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/api/v1/health') {
      const quarantined = authority.quarantined();
      const health: HealthResponse =
        quarantined === 0
          ? { status: 'ok', headSeq: authority.cursor() }
          : { status: 'degraded', headSeq: authority.cursor(), quarantinedEvents: quarantined };
      return sendJson(response, 200, health);
    }
    if (method === 'POST' && path === '/api/v1/session') {
      const parsed = parseWith(SessionRequest, await readJson(request, SMALL_BODY));
      if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', issues: parsed.issues });
      // No officer has such a username, and the audit trail could not record the attempt.
      const unstorable = unstorableText(parsed.value.username, ['username']);
      if (unstorable !== undefined) return sendJson(response, 400, { error: 'invalid', issues: [unstorable] });
      const address = sourceAddress(request, deps.trustProxy);
      const verdict = await deps.signInGuard.attempt(parsed.value.username, address, () =>
        deps.directory.signIn(parsed.value.username, parsed.value.password),
      );
      if (verdict.kind === 'rate-limited') return rateLimited(response, verdict.retryAfterMs);
      if (verdict.kind === 'refused') return signInFailed(response, parsed.value.username, address);
      const officer = verdict.officer;
      const body: SessionResponse | undefined = await deps.access.open(officer.id, address);
      if (body === undefined) return signInFailed(response, parsed.value.username, address);
      log.info({ officer: officer.id, role: officer.role, address }, 'signed in');
      return sendJson(response, 200, body);
    }
    if (method === 'POST' && path === '/api/v1/hits') {
      const source = deps.ingestKeys.find(bearerToken(request));
      if (source === undefined) {
        request.resume();
        return sendJson(response, 401, { error: 'unauthorized', message: 'A valid ingest key is required (Authorization: Bearer <key>).' });
      }
      const parsed = parseWith(IngestHitBody, await readJson(request, SMALL_BODY));
      if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', issues: parsed.issues });
      const outcome = await authority.ingest(parsed.value, source);
      if (outcome.status === 400) return sendJson(response, 400, { error: 'invalid', issues: outcome.issues });
      if (outcome.status === 403) {
        log.warn({ source: source.id, checkpoint: parsed.value.checkpointId }, 'ingest refused: checkpoint outside the key\'s scope');
        return sendJson(response, 403, { error: 'forbidden', message: outcome.message });
      }
      return sendJson(response, outcome.status, { hitId: outcome.hitId, seq: outcome.seq });
    }
    const operation = /^\/api\/v1\/operations\/([^/]+)$/.exec(path);
    if (method === 'PUT' && operation) {
      const officer = await admin(request);
      const body = await readJson(request, ADMIN_BODY);
      return adminResult(response, await authority.upsertOperation(officer, withId(body, operation[1]!)));
    }
    const checkpoint = /^\/api\/v1\/checkpoints\/([^/]+)$/.exec(path);
    if (method === 'PUT' && checkpoint) {
      const officer = await admin(request);
      const body = await readJson(request, ADMIN_BODY);
      return adminResult(response, await authority.upsertCheckpoint(officer, withId(body, checkpoint[1]!)));
    }
    if (await sessions(request, response, path)) return;
    if (await audit(request, response, path)) return;
    if (await exports(request, response, path)) return;
    throw new HttpError(404, { error: 'not-found', message: `No route ${method} ${path}.` });
  }

  /** Handles /api/* requests; returns false for anything else. */
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://hub').pathname;
    if (!path.startsWith('/api/')) return false;
    for (const [name, value] of Object.entries(API_HEADERS)) response.setHeader(name, value);
    response.setHeader('Vary', 'Origin');
    const origin = deps.origins(request);
    if (origin.kind === 'refused') {
      request.resume();
      log.warn({ origin: origin.origin, path, address: sourceAddress(request, deps.trustProxy) }, 'request from a page of another origin refused');
      sendJson(response, 403, { error: 'forbidden', message: `This hub does not answer pages from ${origin.origin}. Bureau IT can allow it with --allowed-origins.` });
      return true;
    }
    if (origin.kind === 'allowed') {
      response.setHeader('Access-Control-Allow-Origin', origin.origin);
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return true;
    }
    try {
      await route(request, response, path);
    } catch (error) {
      if (error instanceof HttpError) sendJson(response, error.status, error.body);
      else {
        log.error({ err: error, path }, 'request failed');
        sendJson(response, 500, { error: 'internal', message: 'The hub could not handle this request; nothing was changed.' });
      }
    }
    return true;
  };
}

/** The id in the URL wins; a body naming another id is refused by the schema check that follows. */
function withId(body: unknown, id: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const given = (body as { id?: unknown }).id;
  return given === undefined ? { ...body, id: decodeURIComponent(id) } : given === decodeURIComponent(id) ? body : { ...body, id: null };
}
