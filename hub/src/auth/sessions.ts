import type { SessionEndReason } from '@watchfloor/shared';
import type { Queryable } from '../db/database';

/**
 * The `sessions` table: one row per sign-in. A session ends when it is revoked (sign-out, an admin, the
 * officer removed), at `expiresAt` unless renewed, and never later than `endsBy`. Sessions of a demo run
 * are flagged, so a hub outside demo mode can refuse them.
 */
export interface SessionRecord {
  readonly id: string;
  readonly officerId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly endsBy: number;
  readonly revoked?: RevokedReason;
  readonly demo: boolean;
}

export type RevokedReason = Extract<SessionEndReason, 'signed-out' | 'revoked' | 'removed' | 'disabled' | 'demo'>;
const REVOKED_REASONS: ReadonlySet<string> = new Set<RevokedReason>(['signed-out', 'revoked', 'removed', 'disabled', 'demo']);

interface SessionRow {
  readonly id: string;
  readonly officer_id: string;
  readonly created_at: string | number;
  readonly expires_at: string | number;
  readonly ends_by: string | number;
  readonly revoked_reason: string | null;
  readonly demo: boolean;
  readonly [column: string]: unknown;
}

function toRecord(row: SessionRow): SessionRecord {
  const reason = row.revoked_reason;
  return {
    id: row.id,
    officerId: row.officer_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    endsBy: Number(row.ends_by),
    // A reason this hub does not know (a newer hub's) still means revoked.
    ...(reason === null ? {} : { revoked: REVOKED_REASONS.has(reason) ? (reason as RevokedReason) : 'revoked' }),
    demo: row.demo,
  };
}

export async function insertSession(db: Queryable, session: SessionRecord): Promise<void> {
  await db.query(
    'insert into sessions (id, officer_id, created_at, expires_at, ends_by, demo) values ($1, $2, $3, $4, $5, $6)',
    [session.id, session.officerId, session.createdAt, session.expiresAt, session.endsBy, session.demo],
  );
}

/** Moves a live session's expiry; undefined when it is revoked or already over at `at`. */
export async function extendSession(db: Queryable, id: string, expiresAt: number, at: number): Promise<SessionRecord | undefined> {
  const rows = await db.query<SessionRow>(
    `update sessions set expires_at = least($2::bigint, ends_by) where id = $1 and revoked_at is null and expires_at > $3
     returning *`,
    [id, expiresAt, at],
  );
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

export async function readSession(db: Queryable, id: string): Promise<SessionRecord | undefined> {
  const rows = await db.query<SessionRow>('select * from sessions where id = $1', [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** Sessions not yet over at `at`, revoked ones included, so the reason of a revocation can be told. */
export async function readCurrentSessions(db: Queryable, at: number): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>('select * from sessions where expires_at > $1', [at]);
  return rows.map(toRecord);
}

/** Revokes one live session; false when it was not live. */
export async function revokeSession(db: Queryable, id: string, reason: RevokedReason, at: number): Promise<boolean> {
  const rows = await db.query('update sessions set revoked_at = $2, revoked_reason = $3 where id = $1 and revoked_at is null and expires_at > $2 returning id', [id, at, reason]);
  return rows.length > 0;
}

/** Revokes every live session of the officers named; how many. */
export async function revokeOfficerSessions(db: Queryable, officerIds: readonly string[], reason: RevokedReason, at: number): Promise<number> {
  if (officerIds.length === 0) return 0;
  const rows = await db.query(
    'update sessions set revoked_at = $2, revoked_reason = $3 where officer_id = any($1::text[]) and revoked_at is null and expires_at > $2 returning id',
    [officerIds, at, reason],
  );
  return rows.length;
}

/** Outside demo mode, every session of a demo run ends. */
export async function revokeDemoSessions(db: Queryable, at: number): Promise<number> {
  const rows = await db.query("update sessions set revoked_at = $1, revoked_reason = 'demo' where demo and revoked_at is null and expires_at > $1 returning id", [at]);
  return rows.length;
}

/** Sessions over for a day are of no use to anyone; called at start. */
export async function forgetOldSessions(db: Queryable, at: number): Promise<void> {
  await db.query('delete from sessions where expires_at < $1', [at - 86_400_000]);
}
