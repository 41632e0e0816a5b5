import { CountryCode, EntityId, Officer, Role, type Actor } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database, Queryable } from '../db/database';
import { checkPassword, hashPassword, readStoredHash } from './passwords';

/**
 * The officer directory: who may sign in, with which role and country scope. Loaded from a users file
 * (`--users FILE`) and/or the `officers` table; demo users exist only in demo mode.
 */
export const UserFileEntry = z.object({
  id: EntityId,
  username: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  role: Role,
  scope: CountryCode.optional(),
  /** `scrypt$…` as written by `npm run hub -- hash-password`, or `password` for a plain one (hashed at load). */
  passwordHash: z.string().superRefine((hash, context) => {
    const read = readStoredHash(hash);
    if ('problem' in read) context.addIssue({ code: 'custom', message: `unusable password hash (${read.problem}): make a new one with npm run hub -- hash-password` });
  }).optional(),
  password: z.string().min(8).optional(),
  /** A disabled officer cannot sign in, and their open sessions end; the entry stays, unlike a removed one. */
  disabled: z.boolean().optional(),
}).refine((entry) => (entry.passwordHash === undefined) !== (entry.password === undefined), {
  message: 'give exactly one of passwordHash or password',
});
export const UserFile = z.array(UserFileEntry).max(10_000);
export type UserFileEntry = z.infer<typeof UserFileEntry>;

/** Documented demo users (README, docs/protocol.md). Seeded only with --demo. */
export const DEMO_USERS: readonly (Officer & { username: string; password: string })[] = [
  { id: 'off-duty', username: 'duty', password: 'duty', name: 'Duty Officer (demo)', role: 'duty-officer' },
  { id: 'off-lead', username: 'lead', password: 'lead', name: 'Shift Lead (demo)', role: 'shift-lead' },
  { id: 'off-wall', username: 'wall', password: 'wall', name: 'Wall Display (demo)', role: 'observer' },
  { id: 'off-abuja', username: 'abuja', password: 'abuja', name: 'NCB Abuja Desk (demo)', role: 'duty-officer', scope: 'NG' },
  { id: 'off-admin', username: 'admin', password: 'admin', name: 'Hub Admin (demo)', role: 'admin' },
  { id: 'off-auditor', username: 'auditor', password: 'auditor', name: 'Data Protection Officer (demo)', role: 'auditor' },
];

/** A row of the `officers` table as the queries here read it. */
export interface OfficerRow {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly scope: string | null;
  readonly password_hash: string;
  readonly [column: string]: unknown;
}

function toOfficer(row: OfficerRow): Officer {
  return Officer.parse({ id: row.id, name: row.name, role: row.role, scope: row.scope ?? undefined });
}

async function upsert(db: Queryable, entry: Officer & { username: string; passwordHash: string; demo: boolean }): Promise<void> {
  await db.query(
    `insert into officers (id, username, name, role, scope, password_hash, demo) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (id) do update set username = excluded.username, name = excluded.name, role = excluded.role,
       scope = excluded.scope, password_hash = excluded.password_hash, demo = excluded.demo`,
    [entry.id, entry.username, entry.name, entry.role, entry.scope ?? null, entry.passwordHash, entry.demo],
  );
}

/**
 * Demo users get hashes at the current parameters like everyone else (about half a second each), hashed
 * side by side on the thread pool and only when missing.
 */
export async function seedDemoUsers(db: Database): Promise<void> {
  const existing = await db.query<{ id: string }>('select id from officers where demo');
  const seeded = new Set(existing.map((row) => row.id));
  const missing = DEMO_USERS.filter((user) => !seeded.has(user.id));
  const hashes = await Promise.all(missing.map((user) => hashPassword(user.password)));
  for (const [index, user] of missing.entries()) await upsert(db, { ...user, passwordHash: hashes[index]!, demo: true });
}

/** Outside demo mode, demo accounts left in a database from a demo run are removed. */
export async function removeDemoUsers(db: Database): Promise<void> {
  await db.query('delete from officers where demo');
}

export interface OfficerDirectory {
  signIn(username: string, password: string): Promise<Officer | undefined>;
  /** `via` is the caller's transaction when there is one: PGlite has a single connection. */
  find(id: string, via?: Queryable): Promise<Actor | undefined>;
}

export function createOfficerDirectory(db: Database, log: Logger): OfficerDirectory {
  /** Stores a hash at the current parameters, unless the password changed meanwhile. */
  async function rehash(row: OfficerRow, password: string): Promise<void> {
    const fresh = await hashPassword(password);
    await db.query('update officers set password_hash = $1 where id = $2 and password_hash = $3', [fresh, row.id, row.password_hash]);
    log.info({ officer: row.id }, 'password hash upgraded to the current parameters (a users file still holds the old one: hash-password makes a new one)');
  }

  return {
    signIn: async (username, password) => {
      const rows = await db.query<OfficerRow>('select * from officers where username = $1', [username]);
      const row = rows[0];
      const check = await checkPassword(password, row?.password_hash);
      if (row === undefined) return undefined;
      if (check.verdict === 'unusable') {
        log.error({ officer: row.id, problem: check.problem }, 'stored password hash refused: the officer needs a new password (hash-password)');
        return undefined;
      }
      if (check.verdict === 'mismatch') return undefined;
      if (row.disabled === true) return undefined;
      if (check.outdated) await rehash(row, password).catch((error: unknown) => log.error({ err: error, officer: row.id }, 'password hash upgrade failed'));
      return toOfficer(row);
    },
    find: async (id, via = db) => {
      const rows = await via.query<OfficerRow>('select * from officers where id = $1', [id]);
      const row = rows[0];
      return row === undefined ? undefined : { id: row.id, name: row.name };
    },
  };
}
