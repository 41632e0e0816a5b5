import { randomUUID } from 'node:crypto';
import { Officer, type SessionEndReason, type SessionResponse } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/index';
import type { Database } from '../db/database';
import {
  extendSession,
  insertSession,
  readCurrentSessions,
  readSession,
  revokeOfficerSessions,
  revokeSession,
  type RevokedReason,
  type SessionRecord,
} from './sessions';
import type { TokenService } from './tokens';

/**
 * Who may act right now: the officer directory and the current sessions, held in memory so every socket
 * message can be checked without a database query, and kept fresh. A change made on this hub applies at
 * once and is announced to the other hubs on the database (NOTIFY), which re-read; every hub also re-reads
 * on a short timer, so a missed notification costs at most `refreshMs`. Listeners (the socket namespace)
 * hear of every re-read and close what is no longer allowed.
 */
export interface DirectoryEntry {
  readonly officer: Officer;
  readonly disabled: boolean;
  readonly demo: boolean;
}

export interface SessionLifetimes {
  /** How long a token (and the session, unless renewed) lasts from sign-in or renewal. */
  readonly tokenMs: number;
  /** No renewal takes a session past this long after sign-in. */
  readonly maxMs: number;
}

export type Authenticated =
  | { readonly ok: true; readonly officer: Officer; readonly session: SessionRecord }
  | { readonly ok: false; readonly reason: SessionEndReason };

export interface Access {
  /** Opens a session for an officer whose password was just checked, recorded in the audit trail with `source`. */
  open(officerId: string, source: string): Promise<SessionResponse | undefined>;
  /** The officer and session a token stands for, as the directory says now, or why it stands for nothing. */
  authenticate(token: unknown): Promise<Authenticated>;
  /** A new token for the same session, lasting up to `tokenMs` more (never past its cap). */
  renew(token: unknown): Promise<SessionResponse | { readonly reason: SessionEndReason }>;
  /** Revokes the token's session (sign-out), recorded in the audit trail with `source`. */
  signOut(token: unknown, source: string): Promise<{ readonly ok: true } | { readonly reason: SessionEndReason }>;
  /**
   * Revokes every live session of these officers; how many. With `by`, an admin's act, recorded in the audit
   * trail in the same transaction.
   */
  revokeAll(officerIds: readonly string[], reason: RevokedReason, by?: { readonly officer: Officer; readonly source: string }): Promise<number>;
  /**
   * From memory: why `sessionId` may no longer act as `officer` (whose role and scope the socket was given),
   * or undefined while it may.
   */
  standing(sessionId: string, officer: Officer): SessionEndReason | undefined;
  /** When the session ends unless renewed, from memory. */
  expiresAt(sessionId: string): number | undefined;
  /** Re-reads one session (another hub may have renewed it) before deciding it is over. */
  recheck(sessionId: string): Promise<void>;
  /** Re-reads the directory and sessions, then tells the listeners. */
  refresh(): Promise<void>;
  /** After a change to the directory or sessions in the database: re-read here and tell the other hubs. */
  changed(): Promise<void>;
  onChange(listener: () => void): () => void;
  readonly now: () => number;
}

export interface AccessDeps {
  readonly db: Database;
  readonly tokens: TokenService;
  readonly log: Logger;
  /** Whether this hub runs in demo mode: outside it, sessions of a demo run are refused. */
  readonly demo: boolean;
  readonly lifetimes: SessionLifetimes;
  readonly now?: () => number;
  /** Tells the other hubs on this database to re-read; absent with a single-process database. */
  readonly announce?: () => Promise<void>;
}

interface EntryRow {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly scope: string | null;
  readonly disabled: boolean;
  readonly demo: boolean;
  readonly [column: string]: unknown;
}

async function readDirectory(db: Database): Promise<Map<string, DirectoryEntry>> {
  const rows = await db.query<EntryRow>('select id, name, role, scope, disabled, demo from officers');
  const entries = new Map<string, DirectoryEntry>();
  for (const row of rows) {
    const officer = Officer.safeParse({ id: row.id, name: row.name, role: row.role, scope: row.scope ?? undefined });
    if (officer.success) entries.set(row.id, { officer: officer.data, disabled: row.disabled, demo: row.demo });
  }
  return entries;
}

export function createAccess(deps: AccessDeps): Access {
  const { db, tokens, log, lifetimes } = deps;
  const now = deps.now ?? Date.now;
  let directory = new Map<string, DirectoryEntry>();
  let sessions = new Map<string, SessionRecord>();
  const listeners = new Set<() => void>();

  function tell(): void {
    for (const listener of listeners) listener();
  }

  async function refresh(): Promise<void> {
    const [freshDirectory, current] = await Promise.all([readDirectory(db), readCurrentSessions(db, now())]);
    directory = freshDirectory;
    sessions = new Map(current.map((session) => [session.id, session]));
    tell();
  }

  async function changed(): Promise<void> {
    await refresh();
    await deps.announce?.().catch((error: unknown) => log.error({ err: error }, 'could not tell the other hubs of a directory change; they re-read shortly'));
  }

  function standing(sessionId: string, seen?: Officer): SessionEndReason | undefined {
    const session = sessions.get(sessionId);
    if (session === undefined) return 'unknown';
    if (session.revoked !== undefined) return session.revoked;
    if (session.demo && !deps.demo) return 'demo';
    if (session.expiresAt <= now()) return 'expired';
    const entry = directory.get(session.officerId);
    if (entry === undefined) return 'removed';
    if (entry.disabled) return 'disabled';
    if (seen !== undefined && (seen.role !== entry.officer.role || seen.scope !== entry.officer.scope)) return 'rights-changed';
    return undefined;
  }

  async function authenticate(token: unknown): Promise<Authenticated> {
    const verdict = await tokens.verify(token, now());
    if ('refused' in verdict) return { ok: false, reason: verdict.refused === 'expired' ? 'expired' : 'unknown' };
    const { claims } = verdict;
    // A session opened on another hub, or an officer added there, since this hub last read.
    if (!sessions.has(claims.sessionId)) await refresh();
    const session = sessions.get(claims.sessionId);
    if (session === undefined || session.officerId !== claims.officerId) return { ok: false, reason: 'unknown' };
    const reason = standing(session.id);
    if (reason !== undefined) return { ok: false, reason };
    return { ok: true, officer: directory.get(session.officerId)!.officer, session };
  }

  async function issue(session: SessionRecord, officer: Officer): Promise<SessionResponse> {
    const token = await tokens.issue({ officerId: officer.id, sessionId: session.id }, session.expiresAt);
    return { token, officer, expiresAt: session.expiresAt, renewableUntil: session.endsBy };
  }

  return {
    now,
    standing: (sessionId, officer) => standing(sessionId, officer),
    expiresAt: (sessionId) => sessions.get(sessionId)?.expiresAt,
    authenticate,
    refresh,
    changed,

    async open(officerId, source) {
      if (!directory.has(officerId)) await refresh();
      const entry = directory.get(officerId);
      if (entry === undefined || entry.disabled) return undefined;
      const at = now();
      const session: SessionRecord = {
        id: randomUUID(),
        officerId,
        createdAt: at,
        expiresAt: Math.min(at + lifetimes.tokenMs, at + lifetimes.maxMs),
        endsBy: at + lifetimes.maxMs,
        demo: entry.demo,
      };
      const { officer } = entry;
      await db.transaction(async (tx) => {
        await insertSession(tx, session);
        await appendAudit(tx, { act: 'signed-in', at, officer: { id: officer.id, name: officer.name }, source, details: { role: officer.role } });
      });
      sessions.set(session.id, session);
      return issue(session, entry.officer);
    },

    async renew(token) {
      const found = await authenticate(token);
      if (!found.ok) return { reason: found.reason };
      const at = now();
      const extended = await extendSession(db, found.session.id, at + lifetimes.tokenMs, at);
      if (extended === undefined) {
        await refresh();
        return { reason: standing(found.session.id) ?? 'unknown' };
      }
      sessions.set(extended.id, extended);
      // Other hubs' sockets of this session must not close at the old expiry.
      await deps.announce?.().catch((error: unknown) => log.warn({ err: error }, 'could not tell the other hubs of a renewal; they re-check at the old expiry'));
      tell();
      return issue(extended, found.officer);
    },

    async signOut(token, source) {
      const found = await authenticate(token);
      if (!found.ok) return { reason: found.reason };
      const { officer } = found;
      await db.transaction(async (tx) => {
        const at = now();
        // A session another request ended meanwhile is not signed out twice.
        if (await revokeSession(tx, found.session.id, 'signed-out', at)) {
          await appendAudit(tx, { act: 'signed-out', at, officer: { id: officer.id, name: officer.name }, source, details: {} });
        }
      });
      await changed();
      log.info({ officer: found.officer.id }, 'signed out');
      return { ok: true };
    },

    async revokeAll(officerIds, reason, by) {
      const at = now();
      const revoked =
        by === undefined
          ? await revokeOfficerSessions(db, officerIds, reason, at)
          : await db.transaction(async (tx) => {
              let total = 0;
              for (const id of officerIds) {
                const count = await revokeOfficerSessions(tx, [id], reason, at);
                await appendAudit(tx, { act: 'admin-changed', at, officer: { id: by.officer.id, name: by.officer.name }, source: by.source, details: { target: 'sessions', id, revoked: count } });
                total += count;
              }
              return total;
            });
      await changed();
      return revoked;
    },

    async recheck(sessionId) {
      const session = await readSession(db, sessionId);
      if (session === undefined) sessions.delete(sessionId);
      else sessions.set(sessionId, session);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
