import { readFile } from 'node:fs/promises';
import { describeIssues, parseWith, type AuditEntry } from '@watchfloor/shared';
import { appendAuditEntries } from '../audit/index';
import type { Database } from '../db/database';
import { UserFile, type OfficerRow, type UserFileEntry } from './officers';
import { hashPassword } from './passwords';

/**
 * The users file (`--users FILE`) as the source of the officers it lists: each is added or updated
 * (role, scope, name, password, disabled), and an officer that came from the file and is no longer in it
 * is removed. All of a file applies, or none of it: a file that cannot be read, fails its schema or
 * clashes with the directory (two officers with one username) leaves the directory as it was. Each officer
 * the file adds, changes or removes is recorded in the audit trail in the same transaction (which settings
 * changed; a password change as `password`, never a hash). A plain `password` entry is hashed afresh at
 * every load, so only changes of `passwordHash` entries are told.
 */
export type UsersFileRead = { readonly ok: true; readonly entries: readonly UserFileEntry[] } | { readonly ok: false; readonly problem: string };

export async function readUsersFile(file: string): Promise<UsersFileRead> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: `users file ${file}: ${(error as Error).message}` };
  }
  const parsed = parseWith(UserFile, json);
  if (!parsed.ok) return { ok: false, problem: `users file ${file}: ${describeIssues(parsed.issues)}` };
  return { ok: true, entries: parsed.value };
}

export interface UsersFileApplied {
  /** Officers that came from the file and are no longer in it. */
  readonly removed: readonly string[];
  /** Officers the file marks disabled: their sessions end, so enabling them again revives none. */
  readonly disabled: readonly string[];
}

interface StoredOfficer extends OfficerRow {
  readonly disabled: boolean;
  readonly from_users_file: boolean;
}

/** Which of an officer's settings the entry changes; empty when it changes none. */
function changedFields(stored: StoredOfficer, entry: UserFileEntry): string[] {
  const fields: string[] = [];
  if (stored.username !== entry.username) fields.push('username');
  if (stored.name !== entry.name) fields.push('name');
  if (stored.role !== entry.role) fields.push('role');
  if ((stored.scope ?? undefined) !== entry.scope) fields.push('scope');
  if (stored.disabled !== (entry.disabled === true)) fields.push('disabled');
  if (entry.passwordHash !== undefined && stored.password_hash !== entry.passwordHash) fields.push('password');
  if (!stored.from_users_file) fields.push('source');
  return fields;
}

function officerChanges(stored: readonly StoredOfficer[], entries: readonly UserFileEntry[], removed: readonly StoredOfficer[], at: number): AuditEntry[] {
  const byId = new Map(stored.map((row) => [row.id, row]));
  const changes: AuditEntry[] = [];
  for (const entry of entries) {
    const before = byId.get(entry.id);
    const fields = before === undefined ? [] : changedFields(before, entry);
    if (before !== undefined && fields.length === 0) continue;
    const settings = { username: entry.username, role: entry.role, ...(entry.scope === undefined ? {} : { scope: entry.scope }), disabled: entry.disabled === true };
    changes.push({
      act: 'officer-changed',
      at,
      details: { change: before === undefined ? 'added' : 'updated', officerId: entry.id, ...settings, ...(before === undefined ? {} : { fields }) },
    });
  }
  for (const row of removed) changes.push({ act: 'officer-changed', at, details: { change: 'removed', officerId: row.id, username: row.username } });
  return changes;
}

export async function applyUsersFile(db: Database, entries: readonly UserFileEntry[], at: number): Promise<UsersFileApplied> {
  const hashes = await Promise.all(entries.map((entry) => entry.passwordHash ?? hashPassword(entry.password!)));
  return db.transaction(async (tx) => {
    const stored = await tx.query<StoredOfficer>('select * from officers where id = any($1::text[])', [entries.map((entry) => entry.id)]);
    for (const [index, entry] of entries.entries()) {
      await tx.query(
        `insert into officers (id, username, name, role, scope, password_hash, demo, disabled, from_users_file)
         values ($1, $2, $3, $4, $5, $6, false, $7, true)
         on conflict (id) do update set username = excluded.username, name = excluded.name, role = excluded.role,
           scope = excluded.scope, password_hash = excluded.password_hash, demo = false, disabled = excluded.disabled,
           from_users_file = true`,
        [entry.id, entry.username, entry.name, entry.role, entry.scope ?? null, hashes[index], entry.disabled === true],
      );
    }
    const removed = await tx.query<StoredOfficer>('delete from officers where from_users_file and not (id = any($1::text[])) returning *', [
      entries.map((entry) => entry.id),
    ]);
    await appendAuditEntries(tx, officerChanges(stored, entries, removed, at));
    return { removed: removed.map((row) => row.id), disabled: entries.filter((entry) => entry.disabled === true).map((entry) => entry.id) };
  });
}
