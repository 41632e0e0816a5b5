import { openConnection } from './connection';
import type { DatabaseOptions } from './database';
import { createEventLog, type EventLog } from './event-log';
import { createOutboxStore, type OutboxStore } from './outbox';
import { createPictureReader, type PictureReader } from './picture-load';
import { createPictureWriter, type PictureWriter } from './picture-write';
import { createRetention, type Retention } from './retention';
import type { CacheIdentity, CacheNotice } from './types';

/**
 * The console's local cache: the last known picture for a fast, offline start, and the outbox of commands
 * given while the hub was out of reach. One window writes the picture (see writer-lock.ts) and the others
 * read it; every window queues its own commands in the outbox, and the writer adopts those of windows that
 * are gone.
 *
 * Its parts, each in its own module: connection.ts opens the database, rebuilds a damaged one and binds it
 * to a hub and officer; picture-load.ts and picture-write.ts read and write the picture; outbox.ts holds
 * queued commands; event-log.ts the log kept for replay; retention.ts forgets what is old.
 */
export const DEFAULT_CACHE_NAME = 'watchfloor-cache';

export interface LocalCache extends PictureReader, PictureWriter, OutboxStore, EventLog, Retention {
  identity(): CacheIdentity;
  /**
   * On the hub's hello: another hub than the cached one wipes the cache (outbox rows for it are dropped);
   * other rights (the officer's role or scope changed) wipe the picture and keep the outbox.
   */
  bindHub(hubId: string, rights?: string): Promise<CacheNotice | undefined>;
  close(): void;
}

export interface LocalCacheOptions extends DatabaseOptions {
  readonly name?: string;
  readonly now?: () => number;
}

export interface OpenedCache {
  readonly cache: LocalCache;
  readonly notices: readonly CacheNotice[];
}

export async function openLocalCache(identity: CacheIdentity, options: LocalCacheOptions = {}): Promise<OpenedCache> {
  const { connection, notices } = await openConnection(identity, {
    ...options,
    name: options.name ?? DEFAULT_CACHE_NAME,
    now: options.now ?? Date.now,
  });
  const cache: LocalCache = {
    identity: connection.identity,
    bindHub: (hubId, rights) => connection.bind({ ...connection.identity(), hubId, ...(rights === undefined ? {} : { rights }) }),
    ...createPictureReader(connection),
    ...createPictureWriter(connection),
    ...createOutboxStore(connection),
    ...createEventLog(connection),
    ...createRetention(connection),
    close: connection.close,
  };
  return { cache, notices };
}
