import { DAY_MS, RETENTION_DEFAULTS, conflict, type HistoryRequest, type HistoryResponse, type Officer, type OpsEvent } from '@watchfloor/shared';
import {
  DEFAULT_CACHE_NAME,
  describeNotice,
  electWriter,
  openLocalCache,
  rightsOf,
  showWindow,
  type AlertPage,
  type CachedHits,
  type CacheNotice,
  type PictureHead,
  type ElectionOptions,
  type LocalCache,
  type LocalCacheOptions,
  type WindowPresence,
  type WriterElection,
} from '../cache';
import { pageHistory } from './history-pages';
import type { LiveStore } from './live-store';
import { adoptOrphans, durableOutbox, memoryOutbox, type Outbox } from './outbox';
import type { SessionMap } from './session-map';
import type { BatchRange, PicturePage } from './worker-protocol';

/**
 * The session's local cache, shared by the workstation's windows. At start it shows the cached picture and
 * tells from which seq the hub resumes. The windows elect one writer: it stores batches and snapshot pages
 * in the order they came, behind the screen, fills the cache's gaps from `history`, purges what is past
 * retention, and adopts the commands that windows which have gone left queued. Every window's commands wait
 * in the outbox kept here: the cache's, or memory where a window cannot use the cache's (see `WindowPresence`).
 */
export interface SessionCache {
  /** A cache is wanted and this environment has IndexedDB: `open` has something to open. */
  readonly configured: boolean;
  /** Opens the cache, shows its picture and joins the writer election; where the hub resumes from. */
  open(officer: Officer): Promise<ResumeFrom>;
  /** Where this window's commands wait until the hub answers them. */
  outbox(): Outbox;
  isWriter(): boolean;
  role(): 'writer' | 'reader' | 'none';
  /** The open cache, if any. */
  local(): LocalCache | undefined;
  /** The hub said hello: the cache is bound to it, and then queued commands may go. */
  greet(hubId: string, rights: string): Promise<void>;
  /** A batch the screen has applied; the writer stores it. */
  storeBatch(events: readonly OpsEvent[], range: BatchRange): void;
  /** A snapshot page the screen has shown; the writer stores it. */
  storeSnapshotPage(page: PicturePage): void;
  /** The screen's picture was replaced: the writer empties the cached one, in cache order. */
  resetPicture(): void;
  /** Sign-out: clears the cached picture once the cache work before it is done. */
  clearPicture(): Promise<void>;
  close(): void;
}

export interface ResumeFrom {
  readonly since: number;
  /** The hub `since` counts in, when the cache holds a picture. */
  readonly hubId: string | undefined;
}

export interface SessionCacheDeps {
  readonly options: {
    readonly cache?: LocalCacheOptions | false;
    readonly election?: ElectionOptions;
    readonly retentionMs?: number;
  };
  readonly store: Pick<LiveStore, 'addNotice' | 'seed' | 'seedMore' | 'commandQueued' | 'commandAnswered'>;
  readonly map: Pick<SessionMap, 'seed' | 'drop'>;
  readonly history: (request: HistoryRequest) => Promise<HistoryResponse>;
  /** Sends what is queued in the outbox. */
  readonly kick: () => void;
}

/** The bureau's event retention when the hub's configuration gives none: the shared default. */
const DEFAULT_RETENTION_MS = RETENTION_DEFAULTS.eventDays * DAY_MS;
/** The writer forgets what has aged past the retention at start and this often after, however long it runs. */
const PURGE_EVERY_MS = 3_600_000;
/** How long a new window waits to learn whether it is the cache's writer before it goes on as a reader. */
const ELECTION_WAIT_MS = 200;
/** How often the writer looks for commands left queued by a window that has gone. */
const ADOPT_EVERY_MS = 3000;

export function createSessionCache(deps: SessionCacheDeps): SessionCache {
  const { options, store, kick } = deps;
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
  let cache: LocalCache | undefined;
  let cacheBroken = false;
  let election: WriterElection | undefined;
  let presence: WindowPresence | undefined;
  let adopting: ReturnType<typeof setInterval> | undefined;
  let purging: ReturnType<typeof setInterval> | undefined;
  /** Cache work, in the order the hub's messages came, behind the screen. */
  let cacheQueue: Promise<void> = Promise.resolve();
  /** The hub has said hello and the cache is bound to it: queued commands may go. */
  let greeted = false;
  let outbox: Outbox = memoryOutbox();
  /** The cache holds the snapshot being received from its first page on (this window was the writer all along). */
  let snapshotCached = false;
  let closed = false;
  const isWriter = () => cache !== undefined && election?.isWriter() === true && !cacheBroken;

  function noticeOfCache(notice: CacheNotice): void {
    if (notice.kind === 'rebuilt') {
      store.addNotice({
        id: 'cache-rebuilt',
        key: notice.lostCommands === undefined ? 'cacheRebuiltOutboxUnknown' : 'cacheRebuilt',
        values: { kept: notice.keptCommands, lost: notice.lostCommands ?? 0 },
        tone: 'warning',
      });
    } else {
      store.addNotice({ id: 'cache-identity', key: 'cacheOtherIdentity', values: { dropped: notice.droppedCommands.length }, tone: 'warning' });
      for (const command of notice.droppedCommands) {
        store.commandAnswered(command, conflict('queued-elsewhere', {}));
      }
    }
    console.warn(`[watchfloor] ${describeNotice(notice)}`);
  }

  function cacheFailed(reason: 'quota' | 'failed', message: string): void {
    cacheBroken = true;
    store.addNotice({ id: 'cache-failed', key: reason === 'quota' ? 'cacheFull' : 'cacheFailed', tone: 'warning' });
    console.warn(`[watchfloor] local cache writes stopped: ${message}`);
  }

  function inCacheOrder(work: (cache: LocalCache) => Promise<void>): void {
    cacheQueue = cacheQueue
      .then(async () => {
        if (cache !== undefined && !cacheBroken && !closed) await work(cache);
      })
      .catch((error: unknown) => console.warn(`[watchfloor] local cache: ${String(error)}`));
  }

  function toCache(events: readonly OpsEvent[], range: BatchRange): void {
    inCacheOrder(async (local) => {
      let result = await local.applyBatch(events, range);
      if (!result.ok && result.reason === 'gap') {
        // The cache fell behind the screen (it was rebuilt, or this window has just become the writer).
        await fillCacheGap(local, result.through, range.after);
        result = await local.applyBatch(events, range);
      }
      if (result.ok) return;
      if (result.reason === 'rebuilt') noticeOfCache(result.notice);
      else if (result.reason === 'quota' || result.reason === 'failed') cacheFailed(result.reason, result.message);
    });
  }

  /**
   * The writer stores the snapshot as its picture, page by page from the first; a window that became the
   * writer midway stores none of it, and the cache fills from history when the next batch finds the gap.
   */
  function snapshotToCache(page: PicturePage): void {
    snapshotCached = isWriter() && (page.index === 0 || snapshotCached);
    if (!snapshotCached) return;
    inCacheOrder(async (local) => {
      const result = await local.storeSnapshotPage(page);
      if (result.ok) return;
      snapshotCached = false;
      if (result.reason === 'rebuilt') noticeOfCache(result.notice);
      else if (result.reason === 'quota' || result.reason === 'failed') cacheFailed(result.reason, result.message);
    });
  }

  function fillCacheGap(local: LocalCache, through: number, upTo: number): Promise<void> {
    return pageHistory(deps.history, through, upTo, async (events, covered) => (await local.applyBatch(events, covered)).ok);
  }

  /** The writer's round: commands whose window has gone become this window's, to show and to send. */
  async function adoptOrphaned(): Promise<void> {
    const local = cache;
    if (closed || !isWriter() || !outbox.durable || local === undefined || presence === undefined) return;
    try {
      const adopted = await adoptOrphans(local, presence);
      for (const entry of adopted) store.commandQueued(entry.command, entry.queuedAt);
      if (adopted.length > 0 && greeted) kick();
    } catch (error) {
      console.warn(`[watchfloor] could not take over the commands of a closed window: ${String(error)}`);
    }
  }

  /** A crash gives a window no chance to hand its commands over: the writer keeps looking. */
  function keepAdopting(): void {
    adopting ??= setInterval(() => void adoptOrphaned(), ADOPT_EVERY_MS);
  }

  /** The writer keeps no event older than the bureau's retention: it purges now, and every hour after. */
  function keepPurging(): void {
    if (purging !== undefined) return;
    const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    const purge = () => inCacheOrder(async (local) => void (await local.purgeOlderThan(retentionMs)));
    purge();
    purging = setInterval(purge, PURGE_EVERY_MS);
  }

  /** Every window binds: it queues for this hub. A bind wipes only for another hub, so never what the writer just stored. */
  async function bindToHub(hubId: string, rights: string): Promise<void> {
    if (cache === undefined || cacheBroken) return;
    try {
      const notice = await cache.bindHub(hubId, rights);
      if (notice !== undefined) noticeOfCache(notice);
    } catch (error) {
      console.warn(`[watchfloor] the local cache could not be bound to the hub: ${String(error)}`);
    }
  }

  /** The writer window went away and this one took over: it adopts what the writer and others left queued. */
  async function promoted(): Promise<void> {
    if (closed || cache === undefined || presence === undefined) return;
    if (!outbox.durable) {
      // No Web Locks: this window kept its commands in memory while another was the writer.
      const durable = durableOutbox(cache, presence.id);
      for (const entry of await outbox.pending()) await durable.enqueue(entry.command);
      outbox = durable;
    }
    keepAdopting();
    keepPurging();
    await adoptOrphaned();
    if (greeted) kick();
  }

  /**
   * The cached picture shows from its first page of alerts on, the rest following with progress; the hub is
   * asked to resume only once the last is in, so no live batch meets a picture still coming in. A damaged
   * cache starts the pages again from the rebuilt one: its first page replaces what was shown.
   */
  function showPage(page: AlertPage, head: PictureHead): void {
    const loading = page.last ? undefined : { received: page.received, total: page.total };
    if (page.received > page.alerts.length) {
      store.seedMore(page.alerts, loading);
      return;
    }
    store.seed({
      state: head.state,
      through: head.through,
      ageMs: head.ageMs,
      // Only this window's commands show here; it has none yet, and adopts (below) those left by the last run.
      pending: [],
      ...(loading === undefined ? {} : { loading }),
    });
  }

  /** The map takes the cached hits once all are in; a rebuilt (empty) cache takes back what it showed. */
  let mapSeeded = false;
  function showHits(map: CachedHits): void {
    if (map.ageMs !== undefined) {
      deps.map.seed(map.hits);
      mapSeeded = true;
    } else if (mapSeeded) {
      deps.map.drop();
      mapSeeded = false;
    }
  }

  async function open(officer: Officer): Promise<ResumeFrom> {
    let since = 0;
    let hubId: string | undefined;
    try {
      const opened = await openLocalCache({ officerId: officer.id, rights: rightsOf(officer) }, cacheOptions ?? {});
      cache = opened.cache;
      opened.notices.forEach(noticeOfCache);
      const cacheName = cacheOptions?.name ?? DEFAULT_CACHE_NAME;
      election = electWriter(`${cacheName}:writer`, options.election);
      presence = showWindow(cacheName, options.election);
      const elected = await Promise.race([election.elected.then(() => true), delay(ELECTION_WAIT_MS).then(() => false)]);
      if (!elected) void election.elected.then(promoted);
      const picture = await cache.loadPicture(undefined, { onAlerts: showPage, onHits: showHits });
      picture.notices.forEach(noticeOfCache);
      if (picture.ageMs !== undefined) {
        since = picture.through;
        hubId = cache.identity().hubId;
      }
      await presence.shown;
      if (elected || presence.visible) outbox = durableOutbox(cache, presence.id);
      if (elected) {
        await adoptOrphaned();
        keepAdopting();
        keepPurging();
      }
    } catch (error) {
      cache = undefined;
      store.addNotice({ id: 'cache-unavailable', key: 'cacheUnavailable', tone: 'warning' });
      console.warn(`[watchfloor] the local cache cannot be used: ${String(error)}`);
    }
    return { since, hubId };
  }

  return {
    configured: cacheOptions !== undefined && (cacheOptions.indexedDB ?? globalThis.indexedDB) !== undefined,
    open,
    outbox: () => outbox,
    isWriter,
    role: () => (cache === undefined || cacheBroken ? 'none' : isWriter() ? 'writer' : 'reader'),
    local: () => cache,
    async greet(hubId, rights) {
      await bindToHub(hubId, rights);
      // Only now: queued commands must not reach a hub the outbox was not meant for.
      greeted = true;
      await adoptOrphaned();
    },
    storeBatch(events, range) {
      if (isWriter()) toCache(events, range);
    },
    storeSnapshotPage: snapshotToCache,
    resetPicture() {
      if (isWriter()) inCacheOrder((local) => local.reset());
    },
    async clearPicture() {
      const local = cache;
      // The picture goes; the outbox stays, for this officer's next sign-in.
      await cacheQueue.then(() => local?.reset()).catch((error: unknown) => console.warn(`[watchfloor] the local picture could not be cleared: ${String(error)}`));
    },
    close() {
      closed = true;
      clearInterval(adopting);
      clearInterval(purging);
      election?.release();
      // Its queued commands are left for the writer to adopt, as after a crash, so there is one way they go.
      presence?.release();
      const local = cache;
      void cacheQueue.finally(() => local?.close());
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
