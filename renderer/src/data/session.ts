import { optimisticAlert, type Command, type CommandAck, type DetailsResponse, type Officer, type OpsEvent } from '@watchfloor/shared';
import {
  DEFAULT_CACHE_NAME,
  describeNotice,
  electWriter,
  openLocalCache,
  rightsOf,
  showWindow,
  type CacheNotice,
  type ElectionOptions,
  type LocalCache,
  type LocalCacheOptions,
  type WindowPresence,
  type WriterElection,
} from '../cache';
import { createHitColumns, type HitColumns } from '../map/hit-columns';
import { createMapProjection, type MapProjection } from '../map/projection';
import { createHubClient, type HubClient } from './hub-client';
import { createLiveStore, type LiveStore, type Notice } from './live-store';
import { adoptOrphans, createOutboxSender, durableOutbox, memoryOutbox, type Outbox } from './outbox';
import { keepRenewed, renewSession, signOutSession, type Renewal } from './session-renewal';
import { createTimeline, type Timeline } from './timeline';
import type { BatchRange, FromWorker, PicturePage, WorkerLike } from './worker-protocol';

/**
 * One signed-in officer's console: the worker-owned socket, the live store, the map's hit columns and the
 * local cache, kept in step.
 *
 * Start-up shows the cached picture at once (with its age), then resumes the hub from the cache's last seq.
 * Starting from nothing, the hub sends a snapshot of the picture in pages: the first replaces the picture
 * (the queue and map show it at once), later ones add to it, and the log after it follows as batches.
 * Batches go to the store first (the screen), then to the cache in the background. Gaps are filled from
 * `history`, for the screen and for the cache alike. Commands go through the outbox, so one given offline
 * waits there, shown as pending, and is sent when the hub is back.
 *
 * Several windows share one cache: the elected writer stores batches; the others read the cache at start.
 * Every window queues its commands in the cache's outbox, so a command outlives the window it was given
 * in, and sends those it queued itself, so it shows their answers. When a window closes or crashes with
 * commands still queued, the writer adopts them (the window's lock tells it the window has gone) and
 * shows and sends them instead. Without Web Locks no window can tell that another has gone, so there only
 * the writer queues in the cache and the others keep their commands in memory (see `WindowPresence`).
 */
export interface Session {
  /** The officer as the hub last said in hello (role and scope can change while signed in). */
  readonly officer: Officer;
  readonly hubUrl: string;
  readonly store: LiveStore;
  /** The map's columnar hits; replaced on reset, so read it through this getter. */
  hits(): HitColumns;
  /** Which picture the map's rows show, live or a past moment; replaced with the hits. */
  mapProjection(): MapProjection;
  /** Bumps when hits() rows change, so the map knows to upload. */
  hitsRevision(): number;
  /** Resolves with the hub's answer, which may come much later when the hub is out of reach. */
  send(command: Command): Promise<CommandAck>;
  details(hitId: string, reason: string): Promise<DetailsResponse>;
  /** Tells the hub (and so the shift lead) until when this officer silenced alerts; undefined: not. */
  setDoNotDisturb(until: number | undefined): void;
  /** Resolves once the cached picture is shown (or there is none) and the hub is being asked. */
  readonly ready: Promise<void>;
  /** The operation's timeline for replay, created on first use; a concluded operation replays from its start. */
  timeline(window: { readonly start: number; readonly end?: number | undefined }, concluded: boolean): Timeline;
  /** writer: this window stores batches and adopts closed windows' commands; reader: another window does; none: no cache. */
  cacheRole(): 'writer' | 'reader' | 'none';
  /** Commands given and not yet answered by the hub. */
  queuedCommands(): Promise<number>;
  /** After the officer gave the password again: connect with the new token, keeping the picture and outbox. */
  resume(token: string, expiresAt: number): void;
  /** Ends the session on the hub and clears the workstation's picture; queued commands stay for the next sign-in. */
  signOut(): Promise<void>;
  close(): void;
}

export interface SessionOptions {
  /** The local cache (IndexedDB name and, in Node tests, a fake IndexedDB); false: none. */
  readonly cache?: LocalCacheOptions | false;
  /** How windows elect the cache's writer (Web Locks by default). */
  readonly election?: ElectionOptions;
  /** Cached events older than this are purged (the bureau's retention). */
  readonly retentionMs?: number;
  /** The data plane; a Web Worker by default. */
  readonly worker?: () => WorkerLike;
  /** When the token lapses; with it the session renews the token while `active` says the officer is there. */
  readonly expiresAt?: number;
  readonly active?: () => boolean;
  /** A renewed token, to keep for the next start. */
  readonly onRenewed?: (token: string, expiresAt: number) => void;
}

const HISTORY_PAGE = 5000;
/** How soon a command whose answer timed out while the hub stayed reachable is sent again (same mutation id). */
const STALL_RETRY_MS = 2000;
const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;
/** How long a new window waits to learn whether it is the cache's writer before it goes on as a reader. */
const ELECTION_WAIT_MS = 200;
/** How often the writer looks for commands left queued by a window that has gone. */
const ADOPT_EVERY_MS = 3000;

export function startSession(hubUrl: string, firstToken: string, signedIn: Officer, options: SessionOptions = {}): Session {
  let token = firstToken;
  let officer = signedIn;
  const store = createLiveStore(undefined, (command, alert, givenAt) => optimisticAlert(officer, command, alert, givenAt));
  let renewal: Renewal | undefined;
  let columns: HitColumns | undefined;
  let projection: MapProjection | undefined;
  let revision = 0;
  /** Screen work, in arrival order. */
  let queue: Promise<void> = Promise.resolve();
  /** Cache work, in the same order, behind the screen. */
  let cacheQueue: Promise<void> = Promise.resolve();
  let cache: LocalCache | undefined;
  let cacheBroken = false;
  let election: WriterElection | undefined;
  let presence: WindowPresence | undefined;
  let adopting: ReturnType<typeof setInterval> | undefined;
  /** The hub has said hello and the cache is bound to it: queued commands may go. */
  let greeted = false;
  let outbox: Outbox = memoryOutbox();
  let timeline: Timeline | undefined;
  let closed = false;
  /** A snapshot was abandoned midway: the log replayed instead replaces what its pages showed. */
  let replayReplacesPicture = false;
  /** The cache holds the snapshot being received from its first page on (this window was the writer all along). */
  let snapshotCached = false;
  /** The hub's count of set-aside log rows the admin was last told of. */
  let quarantineTold: number | undefined;
  const answers = new Map<string, (ack: CommandAck) => void>();
  const isWriter = () => cache !== undefined && election?.isWriter() === true && !cacheBroken;

  const client: HubClient = createHubClient(onMessage, options.worker?.());
  const sender = createOutboxSender({
    outbox: () => outbox,
    send: (command) => client.command(command),
    onSending: (entry) => store.commandSent(entry.command),
    onStalled: (entry) => store.commandQueued(entry.command),
    retryAfterStall: () => (!closed && store.getSnapshot().connection.kind === 'live' ? STALL_RETRY_MS : undefined),
    onAnswer(entry, ack) {
      store.commandAnswered(entry.command, ack);
      answers.get(entry.mutationId)?.(ack);
      answers.delete(entry.mutationId);
    },
  });

  function notify(notice: Notice): void {
    store.addNotice(notice);
  }

  function noticeOfCache(notice: CacheNotice): void {
    if (notice.kind === 'rebuilt') {
      notify({
        id: 'cache-rebuilt',
        key: notice.lostCommands === undefined ? 'cacheRebuiltOutboxUnknown' : 'cacheRebuilt',
        values: { kept: notice.keptCommands, lost: notice.lostCommands ?? 0 },
        tone: 'warning',
      });
    } else {
      notify({ id: 'cache-identity', key: 'cacheOtherIdentity', values: { dropped: notice.droppedCommands.length }, tone: 'warning' });
      for (const command of notice.droppedCommands) {
        store.commandAnswered(command, { ok: false, code: 'conflict', message: 'Queued for another hub or officer; it was not sent.' });
      }
    }
    console.warn(`[watchfloor] ${describeNotice(notice)}`);
  }

  function cacheFailed(reason: 'quota' | 'failed', message: string): void {
    cacheBroken = true;
    notify({ id: 'cache-failed', key: reason === 'quota' ? 'cacheFull' : 'cacheFailed', tone: 'warning' });
    console.warn(`[watchfloor] local cache writes stopped: ${message}`);
  }

  /**
   * Admins hear (in `hello`) how many unreadable rows the hub set aside from its log; told again only when
   * that number changes, so a reconnection does not bring back a notice the admin dismissed.
   */
  function noticeOfQuarantine(quarantined: number | undefined): void {
    if (quarantined === undefined || quarantined === quarantineTold) return;
    quarantineTold = quarantined;
    notify({ id: 'hub-quarantine', key: 'hubQuarantine', values: { count: quarantined }, tone: 'warning' });
  }

  function hitsFor(events: readonly OpsEvent[]): HitColumns {
    if (columns !== undefined) return columns;
    const state = store.getSnapshot().confirmed;
    const starts = [...state.operations.values()].map((operation) => operation.window.start);
    const firstHit = events.find((event) => event.type === 'hit.raised');
    const origin = Math.min(...starts, firstHit?.type === 'hit.raised' ? firstHit.hit.at : Date.now()) - 3_600_000;
    columns = createHitColumns({ originMs: origin, kindOf: (id) => store.getSnapshot().confirmed.checkpoints.get(id)?.kind });
    return columns;
  }

  function projectionFor(events: readonly OpsEvent[]): MapProjection {
    const hits = hitsFor(events);
    if (projection?.hits !== hits) projection = createMapProjection(hits);
    return projection;
  }

  function apply(events: readonly OpsEvent[], range: BatchRange): void {
    const effect = store.applyBatch(events, range);
    if (isWriter()) toCache(events, range);
    timeline?.record(events);
    if (effect.changed.length === 0) return;
    projectionFor(events).applyLive(effect.raised, effect.updated);
    revision += 1;
  }

  /** A snapshot page: to the screen first (the first one replaces the picture and the map's hits), then to the cache. */
  function loadSnapshotPage(page: PicturePage): void {
    replayReplacesPicture = false;
    if (page.index === 0) {
      columns = undefined;
      revision += 1;
    }
    store.loadSnapshotPage(page);
    snapshotToCache(page);
    if (page.alerts.length === 0) return;
    hitsFor([]).append(page.alerts);
    revision += 1;
  }

  /**
   * Pages the hub's history for events after `through` up to `upTo`, handing each page on with the range it
   * covers; `take` returns false to stop early.
   */
  async function pageHistory(
    through: number,
    upTo: number,
    take: (events: readonly OpsEvent[], range: BatchRange) => Promise<boolean> | boolean,
  ): Promise<void> {
    let from = through + 1;
    while (from <= upTo) {
      const page = await client.history({ fromSeq: from, limit: HISTORY_PAGE });
      const covered = Math.min(page.next !== undefined ? page.next - 1 : upTo, upTo);
      if (!(await take(page.events, { after: from - 1, through: covered })) || page.next === undefined) return;
      from = page.next;
    }
  }

  function fillGap(range: BatchRange): Promise<void> {
    return pageHistory(store.getSnapshot().through, range.after, (events, covered) => {
      apply(events, covered);
      return true;
    });
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
    return pageHistory(through, upTo, async (events, covered) => (await local.applyBatch(events, covered)).ok);
  }

  /** The writer's round: commands whose window has gone become this window's, to show and to send. */
  async function adoptOrphaned(): Promise<void> {
    const local = cache;
    if (closed || !isWriter() || !outbox.durable || local === undefined || presence === undefined) return;
    try {
      const adopted = await adoptOrphans(local, presence);
      for (const entry of adopted) store.commandQueued(entry.command, entry.queuedAt);
      if (adopted.length > 0 && greeted) sender.kick();
    } catch (error) {
      console.warn(`[watchfloor] could not take over the commands of a closed window: ${String(error)}`);
    }
  }

  /** A crash gives a window no chance to hand its commands over: the writer keeps looking. */
  function keepAdopting(): void {
    adopting ??= setInterval(() => void adoptOrphaned(), ADOPT_EVERY_MS);
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

  function onMessage(message: FromWorker): void {
    switch (message.kind) {
      case 'connection':
        return store.setConnection(message.state);
      case 'rejected':
        return store.noteRejectedPayload();
      case 'unreadable':
        return store.noteUnreadableEvents(message.events);
      case 'presence':
        return store.setPresence(message.presence);
      case 'hello':
        inOrder(async () => {
          if (rightsOf(message.hello.officer) !== rightsOf(officer)) notify({ id: 'rights-changed', key: 'rightsChanged', tone: 'info' });
          officer = message.hello.officer;
          store.setHello(message.hello);
          noticeOfQuarantine(message.hello.quarantinedEvents);
          await bindToHub(message.hello.hubId, rightsOf(message.hello.officer));
          // Only now: queued commands must not reach a hub the outbox was not meant for.
          greeted = true;
          await adoptOrphaned();
          sender.kick();
        });
        return;
      case 'reset':
        inOrder(async () => {
          columns = undefined;
          revision += 1;
          store.reset();
          // Another log: the timeline reloads from it when next asked for.
          timeline?.dispose();
          timeline = undefined;
          notify({ id: 'rebuilding', key: 'rebuilding', values: { reason: message.reset.reason }, tone: 'info' });
          if (isWriter()) inCacheOrder((local) => local.reset());
        });
        return;
      case 'snapshot': {
        const { page } = message;
        inOrder(async () => loadSnapshotPage(page));
        return;
      }
      case 'snapshot-abandoned':
        inOrder(async () => {
          replayReplacesPicture = true;
        });
        return;
      case 'events': {
        const { events, range } = message;
        inOrder(async () => {
          if (replayReplacesPicture && range.after === 0) {
            // What the abandoned snapshot's pages showed goes as the log from its first event comes in.
            replayReplacesPicture = false;
            columns = undefined;
            revision += 1;
            store.reset();
            if (isWriter()) inCacheOrder((local) => local.reset());
          }
          if (store.hasGapBefore(range)) await fillGap(range);
          apply(events, range);
        });
        return;
      }
    }
  }

  function inOrder(work: () => Promise<void>): void {
    queue = queue.then(work).catch((error: unknown) => console.warn(`[watchfloor] could not apply a hub message: ${String(error)}`));
  }

  /** The cached picture first, then the hub from where the cache stopped. */
  async function open(): Promise<void> {
    let since = 0;
    let hubId: string | undefined;
    const cacheOptions = options.cache;
    if (cacheOptions !== false && (cacheOptions?.indexedDB ?? globalThis.indexedDB) !== undefined) {
      try {
        const opened = await openLocalCache({ officerId: officer.id, rights: rightsOf(officer) }, cacheOptions ?? {});
        cache = opened.cache;
        opened.notices.forEach(noticeOfCache);
        const cacheName = cacheOptions?.name ?? DEFAULT_CACHE_NAME;
        election = electWriter(`${cacheName}:writer`, options.election);
        presence = showWindow(cacheName, options.election);
        const elected = await Promise.race([election.elected.then(() => true), delay(ELECTION_WAIT_MS).then(() => false)]);
        if (!elected) void election.elected.then(promoted);
        const picture = await cache.loadPicture();
        picture.notices.forEach(noticeOfCache);
        if (picture.ageMs !== undefined) {
          columns = picture.hits;
          revision += 1;
          since = picture.through;
          hubId = cache.identity().hubId;
        }
        store.seed({
          state: picture.state,
          through: picture.through,
          ageMs: picture.ageMs,
          // Only this window's commands show here; it has none yet, and adopts (below) those left by the last run.
          pending: [],
        });
        await presence.shown;
        if (elected || presence.visible) outbox = durableOutbox(cache, presence.id);
        if (elected) {
          await adoptOrphaned();
          keepAdopting();
          const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
          inCacheOrder(async (local) => void (await local.purgeOlderThan(retentionMs)));
        }
      } catch (error) {
        cache = undefined;
        notify({ id: 'cache-unavailable', key: 'cacheUnavailable', tone: 'warning' });
        console.warn(`[watchfloor] the local cache cannot be used: ${String(error)}`);
      }
    }
    if (!closed) client.connect(hubUrl, token, since, hubId, rightsOf(officer));
    if (!closed && options.expiresAt !== undefined) renewal = keepRenewed({ expiresAt: options.expiresAt, active: options.active ?? (() => true), renew });
  }

  /** Renews the token; the new expiry, or undefined when the session is over (the hub ends the socket too). */
  async function renew(): Promise<number | undefined | 'retry'> {
    const outcome = await renewSession(hubUrl, token);
    if (closed) return undefined;
    if (outcome.ok) {
      token = outcome.session.token;
      client.setToken(token);
      options.onRenewed?.(token, outcome.session.expiresAt);
      return outcome.session.expiresAt;
    }
    if (outcome.reason === 'unreachable') return 'retry';
    store.setConnection({ kind: 'unauthorized', reason: outcome.reason });
    return undefined;
  }

  function close(): void {
    closed = true;
    renewal?.stop();
    sender.stop();
    clearInterval(adopting);
    timeline?.dispose();
    client.dispose();
    election?.release();
    // Its queued commands are left for the writer to adopt, as after a crash, so there is one way they go.
    presence?.release();
    const local = cache;
    void cacheQueue.finally(() => local?.close());
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
    await adoptOrphaned();
    if (greeted) sender.kick();
  }

  const ready = open();

  return {
    get officer() {
      return officer;
    },
    hubUrl,
    store,
    ready,
    hits: () => hitsFor([]),
    mapProjection: () => projectionFor([]),
    hitsRevision: () => revision,
    timeline(window, concluded) {
      const end = concluded ? (window.end ?? store.getSnapshot().confirmed.lastAt) : undefined;
      const local = cache;
      timeline ??= createTimeline({
        start: window.start,
        ...(end === undefined ? {} : { end }),
        history: (request) => client.history(request),
        // Any window reads the cached log; only the writer keeps what the hub sends.
        ...(local === undefined
          ? {}
          : { cache: { read: (fromSeq, limit) => local.readEvents(fromSeq, limit), keep: async (events) => isWriter() && (await local.keepEvents(events)) } }),
      });
      return timeline;
    },
    cacheRole: () => (cache === undefined || cacheBroken ? 'none' : isWriter() ? 'writer' : 'reader'),
    async send(command) {
      store.commandQueued(command, Date.now());
      const answer = new Promise<CommandAck>((resolve) => answers.set(command.mutationId, resolve));
      await ready;
      const queued = await outbox.enqueue(command);
      if (!queued.ok) {
        const ack: CommandAck = { ok: false, code: 'conflict', message: `Not queued: ${queued.message}` };
        store.commandAnswered(command, ack);
        answers.delete(command.mutationId);
        return ack;
      }
      sender.kick();
      return answer;
    },
    details: (hitId, reason) => client.details({ hitId, reason }),
    setDoNotDisturb: (until) => client.presence(until === undefined ? {} : { doNotDisturbUntil: until }),
    queuedCommands: async () => (await outbox.pending()).length,
    resume(next, expiresAt) {
      if (closed) return;
      token = next;
      const hubId = cache?.identity().hubId;
      client.connect(hubUrl, token, store.getSnapshot().through, hubId, rightsOf(officer));
      if (renewal === undefined) renewal = keepRenewed({ expiresAt, active: options.active ?? (() => true), renew });
      else renewal.restart(expiresAt);
    },
    async signOut() {
      await signOutSession(hubUrl, token);
      const local = cache;
      // The picture goes; the outbox stays, for this officer's next sign-in.
      await cacheQueue.then(() => local?.reset()).catch((error: unknown) => console.warn(`[watchfloor] the local picture could not be cleared: ${String(error)}`));
      close();
    },
    close,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
