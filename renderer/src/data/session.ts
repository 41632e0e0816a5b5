import { optimisticAlert, type Command, type CommandAck, type DetailsResponse, type Officer } from '@watchfloor/shared';
import { rightsOf, type ElectionOptions, type LocalCacheOptions } from '../cache';
import type { HitColumns } from '../map/hit-columns';
import type { MapProjection } from '../map/projection';
import { createHubClient, type HubClient } from './hub-client';
import { createLiveStore, type LiveStore } from './live-store';
import { createSessionCache } from './session-cache';
import { createSessionCommands } from './session-commands';
import { createSessionMap } from './session-map';
import { createHubMessages } from './session-messages';
import { keepRenewed, renewSession, signOutSession, type Renewal } from './session-renewal';
import { createTimeline, type Timeline } from './timeline';
import type { WorkerLike } from './worker-protocol';

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
  /** The current token (renewed as it goes), for the console's own HTTP calls to the hub. */
  token(): string;
  readonly store: LiveStore;
  /** The map's columnar hits; replaced on reset, so read it through this getter. */
  hits(): HitColumns;
  /** Which picture the map's rows show, live or a past moment; replaced with the hits. */
  mapProjection(): MapProjection;
  /** Bumps when hits() rows change, so the map knows to upload. */
  hitsRevision(): number;
  /** Resolves with the hub's answer, which may come much later when the hub is out of reach. */
  send(command: Command): Promise<CommandAck>;
  /** Personal details of a hit, for a purpose from the bureau's list and a reason (the hub records both). */
  details(hitId: string, purpose: string, reason: string): Promise<DetailsResponse>;
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

/**
 * Assembles the session from its parts: the map's side (session-map.ts), the local cache with the writer
 * election and the adoption of closed windows' commands (session-cache.ts), the commands' way to the hub
 * (session-commands.ts) and the hub's messages applied in order (session-messages.ts). Here: the token and
 * its renewal, the officer, the replay timeline, start-up and sign-out.
 */
export function startSession(hubUrl: string, firstToken: string, signedIn: Officer, options: SessionOptions = {}): Session {
  let token = firstToken;
  let officer = signedIn;
  const store = createLiveStore(undefined, (command, alert, givenAt) => optimisticAlert(officer, command, alert, givenAt));
  let renewal: Renewal | undefined;
  let timeline: Timeline | undefined;
  let closed = false;

  const map = createSessionMap(store);
  const cache = createSessionCache({
    options,
    store,
    map,
    history: (request) => client.history(request),
    kick: () => commands.kick(),
  });
  const commands = createSessionCommands({
    store,
    outbox: () => cache.outbox(),
    toHub: (command) => client.command(command),
    ready: () => ready,
  });
  const onMessage = createHubMessages({
    store,
    map,
    cache,
    timeline: {
      record: (events) => timeline?.record(events),
      drop() {
        timeline?.dispose();
        timeline = undefined;
      },
    },
    history: (request) => client.history(request),
    officer: () => officer,
    officerChanged(next) {
      officer = next;
    },
    kick: () => commands.kick(),
  });
  const client: HubClient = createHubClient(onMessage, options.worker?.());

  /** The cached picture first, then the hub from where the cache stopped. */
  async function open(): Promise<void> {
    const { since, hubId } = cache.configured ? await cache.open(officer) : { since: 0, hubId: undefined };
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
    commands.stop();
    timeline?.dispose();
    client.dispose();
    cache.close();
  }

  const ready = open();

  return {
    get officer() {
      return officer;
    },
    hubUrl,
    store,
    ready,
    hits: () => map.hits(),
    mapProjection: () => map.mapProjection(),
    hitsRevision: () => map.revision(),
    timeline(window, concluded) {
      const end = concluded ? (window.end ?? store.getSnapshot().confirmed.lastAt) : undefined;
      const local = cache.local();
      timeline ??= createTimeline({
        start: window.start,
        ...(end === undefined ? {} : { end }),
        history: (request) => client.history(request),
        heldAlerts: () => store.getSnapshot().confirmed.alerts,
        // Any window reads the cached log; only the writer keeps what the hub sends.
        ...(local === undefined
          ? {}
          : { cache: { read: (fromSeq, limit) => local.readEvents(fromSeq, limit), keep: async (events) => cache.isWriter() && (await local.keepEvents(events)) } }),
      });
      return timeline;
    },
    cacheRole: () => cache.role(),
    token: () => token,
    send: (command) => commands.send(command),
    details: (hitId, purpose, reason) => client.details({ hitId, purpose, reason }),
    setDoNotDisturb: (until) => client.presence(until === undefined ? {} : { doNotDisturbUntil: until }),
    queuedCommands: () => commands.queued(),
    resume(next, expiresAt) {
      if (closed) return;
      token = next;
      const hubId = cache.local()?.identity().hubId;
      client.connect(hubUrl, token, store.getSnapshot().through, hubId, rightsOf(officer));
      if (renewal === undefined) renewal = keepRenewed({ expiresAt, active: options.active ?? (() => true), renew });
      else renewal.restart(expiresAt);
    },
    async signOut() {
      await signOutSession(hubUrl, token);
      await cache.clearPicture();
      close();
    },
    close,
  };
}
