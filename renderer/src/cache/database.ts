import { Dexie, type ChromeTransactionDurability, type Table } from 'dexie';
import type { Alert, Checkpoint, Command, Operation, OpsEvent } from '@watchfloor/shared';
import { rankStoredAlerts } from './alert-ranks';
import { blockStoredEvents } from './event-blocks';

/**
 * The local cache's IndexedDB schema (Dexie). Everything here can be rebuilt from the hub except the outbox.
 * Rows are plain structured-clone data; hit positions are typed arrays in chunks so a million hits load in
 * a few hundred reads instead of a million.
 */

/**
 * A run of log events in seq order (holes allowed: a scoped officer is not sent every seq), stored as one
 * row. Each IndexedDB request costs far more than cloning one event, and a row per event made the log
 * half of what a live batch cost to write. Keyed by the last seq, so the blocks that hold seq >= s are the
 * keys >= s. No seq is held by two blocks (see event-blocks.ts).
 */
export interface EventBlockRow {
  readonly lastSeq: number;
  readonly firstSeq: number;
  readonly firstAt: number;
  /** Time of the newest event: retention drops a block once its newest event is old enough. */
  readonly lastAt: number;
  readonly events: readonly OpsEvent[];
}

/** Current handling state of one alert, with the fields its indexes read pulled out of `alert`. */
export interface AlertRow {
  readonly id: string;
  readonly status: Alert['status'];
  /** Retention drops resolved alerts by it and `status`. */
  readonly updatedAt: number;
  /** `urgencyRank` of the alert: the `[rank+id]` index reads the rows most urgent first. */
  readonly rank: number;
  /** Where the hit's map row lives: hitChunks id and row within it. */
  readonly chunk: number;
  readonly row: number;
  readonly alert: Alert;
}

/**
 * Up to `HIT_CHUNK_ROWS` hits, column by column, in the order they were raised. Arrays are exactly `count`
 * long: a view on a larger buffer would be cloned with the whole buffer.
 */
export interface HitChunkRow {
  readonly id: number;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
  /** Hit ids joined with '\n' (ids cannot contain one): one string clones far faster than `count` strings. */
  readonly ids: string;
  /** lon, lat per row, as the map's GPU column. */
  readonly positions: Float32Array;
  readonly atMs: Float64Array;
  /** Index into SEVERITIES, ALERT_STATUSES and SOURCES. */
  readonly severities: Uint8Array;
  readonly statuses: Uint8Array;
  readonly sources: Uint8Array;
  /** Index into `checkpoints` / `countries` (dictionary encoding). */
  readonly checkpointRefs: Uint16Array;
  readonly checkpoints: readonly string[];
  readonly countryRefs: Uint8Array;
  readonly countries: readonly string[];
}

export type OutboxStatus = 'queued' | 'sent';

export interface OutboxRow {
  /** Insertion order; auto-incremented so commands go to the hub in the order the officer gave them. */
  readonly position?: number;
  readonly mutationId: string;
  readonly hubId: string;
  readonly officerId: string;
  readonly command: Command;
  readonly queuedAt: number;
  readonly attempts: number;
  readonly status: OutboxStatus;
  /**
   * The window that sends it (see `WindowPresence`): the one that queued it, or the writer once that window
   * has gone. Not indexed, so adding it needed no new schema version; rows from before it name no owner
   * and are the writer's.
   */
  readonly owner?: string;
}

export const META_KEY = 'cache';

export interface MetaRow {
  readonly key: typeof META_KEY;
  readonly schemaVersion: number;
  readonly hubId?: string;
  readonly officerId: string;
  /** Every event up to this seq has been applied (the hub's `through`); moves with the data it covers. */
  readonly through: number;
  readonly lastAt: number;
  /** When the cache was last written (epoch ms): the age shown with the cached picture. */
  readonly savedAt: number;
  readonly nextChunk: number;
  readonly retentionMs?: number;
  /**
   * The highest seq kept from the hub's history (for replay) above `through`, if any: live batches that
   * reach it look those seqs up so that no seq is stored twice. Unset in the usual case, where replay
   * fetches only what lies below `through`.
   */
  readonly keptThrough?: number;
  /**
   * The seq of the hub snapshot the picture was built from, if it was: the cached log holds the events after
   * it, and earlier ones only where replay kept them from the hub's history.
   */
  readonly snapshotSeq?: number;
  /** The role and scope the picture was built for (see `CacheIdentity`). */
  readonly rights?: string;
}

/**
 * Schema history. A new version appends an entry (Dexie keeps the old ones for upgrading from them) and may
 * give an `upgrade` that migrates rows; stores not named keep their definition.
 */
interface SchemaVersion {
  readonly version: number;
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (transaction: import('dexie').Transaction) => Promise<void> | void;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      events: 'seq, at',
      alerts: 'id, [status+severityRank+raisedAt], holderId, updatedAt',
      hitChunks: 'id, lastAt',
      operations: 'id',
      checkpoints: 'id',
      outbox: '++position, &mutationId',
      meta: 'key',
    },
  },
  {
    // Events move from a row each to blocks of rows; the old store is read here and dropped in version 3
    // (Dexie lets an upgrade read a store only if a later version deletes it).
    version: 2,
    stores: { eventBlocks: 'lastSeq, lastAt' },
    upgrade: (transaction) => blockStoredEvents(transaction),
  },
  { version: 3, stores: { events: null } },
  {
    // The rows are read most urgent first; version 1's status-severity and holder indexes were never read.
    version: 4,
    stores: { alerts: 'id, updatedAt, [rank+id]' },
    upgrade: (transaction) => rankStoredAlerts(transaction),
  },
];

export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** The stores the newest version has: every one declared and not deleted since. */
export const CURRENT_STORES: readonly string[] = Object.entries(
  Object.assign({}, ...SCHEMA_VERSIONS.map((version) => version.stores)) as Record<string, string | null>,
)
  .filter(([, spec]) => spec !== null)
  .map(([store]) => store);

export class CacheDatabase extends Dexie {
  declare readonly eventBlocks: Table<EventBlockRow, number>;
  declare readonly alerts: Table<AlertRow, string>;
  declare readonly hitChunks: Table<HitChunkRow, number>;
  declare readonly operations: Table<Operation, string>;
  declare readonly checkpoints: Table<Checkpoint, string>;
  declare readonly outbox: Table<OutboxRow, number>;
  declare readonly meta: Table<MetaRow, string>;

  constructor(name: string, options: DatabaseOptions, durability: ChromeTransactionDurability) {
    super(name, {
      ...(options.indexedDB === undefined ? {} : { indexedDB: options.indexedDB }),
      ...(options.IDBKeyRange === undefined ? {} : { IDBKeyRange: options.IDBKeyRange }),
      chromeTransactionDurability: durability,
      autoOpen: false,
    });
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade !== undefined) declared.upgrade(upgrade);
    }
  }
}

/** IndexedDB to use: the browser's by default; tests inject fake-indexeddb. */
export interface DatabaseOptions {
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * Two connections to one database. Bulk data is written `relaxed` (rebuildable from the hub, and live ingest
 * must keep up); anything touching the outbox goes through `durable`, `strict`, because a queued command
 * exists nowhere else. IndexedDB sets durability per transaction and Dexie per connection, hence two.
 */
export interface CacheDatabases {
  readonly data: CacheDatabase;
  readonly durable: CacheDatabase;
}

export async function openDatabases(name: string, options: DatabaseOptions): Promise<CacheDatabases> {
  const data = new CacheDatabase(name, options, 'relaxed');
  const durable = new CacheDatabase(name, options, 'strict');
  try {
    await data.open();
    await durable.open();
    // Dexie 4 opens a database left at a higher version by another build as it is, stores and all.
    const present = data.backendDB().objectStoreNames;
    const missing = CURRENT_STORES.filter((store) => !present.contains(store));
    if (missing.length > 0) throw new Error(`the database lacks the stores ${missing.join(', ')}`);
  } catch (error) {
    data.close();
    durable.close();
    throw error;
  }
  return { data, durable };
}

export function closeDatabases(databases: CacheDatabases): void {
  databases.data.close();
  databases.durable.close();
}

/** Deletes the whole database (after its connections are closed). */
export async function deleteDatabase(name: string, options: DatabaseOptions): Promise<void> {
  await new CacheDatabase(name, options, 'strict').delete({ disableAutoOpen: false });
}
