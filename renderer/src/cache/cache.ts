import {
  Command,
  foldEvents,
  type OpsEvent,
  SEVERITY_RANK,
  type Alert,
  type Checkpoint,
  type Operation,
  type OpsState,
} from '@watchfloor/shared';
// Not the map's index: it pulls in maplibre and React, and the cache may run in a worker.
import { createHitColumns, type HitColumns } from '../map/hit-columns';
import {
  META_KEY,
  openDatabases,
  SCHEMA_VERSION,
  type AlertRow,
  type CacheDatabase,
  type CacheDatabases,
  type DatabaseOptions,
  type HitChunkRow,
  type MetaRow,
  type OutboxRow,
  type OutboxStatus,
} from './database';
import { isCorruption, isQuotaError, messageOf, QUOTA_MESSAGE } from './errors';
import { blocksOf, EVENT_BLOCK_EVENTS } from './event-blocks';
import { appendChunksTo, appendToChunk, emptyChunk, HIT_CHUNK_ROWS, withStatuses } from './hit-chunks';
import { protocolFieldsOf } from './strip';
import { rebuildDatabase, salvageOutbox, type Salvage } from './recovery';
import {
  parseAlertRow,
  parseCheckpoint,
  parseEventBlock,
  parseHitChunk,
  parseMetaRow,
  parseOperation,
  parseOutboxRow,
} from './rows';

/**
 * The console's local cache (issue 7): the last known picture for a fast, offline start, and the outbox of
 * commands given while the hub was out of reach. One window writes the picture (see writer-lock.ts) and
 * the others read it; every window queues its own commands in the outbox, and the writer adopts those of
 * windows that are gone.
 */
export const DEFAULT_CACHE_NAME = 'watchfloor-cache';
/** Rows per write transaction: big enough to amortise a commit, small enough to keep each one short. */
export const WRITE_BATCH = 1000;

export interface CacheIdentity {
  readonly officerId: string;
  /** From the hub's hello; unknown at start-up, before the hub has answered. */
  readonly hubId?: string;
  /**
   * The officer's role and country scope (see `rightsOf`): a picture built for other rights shows what the
   * officer may no longer see, or lacks what they now may, so it is rebuilt; queued commands stay.
   */
  readonly rights?: string;
}

export type CacheNotice =
  | {
      readonly kind: 'rebuilt';
      readonly reason: 'unreadable' | 'invalid-rows';
      readonly detail: string;
      readonly keptCommands: number;
      /** undefined: the outbox itself could not be read, so how many were lost is unknown. */
      readonly lostCommands: number | undefined;
    }
  | {
      readonly kind: 'identity-changed';
      readonly previous: { readonly hubId?: string; readonly officerId: string };
      /** Commands queued for another hub or officer: never sent, shown to the officer instead. */
      readonly droppedCommands: readonly Command[];
    };

export interface OutboxEntry {
  readonly mutationId: string;
  readonly command: Command;
  readonly queuedAt: number;
  readonly attempts: number;
  readonly status: OutboxStatus;
  readonly optimistic?: Alert;
  /** The window that sends it (see `OutboxRow.owner`); undefined: a row from before owners were kept. */
  readonly owner?: string;
}

export interface CachedPicture {
  readonly state: OpsState;
  /** Every event up to this seq is in `state`: resume the hub from here. */
  readonly through: number;
  readonly hits: HitColumns;
  /** Queued commands in the order given; overlay their optimistic alerts, marked pending. */
  readonly pending: readonly OutboxEntry[];
  /** How old the picture is (now - last write); undefined when the cache is empty. */
  readonly ageMs: number | undefined;
  readonly notices: readonly CacheNotice[];
}

export type WriteFailure =
  | { readonly ok: false; readonly reason: 'gap'; readonly through: number; readonly message: string }
  | { readonly ok: false; readonly reason: 'quota'; readonly message: string }
  | { readonly ok: false; readonly reason: 'rebuilt'; readonly notice: CacheNotice; readonly message: string }
  | { readonly ok: false; readonly reason: 'failed'; readonly message: string };

export type BatchResult = { readonly ok: true; readonly applied: number; readonly through: number } | WriteFailure;

export type EnqueueResult =
  | { readonly ok: true; readonly entry: OutboxEntry }
  | { readonly ok: false; readonly reason: 'duplicate' | 'invalid' | 'unbound'; readonly message: string }
  | WriteFailure;

export interface Refused {
  readonly entry: OutboxEntry;
  /** The hub's current view of the alert, which the optimistic change is rolled back to. */
  readonly confirmed: Alert | undefined;
}

export interface PurgeResult {
  readonly events: number;
  readonly alerts: number;
  readonly hitChunks: number;
}

/**
 * Builds the map's columns for the cached hits. It is called before the alert rows are read (the map comes
 * first): `state` has the cached operations and checkpoints, and its `alerts` map fills in afterwards.
 */
export type MakeColumns = (state: OpsState, firstHitAt: number | undefined, rows: number) => HitColumns;

/** The map's part of the cached picture: what a first draw needs, without the alert rows. */
export interface CachedHits {
  /** Every event up to this seq is in `hits`. */
  readonly through: number;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly hits: HitColumns;
  readonly ageMs: number | undefined;
  readonly notices: readonly CacheNotice[];
}

export interface LoadPictureOptions {
  /**
   * Called as soon as every cached hit is in the columns, while the alert rows are still being read and
   * checked, so the map can draw first; the hits are those of the picture that resolves afterwards (one
   * read transaction). If the cache turns out damaged and is rebuilt, it is called again with the rebuilt
   * (empty) map.
   */
  readonly onHits?: (hits: CachedHits) => void;
}

export interface LocalCache {
  identity(): CacheIdentity;
  /** Reads the whole cached picture in one pass; a damaged cache is rebuilt and reported in `notices`. */
  loadPicture(makeColumns?: MakeColumns, options?: LoadPictureOptions): Promise<CachedPicture>;
  /** Only the map's part (no alert rows, no outbox): for a view that shows the map alone, such as a wall display. */
  loadHits(makeColumns?: MakeColumns): Promise<CachedHits>;
  /**
   * On the hub's hello: another hub than the cached one wipes the cache (outbox rows for it are dropped);
   * other rights (the officer's role or scope changed) wipe the picture and keep the outbox.
   */
  bindHub(hubId: string, rights?: string): Promise<CacheNotice | undefined>;
  /** Stores a batch `{after, through}`; events at or below what is stored are ignored. */
  applyBatch(events: readonly OpsEvent[], range: { readonly after: number; readonly through: number }): Promise<BatchResult>;
  /** The hub's `reset`: forget the picture, keep the outbox. */
  reset(): Promise<void>;
  /** `owner`: the window that will send it (see `OutboxRow.owner`). */
  enqueue(command: Command, row?: { readonly owner?: string; readonly optimistic?: Alert }): Promise<EnqueueResult>;
  /** In the order given: every queued command, or only those `owner` sends. */
  pending(owner?: string): Promise<readonly OutboxEntry[]>;
  /**
   * Makes `owner` the sender of the commands queued by windows that have `gone`, and of those that name no
   * owner, in one transaction, so no two windows ever send one row; returns them in the order given.
   */
  adopt(owner: string, gone: ReadonlySet<string>): Promise<readonly OutboxEntry[]>;
  /** Counts a send attempt, so the officer can see a command that keeps failing. */
  markSent(mutationId: string): Promise<void>;
  /** The hub accepted it: the row goes. */
  acknowledge(mutationId: string): Promise<OutboxEntry | undefined>;
  /** The hub refused it: the row goes and the optimistic change with it. */
  refuse(mutationId: string): Promise<Refused | undefined>;
  /** Cached log events with seq >= `fromSeq`, ascending, at most `limit` (for replay; holes are possible). */
  readEvents(fromSeq: number, limit: number): Promise<readonly OpsEvent[]>;
  /** Keeps events fetched from the hub's history for replay; the picture and `through` are not touched. */
  keepEvents(events: readonly OpsEvent[]): Promise<BatchResult>;
  /** Removes events (and resolved alerts, and hit chunks) older than `retentionMs`; never the outbox. */
  purgeOlderThan(retentionMs: number): Promise<PurgeResult>;
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

const DATA_STORES = ['eventBlocks', 'alerts', 'hitChunks', 'operations', 'checkpoints', 'meta'] as const;
const ALL_STORES = [...DATA_STORES, 'outbox'] as const;
/** Hit chunks per read request on loading: a few milliseconds of parsing and columns each. */
const CHUNK_PAGE = 8;

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

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    mutationId: row.mutationId,
    command: row.command,
    queuedAt: row.queuedAt,
    attempts: row.attempts,
    status: row.status,
    ...(row.optimistic === undefined ? {} : { optimistic: row.optimistic }),
    ...(row.owner === undefined ? {} : { owner: row.owner }),
  };
}

function rowOfAlert(alert: Alert, chunk: number, row: number): AlertRow {
  return {
    id: alert.id,
    status: alert.status,
    severityRank: SEVERITY_RANK[alert.hit.severity],
    raisedAt: alert.raisedAt,
    updatedAt: alert.updatedAt,
    ...(alert.holder === undefined ? {} : { holderId: alert.holder.id }),
    chunk,
    row,
    alert,
  };
}

/** Where the map's time origin goes when the cache builds the columns: as the live session does. */
export const defaultMakeColumns: MakeColumns = (state, firstHitAt, rows) => {
  const starts = [...state.operations.values()].map((operation) => operation.window.start);
  const origin = Math.min(...starts, firstHitAt ?? Date.now()) - 3_600_000;
  return createHitColumns({
    originMs: origin,
    initialCapacity: Math.max(rows, 1),
    kindOf: (id) => state.checkpoints.get(id)?.kind,
  });
};

export async function openLocalCache(identity: CacheIdentity, options: LocalCacheOptions = {}): Promise<OpenedCache> {
  const name = options.name ?? DEFAULT_CACHE_NAME;
  const now = options.now ?? Date.now;
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

  /** Wipes what belongs to another hub or officer; returns what was dropped. */
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
        for (const store of DATA_STORES) await durable.table(store).clear();
        await durable.meta.put(freshMeta(current, now()));
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

  /** Runs a read or write; corruption found on the way rebuilds the cache and is reported, quota too. */
  async function guarded<T>(work: () => Promise<T>): Promise<T | WriteFailure> {
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
  }

  async function readMeta(): Promise<MetaRow> {
    const stored = await databases.data.meta.get(META_KEY);
    return stored === undefined ? freshMeta(current, now()) : parseMetaRow(stored);
  }

  /**
   * Writes one slice of a batch, and its `through`, in one transaction. Alert rows are read only for the
   * alerts the slice changes: hits it raises are taken to be new, since looking each one up cost a third of
   * the write. Their rows are added, not put, so a hit the cache already holds fails the add, which aborts
   * the transaction (nothing is written) and throws `AlreadyHeld`; the caller then writes the slice again
   * with `lookUpRaised`, and the shared reducer refuses the duplicate as it would anywhere else.
   */
  async function writeSlice(events: readonly OpsEvent[], through: number, lookUpRaised: boolean): Promise<number> {
    const { data } = databases;
    return data.transaction('rw', [...DATA_STORES], async () => {
      const meta = await readMeta();
      const fresh = events.filter((event) => event.seq > meta.through);
      if (fresh.length === 0 && through <= meta.through) return 0;

      const ids = new Set<string>();
      const lookUp = new Set<string>();
      for (const event of fresh) {
        if (event.type === 'hit.raised') {
          ids.add(event.hit.id);
          if (lookUpRaised) lookUp.add(event.hit.id);
        } else if ('alertId' in event) {
          // An alert raised earlier in this slice is not stored yet; one raised before it may be.
          if (!ids.has(event.alertId)) lookUp.add(event.alertId);
          ids.add(event.alertId);
        }
      }
      const openId = meta.nextChunk - 1;
      const raises = ids.size > lookUp.size || lookUpRaised;
      // Both reads at once: each read that waits for another is a round trip to the IndexedDB backend.
      const [stored, openRow] = await Promise.all([
        lookUp.size > 0 ? data.alerts.bulkGet([...lookUp]) : [],
        raises && openId >= 0 ? data.hitChunks.get(openId) : undefined,
      ]);
      const before = new Map<string, AlertRow>();
      for (const row of stored) {
        if (row !== undefined) before.set(row.id, parseAlertRow(row));
      }
      const base: OpsState = {
        lastSeq: meta.through,
        lastAt: meta.lastAt,
        operations: new Map(),
        checkpoints: new Map(),
        alerts: new Map([...before].map(([id, row]) => [id, row.alert])),
      };
      const folded = foldEvents(base, fresh).state;

      let nextChunk = meta.nextChunk;
      const chunks = new Map<number, HitChunkRow>();
      if (openRow !== undefined) chunks.set(openId, parseHitChunk(openRow));
      let open = chunks.get(openId);
      const raised: Alert[] = [];
      const addedRows: AlertRow[] = [];
      const changedRows: AlertRow[] = [];
      const statusChanges = new Map<number, Map<number, Alert['status']>>();
      for (const id of ids) {
        const alert = folded.alerts.get(id);
        const previous = before.get(id);
        if (alert === undefined || alert === previous?.alert) continue;
        if (previous === undefined) {
          raised.push(alert);
          continue;
        }
        changedRows.push(rowOfAlert(alert, previous.chunk, previous.row));
        if (alert.status !== previous.status) {
          const changes = statusChanges.get(previous.chunk) ?? new Map<number, Alert['status']>();
          changes.set(previous.row, alert.status);
          statusChanges.set(previous.chunk, changes);
        }
      }
      for (let start = 0; start < raised.length; ) {
        if (open === undefined || open.count >= HIT_CHUNK_ROWS) {
          open = emptyChunk(nextChunk);
          nextChunk += 1;
        }
        const take = raised.slice(start, start + HIT_CHUNK_ROWS - open.count);
        take.forEach((alert, offset) => addedRows.push(rowOfAlert(alert, open!.id, open!.count + offset)));
        open = appendToChunk(open, take);
        chunks.set(open.id, open);
        start += take.length;
      }
      const patchIds = [...statusChanges.keys()].filter((id) => !chunks.has(id));
      if (patchIds.length > 0) {
        (await data.hitChunks.bulkGet(patchIds)).forEach((row) => {
          if (row !== undefined) chunks.set(row.id, parseHitChunk(row));
        });
      }
      for (const [id, changes] of statusChanges) {
        const chunk = chunks.get(id);
        // A chunk removed by retention has nothing left to patch.
        if (chunk !== undefined) chunks.set(id, withStatuses(chunk, changes));
      }

      const lastAt = fresh.length === 0 ? meta.lastAt : Math.max(meta.lastAt, ...fresh.map((event) => event.at));
      // Seqs kept from history above `through` are already in the log: merge rather than store them twice.
      const keptAhead = meta.keptThrough !== undefined && fresh.length > 0 && fresh[0]!.seq <= meta.keptThrough;
      const nextMeta = settledKept({ ...meta, through: Math.max(meta.through, through), lastAt, savedAt: now(), nextChunk });
      const writes: PendingWrite[] = [
        ...(keptAhead ? [() => mergeIntoLog(data, fresh)] : blocksOf(fresh).map((block) => () => data.eventBlocks.put(block))),
        ...inParts(addedRows, (part) =>
          data.alerts.bulkAdd(part).catch((error: unknown) => {
            throw lookUpRaised ? error : new AlreadyHeld(messageOf(error));
          }),
        ),
        ...inParts(changedRows, (part) => data.alerts.bulkPut(part)),
        ...inParts([...chunks.values()], (part) => data.hitChunks.bulkPut(part)),
        ...inParts([...folded.operations.values()], (part) => data.operations.bulkPut(part)),
        ...inParts([...folded.checkpoints.values()], (part) => data.checkpoints.bulkPut(part)),
        () => data.meta.put(nextMeta),
      ];
      await pipelined(writes);
      return fresh.length;
    });
  }

  async function writeSliceChecked(events: readonly OpsEvent[], through: number): Promise<number> {
    try {
      return await writeSlice(events, through, false);
    } catch (error) {
      if (!(error instanceof AlreadyHeld)) throw error;
      return writeSlice(events, through, true);
    }
  }

  /**
   * Reads the map's part of the picture, the hit chunks in pages of `CHUNK_PAGE`. Every page is requested
   * at once, so IndexedDB reads ahead while this thread parses each page and writes it into the columns:
   * the columns fill during the read instead of after it. Resolves once every request is issued (requests
   * issued later in the transaction are answered after these); `done` resolves with the complete map.
   */
  async function readHits(
    data: CacheDatabase,
    makeColumns: MakeColumns,
    alerts: Map<string, Alert>,
    notices: readonly CacheNotice[],
  ): Promise<{ readonly done: Promise<{ readonly state: OpsState; readonly map: CachedHits }> }> {
    const [storedMeta, operationRows, checkpointRows, chunkIds] = await Promise.all([
      data.meta.get(META_KEY),
      data.operations.toArray(),
      data.checkpoints.toArray(),
      data.hitChunks.toCollection().primaryKeys(),
    ]);
    const pages: Promise<HitChunkRow[]>[] = [];
    for (let start = 0; start < chunkIds.length; start += CHUNK_PAGE) {
      const last = chunkIds[Math.min(chunkIds.length, start + CHUNK_PAGE) - 1]!;
      const page = data.hitChunks.where('id').between(chunkIds[start]!, last, true, true).toArray();
      // Awaited in turn below; if one page fails the rest fail with it, and must not be reported unhandled.
      page.catch(() => undefined);
      pages.push(page);
    }
    const done = (async () => {
      const meta = storedMeta === undefined ? undefined : parseMetaRow(storedMeta);
      const state: OpsState = {
        lastSeq: meta?.through ?? 0,
        lastAt: meta?.lastAt ?? 0,
        operations: new Map<string, Operation>(operationRows.map(parseOperation).map((operation) => [operation.id, operation])),
        checkpoints: new Map<string, Checkpoint>(checkpointRows.map(parseCheckpoint).map((checkpoint) => [checkpoint.id, checkpoint])),
        alerts,
      };
      let hits: HitColumns | undefined;
      for (const page of pages) {
        const chunks = (await page).map(parseHitChunk);
        // Every chunk but the newest is full, so this bounds the rows from above by less than one chunk.
        hits ??= makeColumns(state, chunks.find((chunk) => chunk.count > 0)?.firstAt, chunkIds.length * HIT_CHUNK_ROWS);
        appendChunksTo(hits, chunks);
      }
      hits ??= makeColumns(state, undefined, 0);
      const empty = meta === undefined || (meta.through === 0 && chunkIds.length === 0);
      const map: CachedHits = {
        through: state.lastSeq,
        operations: state.operations,
        checkpoints: state.checkpoints,
        hits,
        ageMs: empty ? undefined : Math.max(0, now() - meta.savedAt),
        notices,
      };
      return { state, map };
    })();
    done.catch(() => undefined);
    return { done };
  }

  /** Runs a read; a damaged cache is rebuilt (and reported in the notices given to `read`) and read again. */
  async function readRepairing<T>(read: (notices: readonly CacheNotice[]) => Promise<T>): Promise<T> {
    try {
      return await read([]);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      const notice = await rebuild('invalid-rows', error.message);
      return read([notice]);
    }
  }

  async function loadPicture(makeColumns: MakeColumns = defaultMakeColumns, options: LoadPictureOptions = {}): Promise<CachedPicture> {
    return readRepairing((notices) => {
      const data = databases.data;
      return data.transaction('r', [...ALL_STORES], async () => {
        const alerts = new Map<string, Alert>();
        const { done } = await readHits(data, makeColumns, alerts, notices);
        const alertRows = data.alerts.toArray();
        const outbox = data.outbox.orderBy('position').toArray();
        const { state, map } = await done;
        options.onHits?.(map);
        for (const row of await alertRows) {
          const { alert } = parseAlertRow(row);
          alerts.set(alert.id, alert);
        }
        return {
          state,
          through: map.through,
          hits: map.hits,
          pending: (await outbox).map((row) => entryOf(parseOutboxRow(row))),
          ageMs: map.ageMs,
          notices,
        };
      });
    });
  }

  async function loadHits(makeColumns: MakeColumns = defaultMakeColumns): Promise<CachedHits> {
    return readRepairing((notices) => {
      const data = databases.data;
      return data.transaction('r', [data.meta, data.operations, data.checkpoints, data.hitChunks], async () => {
        return (await (await readHits(data, makeColumns, new Map(), notices)).done).map;
      });
    });
  }

  const cache: LocalCache = {
    identity: () => current,
    loadPicture,
    loadHits,
    bindHub: (hubId, rights) => bind({ ...current, hubId, ...(rights === undefined ? {} : { rights }) }),

    async applyBatch(events, range) {
      return guarded(async (): Promise<BatchResult> => {
        const meta = await readMeta();
        if (range.after > meta.through) {
          return {
            ok: false,
            reason: 'gap',
            through: meta.through,
            message: `the cache holds events up to ${meta.through}; fill ${meta.through + 1}..${range.after} from history first`,
          };
        }
        // Only keys the protocol defines are stored, so nothing personal reaches the disk (see strip.ts).
        const parsed = events.map(protocolFieldsOf);
        let applied = 0;
        for (let start = 0; start < parsed.length || start === 0; start += WRITE_BATCH) {
          const slice = parsed.slice(start, start + WRITE_BATCH);
          const last = start + WRITE_BATCH >= parsed.length;
          const through = last ? range.through : slice[slice.length - 1]!.seq;
          applied += await writeSliceChecked(slice, through);
          if (last) break;
        }
        return { ok: true, applied, through: Math.max(meta.through, range.through) };
      });
    },

    async reset() {
      const { durable } = databases;
      await durable.transaction('rw', [...DATA_STORES], async () => {
        for (const store of DATA_STORES) await durable.table(store).clear();
        await durable.meta.put(freshMeta(current, now()));
      });
    },

    async enqueue(command, { owner, optimistic } = {}) {
      const parsed = Command.safeParse(command);
      if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.issues.map((issue) => issue.message).join('; ') };
      const hubId = current.hubId;
      if (hubId === undefined) {
        return { ok: false, reason: 'unbound', message: 'No hub has been reached yet, so there is nothing to send this command to.' };
      }
      return guarded(async (): Promise<EnqueueResult> => {
        const { durable } = databases;
        return durable.transaction('rw', durable.outbox, async () => {
          if ((await durable.outbox.where('mutationId').equals(parsed.data.mutationId).count()) > 0) {
            return { ok: false, reason: 'duplicate', message: `command ${parsed.data.mutationId} is already queued` };
          }
          const row: OutboxRow = {
            mutationId: parsed.data.mutationId,
            hubId,
            officerId: current.officerId,
            command: parsed.data,
            queuedAt: now(),
            attempts: 0,
            status: 'queued',
            ...(optimistic === undefined ? {} : { optimistic }),
            ...(owner === undefined ? {} : { owner }),
          };
          await durable.outbox.add(row);
          return { ok: true, entry: entryOf(row) };
        });
      });
    },

    async readEvents(fromSeq, limit) {
      const { data } = databases;
      return data.transaction('r', data.eventBlocks, async () => {
        const events: OpsEvent[] = [];
        // Blocks never overlap, so in key order their events are in seq order.
        for (let from = fromSeq; events.length < limit; ) {
          const wanted = Math.ceil((limit - events.length) / EVENT_BLOCK_EVENTS) + 1;
          const blocks = (await data.eventBlocks.where('lastSeq').aboveOrEqual(from).limit(wanted).toArray()).map(parseEventBlock);
          for (const block of blocks) {
            for (const event of block.events) if (event.seq >= fromSeq && events.length < limit) events.push(event);
          }
          if (blocks.length < wanted) break;
          from = blocks[blocks.length - 1]!.lastSeq + 1;
        }
        return events;
      });
    },

    async keepEvents(events) {
      return guarded(async (): Promise<BatchResult> => {
        const { data } = databases;
        // Only keys the protocol defines are stored, as for live batches (strip.ts).
        const kept = events.map(protocolFieldsOf).sort((a, b) => a.seq - b.seq);
        const applied = await data.transaction('rw', [data.eventBlocks, data.meta], async () => {
          const meta = await readMeta();
          const added = await mergeIntoLog(data, kept);
          const last = kept.at(-1)?.seq ?? 0;
          if (added > 0 && last > meta.through && last > (meta.keptThrough ?? 0)) await data.meta.put({ ...meta, keptThrough: last });
          return added;
        });
        return { ok: true, applied, through: events.at(-1)?.seq ?? 0 };
      });
    },

    async pending(owner) {
      const rows = await databases.durable.outbox.orderBy('position').toArray();
      // Owners are not indexed (an index would have needed a schema version), and an outbox is short.
      const entries = rows.map((row) => entryOf(parseOutboxRow(row)));
      return owner === undefined ? entries : entries.filter((entry) => entry.owner === owner);
    },

    async markSent(mutationId) {
      const { durable } = databases;
      await durable.transaction('rw', durable.outbox, async () => {
        const row = await durable.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return;
        await durable.outbox.put({ ...parseOutboxRow(row), attempts: row.attempts + 1, status: 'sent' });
      });
    },

    async acknowledge(mutationId) {
      const { durable } = databases;
      return durable.transaction('rw', durable.outbox, async () => {
        const row = await durable.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return undefined;
        await durable.outbox.delete(row.position!);
        return entryOf(parseOutboxRow(row));
      });
    },

    async refuse(mutationId) {
      const { durable } = databases;
      return durable.transaction('rw', [durable.outbox, durable.alerts], async () => {
        const row = await durable.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return undefined;
        const entry = entryOf(parseOutboxRow(row));
        await durable.outbox.delete(row.position!);
        const stored = await durable.alerts.get(entry.command.alertId);
        return { entry, confirmed: stored === undefined ? undefined : parseAlertRow(stored).alert };
      });
    },

    async adopt(owner, gone) {
      const { durable } = databases;
      return durable.transaction('rw', durable.outbox, async () => {
        const rows = (await durable.outbox.orderBy('position').toArray()).map(parseOutboxRow);
        const orphans = rows.filter((row) => row.owner === undefined || gone.has(row.owner)).map((row) => ({ ...row, owner }));
        if (orphans.length > 0) await durable.outbox.bulkPut(orphans);
        return orphans.map(entryOf);
      });
    },

    async purgeOlderThan(retentionMs) {
      const cutoff = now() - retentionMs;
      const { data } = databases;
      return data.transaction('rw', [...DATA_STORES], async () => {
        const meta = await readMeta();
        const oldBlocks = await data.eventBlocks.where('lastAt').below(cutoff).toArray();
        await data.eventBlocks.bulkDelete(oldBlocks.map((block) => block.lastSeq));
        // Counted without parsing: the rows are going, and a damaged one must not stop their removal.
        const events = oldBlocks.reduce((sum, block) => sum + (Array.isArray(block.events) ? block.events.length : 0), 0);
        const oldResolved = await data.alerts
          .where('updatedAt')
          .below(cutoff)
          .filter((row) => row.status === 'resolved')
          .primaryKeys();
        await data.alerts.bulkDelete(oldResolved);
        const openChunk = meta.nextChunk - 1;
        const oldChunks = (await data.hitChunks.where('lastAt').below(cutoff).primaryKeys()).filter((id) => id !== openChunk);
        await data.hitChunks.bulkDelete(oldChunks);
        await data.meta.put({ ...meta, retentionMs });
        return { events, alerts: oldResolved.length, hitChunks: oldChunks.length };
      });
    },

    close: () => {
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
  return { cache, notices };
}

/** Forgets `keptThrough` once live batches have passed it. */
function settledKept(meta: MetaRow): MetaRow {
  if (meta.keptThrough === undefined || meta.keptThrough > meta.through) return meta;
  const { keptThrough: _passed, ...settled } = meta;
  return settled;
}

/**
 * Adds events (ascending seq) to the log that it does not hold yet; returns how many. The blocks whose
 * seq ranges meet theirs are read, merged with them and cut again, so that blocks stay disjoint and no seq
 * is held twice. Live batches come here only when they reach events kept from history.
 */
async function mergeIntoLog(data: CacheDatabase, events: readonly OpsEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const first = events[0]!.seq;
  const last = events[events.length - 1]!.seq;
  const meeting = (
    await data.eventBlocks
      .where('lastSeq')
      .aboveOrEqual(first)
      .until((block) => block.firstSeq > last)
      .toArray()
  ).map(parseEventBlock);
  const bySeq = new Map<number, OpsEvent>();
  for (const block of meeting) for (const event of block.events) bySeq.set(event.seq, event);
  const held = bySeq.size;
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  if (bySeq.size === held) return 0;
  await data.eventBlocks.bulkDelete(meeting.map((block) => block.lastSeq));
  await data.eventBlocks.bulkPut(blocksOf([...bySeq.values()].sort((a, b) => a.seq - b.seq)));
  return bySeq.size - held;
}

/** A hit raised in a slice is already in the cache: the slice is written again, looking every alert up. */
class AlreadyHeld extends Error {
  override readonly name = 'AlreadyHeld';
}

type PendingWrite = () => Promise<unknown>;

/**
 * Rows per put request. Issuing a request serialises its rows on this thread: 100 alert rows take a few
 * milliseconds, so a slow machine stays well clear of a 50 ms task.
 */
const WRITE_PART = 100;

function inParts<T>(rows: readonly T[], put: (part: readonly T[]) => Promise<unknown>): PendingWrite[] {
  const parts: PendingWrite[] = [];
  for (let start = 0; start < rows.length; start += WRITE_PART) parts.push(() => put(rows.slice(start, start + WRITE_PART)));
  return parts;
}

/**
 * Issues the writes of one transaction with one still in flight while the next is issued. Issuing a put
 * serialises its rows on this thread: issuing all of a slice at once made one task of 50-170 ms, and
 * awaiting each before issuing the next left this thread idle while IndexedDB wrote. Between parts the
 * thread is free for other tasks (input, drawing); IndexedDB keeps the order of requests in a transaction.
 */
async function pipelined(writes: readonly PendingWrite[]): Promise<void> {
  const issued: Promise<unknown>[] = [];
  for (const write of writes) {
    const next = write();
    // Awaited below; this only keeps a failure after an earlier one from being reported as unhandled.
    next.catch(() => undefined);
    if (issued.length > 0) await issued[issued.length - 1];
    issued.push(next);
  }
  await Promise.all(issued);
}

function rebuiltNotice(reason: 'unreadable' | 'invalid-rows', detail: string, salvage: Salvage): CacheNotice {
  return { kind: 'rebuilt', reason, detail, keptCommands: salvage.kept.length, lostCommands: salvage.lost };
}

/** What the officer reads; the UI may use its own strings, keyed by the notice fields. */
export function describeNotice(notice: CacheNotice): string {
  if (notice.kind === 'rebuilt') {
    const kept = `${notice.keptCommands} queued command${notice.keptCommands === 1 ? ' was' : 's were'} kept`;
    const lost =
      notice.lostCommands === undefined
        ? '; queued commands could not be read and may need to be given again'
        : notice.lostCommands > 0
          ? `; ${notice.lostCommands} could not be read and must be given again`
          : '';
    return `The local cache was unreadable and has been rebuilt from the hub; ${kept}${lost}.`;
  }
  const dropped = notice.droppedCommands.length;
  return `The local cache belonged to another hub or officer and has been cleared${
    dropped > 0 ? `; ${dropped} command${dropped === 1 ? '' : 's'} queued there will not be sent` : ''
  }.`;
}
