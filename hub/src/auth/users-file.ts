import { readFile } from 'node:fs/promises';
import { describeIssues, parseWith } from '@watchfloor/shared';
import type { Database } from '../db/database';
import { UserFile, type UserFileEntry } from './officers';
import { hashPassword } from './passwords';

/**
 * The users file (`--users FILE`) as the source of the officers it lists: each is added or updated
 * (role, scope, name, password, disabled), and an officer that came from the file and is no longer in it
 * is removed. All of a file applies, or none of it: a file that cannot be read, fails its schema or
 * clashes with the directory (two officers with one username) leaves the directory as it was.
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

export async function applyUsersFile(db: Database, entries: readonly UserFileEntry[]): Promise<UsersFileApplied> {
  const hashes = await Promise.all(entries.map((entry) => entry.passwordHash ?? hashPassword(entry.password!)));
  return db.transaction(async (tx) => {
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
    const removed = await tx.query<{ id: string }>('delete from officers where from_users_file and not (id = any($1::text[])) returning id', [
      entries.map((entry) => entry.id),
    ]);
    return { removed: removed.map((row) => row.id), disabled: entries.filter((entry) => entry.disabled === true).map((entry) => entry.id) };
  });
}
