import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { createAccess, type Access, type SessionLifetimes } from './access';
import { forgetOldSessions, revokeDemoSessions, revokeOfficerSessions } from './sessions';
import { createTokenService } from './tokens';
import { applyUsersFile, readUsersFile } from './users-file';
import { followFile, type FollowedFile } from './watched-file';

/**
 * Starts the hub's access control: sessions of a demo run end outside demo mode, the users file is applied
 * (a bad one stops the start) and followed (a bad change keeps the directory as it was), and the directory
 * and sessions are held in memory, re-read every `refreshMs` and whenever another hub on the database
 * announces a change.
 */
export interface RunningAccess {
  readonly access: Access;
  close(): Promise<void>;
}

export interface AccessSetup {
  readonly db: Database;
  readonly log: Logger;
  readonly secret: string;
  readonly demo: boolean;
  readonly usersFile: string | undefined;
  readonly lifetimes: SessionLifetimes;
  /** The database's NOTIFY channel for directory and session changes (PostgreSQL only). */
  readonly channel: string;
  readonly refreshMs: number;
  readonly now?: () => number;
}

export async function startAccess(setup: AccessSetup): Promise<RunningAccess> {
  const { db, log } = setup;
  const now = setup.now ?? Date.now;
  await forgetOldSessions(db, now());
  if (!setup.demo) {
    const ended = await revokeDemoSessions(db, now());
    if (ended > 0) log.info({ sessions: ended }, 'sessions of a demo run ended: this hub is not in demo mode');
  }
  if (setup.usersFile !== undefined) {
    const read = await readUsersFile(setup.usersFile);
    if (!read.ok) throw new Error(read.problem);
    const applied = await applyUsersFile(db, read.entries, now());
    await revokeOfficerSessions(db, applied.disabled, 'disabled', now());
    if (applied.removed.length > 0) {
      await revokeOfficerSessions(db, applied.removed, 'removed', now());
      log.info({ removed: applied.removed }, 'officers no longer in the users file removed');
    }
  }

  const access = createAccess({
    db,
    log,
    tokens: createTokenService(setup.secret),
    demo: setup.demo,
    lifetimes: setup.lifetimes,
    now,
    ...(db.kind === 'postgres' ? { announce: async () => void (await db.query('select pg_notify($1, $2)', [setup.channel, 'changed'])) } : {}),
  });
  await access.refresh();

  const reRead = () => void access.refresh().catch((error: unknown) => log.error({ err: error }, 'could not re-read the officer directory; trying again shortly'));
  if (db.kind === 'postgres') await db.listen(setup.channel, reRead);
  const timer = setInterval(reRead, setup.refreshMs);
  timer.unref();

  let followed: FollowedFile | undefined;
  if (setup.usersFile !== undefined) {
    const file = setup.usersFile;
    followed = await followFile({ file, log, what: 'users file', reload: () => reloadUsersFile(access, db, log, file, now) });
  }
  return {
    access,
    close: async () => {
      clearInterval(timer);
      followed?.close();
    },
  };
}

async function reloadUsersFile(access: Access, db: Database, log: Logger, file: string, now: () => number): Promise<void> {
  const read = await readUsersFile(file);
  if (!read.ok) {
    log.error({ file, problem: read.problem }, 'users file not reloaded: the hub keeps the officers it had; fix the file');
    return;
  }
  try {
    const applied = await applyUsersFile(db, read.entries, now());
    // Each revocation re-reads the directory and tells open sockets, also when no session was live.
    await access.revokeAll(applied.disabled, 'disabled');
    await access.revokeAll(applied.removed, 'removed');
    log.info({ file, officers: read.entries.length, removed: applied.removed }, 'users file reloaded');
  } catch (error) {
    log.error({ file, problem: (error as Error).message }, 'users file not reloaded: the hub keeps the officers it had; fix the file');
  }
}
