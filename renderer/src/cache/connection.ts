import { META_KEY, openDatabases, SCHEMA_VERSION, type CacheDatabase, type CacheDatabases, type DatabaseOptions, type MetaRow } from './database';
import { isCorruption, isQuotaError, messageOf, QUOTA_MESSAGE } from './errors';
import { describeNotice, rebuiltNotice } from './notices';
import { rebuildDatabase, salvageOutbox, type Salvage } from './recovery';
import { parseMetaRow, parseOutboxRow } from './rows';
import type { CacheIdentity, CacheNotice, WriteFailure } from './types';

/**
 * The cache's open database and whose it is: opening it (rebuilding one that cannot be read), binding it to
 * a hub and officer (wiping what belongs to others), and the guards every other part runs its reads and
 * writes in, which rebuild a damaged cache and report it. The other parts (picture, outbox, event log)
 * reach the database only through this.
 */

/** The stores the picture lives in: all of them rebuildable from the hub. */
export const DATA_STORES = ['eventBlocks', 'alerts', 'hitChunks', 'operations', 'checkpoints', 'meta'] as const;
export const ALL_STORES = [...DATA_STORES, 'outbox'] as const;

export interface CacheConnection {
  /** The open databases; a rebuild replaces them, so each operation reads this as it starts. */
  databases(): CacheDatabases;
  identity(): CacheIdentity;
  readonly now: () => number;
  /**
   * Wipes what belongs to another hub or officer: the outbox rows queued for them and, for another hub,
   * officer or rights, the picture. Returns what the officer is told, if anything.
   */
  bind(next: CacheIdentity): Promise<CacheNotice | undefined>;
  /** Runs a read or write; corruption found on the way rebuilds the cache and is reported, quota too. */
  guarded<T>(work: () => Promise<T>): Promise<T | WriteFailure>;
  /** Runs a read; a damaged cache is rebuilt (and reported in the notices given to `read`) and read again. */
  readRepairing<T>(read: (notices: readonly CacheNotice[]) => Promise<T>): Promise<T>;
  /** The picture's meta row; a fresh one when nothing is stored yet. */
  readMeta(): Promise<MetaRow>;
  /** Forgets the picture, keeping the outbox; runs inside a transaction over `DATA_STORES`. */
  clearPicture(database: CacheDatabase): Promise<void>;
  close(): void;
}

export interface ConnectionOptions extends DatabaseOptions {
  readonly name: string;
  readonly now: () => number;
}

function freshMeta(identity: CacheIdentity, now: number): MetaRow {
  return {
    key: META_KEY,
    schemaVersion: SCHEMA_VERSION,
    ...(identity.hubId === undefined ? {} : { hubId: identity.hubId }),
    officerId: identity.officerId,
    ...(identity.rights === undefined ? {} : { rights: identity.rights }),
    through: 0,
    lastAt: 0,
    savedAt: now,
    nextChunk: 0,
  };
}

/**
 * Opens the cache named in `options` for `identity`. A database that cannot be opened, or whose rows turn
 * out damaged while binding, is rebuilt with the outbox rows that can still be read; `notices` says so.
 */
export async function openConnection(
  identity: CacheIdentity,
  options: ConnectionOptions,
): Promise<{ readonly connection: CacheConnection; readonly notices: readonly CacheNotice[] }> {
  const { name, now } = options;
  const notices: CacheNotice[] = [];
  let current = identity;
  let databases: CacheDatabases;

  try {
    databases = await openDatabases(name, options);
  } catch (error) {
    if (isQuotaError(error)) throw error;
    const salvage: Salvage = { kept: [], lost: undefined };
    databases = await rebuildDatabase(name, options, undefined, salvage);
    notices.push(rebuiltNotice('unreadable', messageOf(error), salvage));
  }

  async function rebuild(reason: 'unreadable' | 'invalid-rows', detail: string): Promise<CacheNotice> {
    const salvage = await salvageOutbox(databases);
    databases = await rebuildDatabase(name, options, databases, salvage);
    await bind(current);
    return rebuiltNotice(reason, detail, salvage);
  }

  async function clearPicture(database: CacheDatabase): Promise<void> {
    for (const store of DATA_STORES) await database.table(store).clear();
    await database.meta.put(freshMeta(current, now()));
  }

  async function bind(next: CacheIdentity): Promise<CacheNotice | undefined> {
    const { durable } = databases;
    return durable.transaction('rw', [...ALL_STORES], async () => {
      const stored = await durable.meta.get(META_KEY);
      const meta = stored === undefined ? undefined : parseMetaRow(stored);
      const hubId = next.hubId ?? meta?.hubId;
      const rights = next.rights ?? meta?.rights;
      const sameOfficer = meta === undefined || meta.officerId === next.officerId;
      const sameRights = meta === undefined || next.rights === undefined || meta.rights === next.rights;
      const sameHub = meta?.hubId === undefined || next.hubId === undefined || meta.hubId === next.hubId;
      const rows = (await durable.outbox.toArray()).map(parseOutboxRow);
      const foreign = rows.filter((row) => row.officerId !== next.officerId || (hubId !== undefined && row.hubId !== hubId));
      if (foreign.length > 0) await durable.outbox.bulkDelete(foreign.map((row) => row.position!));
      current = { officerId: next.officerId, ...(hubId === undefined ? {} : { hubId }), ...(rights === undefined ? {} : { rights }) };
      if (meta !== undefined && sameOfficer && sameHub && sameRights) {
        if (meta.hubId === undefined && next.hubId !== undefined) await durable.meta.put({ ...meta, hubId: next.hubId });
      } else {
        await clearPicture(durable);
      }
      // New rights rebuild the picture quietly: the officer is told of the change itself (see the session).
      if (meta === undefined || (sameOfficer && sameHub && foreign.length === 0)) return undefined;
      return {
        kind: 'identity-changed',
        previous: { officerId: meta.officerId, ...(meta.hubId === undefined ? {} : { hubId: meta.hubId }) },
        droppedCommands: foreign.map((row) => row.command),
      } satisfies CacheNotice;
    });
  }

  const connection: CacheConnection = {
    databases: () => databases,
    identity: () => current,
    now,
    bind,
    clearPicture,

    async guarded(work) {
      try {
        return await work();
      } catch (error) {
        if (isQuotaError(error)) return { ok: false, reason: 'quota', message: QUOTA_MESSAGE };
        if (isCorruption(error)) {
          const notice = await rebuild('invalid-rows', error.message);
          return { ok: false, reason: 'rebuilt', notice, message: describeNotice(notice) };
        }
        return { ok: false, reason: 'failed', message: `The local cache could not be written: ${messageOf(error)}` };
      }
    },

    async readRepairing(read) {
      try {
        return await read([]);
      } catch (error) {
        if (!isCorruption(error)) throw error;
        const notice = await rebuild('invalid-rows', error.message);
        return read([notice]);
      }
    },

    async readMeta() {
      const stored = await databases.data.meta.get(META_KEY);
      return stored === undefined ? freshMeta(current, now()) : parseMetaRow(stored);
    },

    close() {
      databases.data.close();
      databases.durable.close();
    },
  };

  try {
    const notice = await bind(identity);
    if (notice !== undefined) notices.push(notice);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    notices.push(await rebuild('invalid-rows', error.message));
  }
  return { connection, notices };
}
