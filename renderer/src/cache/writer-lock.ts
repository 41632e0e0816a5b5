/**
 * One writer per cache across the app's windows (a desk queue and a wall map share one IndexedDB): the
 * writer applies hub batches and takes over the queued commands of windows that have gone (see
 * `WindowPresence`); the others only read, after a change notice, and send their own commands. Web Locks
 * give this for free in Chromium and Electron, and release the lock when a window dies; where they are
 * missing, a heartbeat election over BroadcastChannel stands in.
 */
export interface WriterElection {
  isWriter(): boolean;
  /** Resolves when this window becomes the writer (it may never, while another window lives). */
  readonly elected: Promise<void>;
  /** Leaves the election; if this window was the writer, a follower takes over. */
  release(): void;
}

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
  /** The locks held now, across every window of the origin. */
  query(): Promise<{ readonly held?: readonly { readonly name?: string }[] }>;
}

/** The part of `BroadcastChannel` used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  close(): void;
}

export type OpenChannel = (name: string) => ChannelLike;

export interface ElectionOptions {
  /** `navigator.locks` by default; pass undefined-returning to force the fallback. */
  readonly locks?: LockManagerLike | undefined;
  readonly openChannel?: OpenChannel;
  readonly id?: string;
}

export const HEARTBEAT_MS = 1000;
export const WRITER_TIMEOUT_MS = 3000;
export const CLAIM_WINDOW_MS = 300;

const defaultOpenChannel: OpenChannel = (name) => new BroadcastChannel(name) as unknown as ChannelLike;

function browserLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

export function electWriter(name: string, options: ElectionOptions = {}): WriterElection {
  const locks = 'locks' in options ? options.locks : browserLocks();
  if (locks !== undefined) return electWithLocks(name, locks);
  return electWithChannel(name, options.openChannel ?? defaultOpenChannel, options.id ?? randomId());
}

function electWithLocks(name: string, locks: LockManagerLike): WriterElection {
  let writer = false;
  let becomeWriter!: () => void;
  const elected = new Promise<void>((resolve) => (becomeWriter = resolve));
  const letGo = holdLock(locks, name, () => {
    writer = true;
    becomeWriter();
  });
  return {
    isWriter: () => writer,
    elected,
    release() {
      writer = false;
      letGo();
    },
  };
}

/**
 * Asks for the Web Lock `name` and holds it from when it is granted until the returned release is called,
 * or until the window goes away (the browser frees it then). `onGranted` runs when it is granted, unless
 * released before; a release while still waiting withdraws the request.
 */
function holdLock(locks: LockManagerLike, name: string, onGranted: () => void): () => void {
  let released = false;
  let letGo: (() => void) | undefined;
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => {
      if (released) return Promise.resolve();
      onGranted();
      // Held for as long as this promise is pending.
      return new Promise<void>((resolve) => (letGo = resolve));
    })
    .catch(() => {
      // Aborted while waiting: released before its turn.
    });
  return () => {
    if (released) return;
    released = true;
    if (letGo !== undefined) letGo();
    else abort.abort();
  };
}

type ElectionMessage =
  | { readonly kind: 'heartbeat'; readonly id: string }
  | { readonly kind: 'claim'; readonly id: string }
  | { readonly kind: 'resign'; readonly id: string };

function isElectionMessage(data: unknown): data is ElectionMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { kind, id } = data as { kind?: unknown; id?: unknown };
  return (kind === 'heartbeat' || kind === 'claim' || kind === 'resign') && typeof id === 'string';
}

/**
 * Bully election: the writer sends a heartbeat; a follower that hears none for WRITER_TIMEOUT_MS claims, and
 * wins unless it hears a heartbeat or a lower id's claim within CLAIM_WINDOW_MS. Two writers (a partition
 * healed) settle on the lower id.
 */
function electWithChannel(name: string, openChannel: OpenChannel, id: string): WriterElection {
  const channel = openChannel(`${name}:election`);
  let writer = false;
  let released = false;
  let claiming = false;
  let becomeWriter!: () => void;
  const elected = new Promise<void>((resolve) => (becomeWriter = resolve));
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let claimTimer: ReturnType<typeof setTimeout> | undefined;

  const send = (kind: ElectionMessage['kind']) => channel.postMessage({ kind, id } satisfies ElectionMessage);

  function waitForSilence(after = WRITER_TIMEOUT_MS): void {
    clearTimeout(silence);
    if (released || writer) return;
    silence = setTimeout(claim, after);
  }

  function claim(): void {
    if (released || writer) return;
    claiming = true;
    send('claim');
    claimTimer = setTimeout(() => {
      claiming = false;
      if (released) return;
      writer = true;
      becomeWriter();
      send('heartbeat');
      heartbeat = setInterval(() => send('heartbeat'), HEARTBEAT_MS);
    }, CLAIM_WINDOW_MS);
  }

  function stepDown(): void {
    clearTimeout(claimTimer);
    claiming = false;
    if (writer) {
      writer = false;
      clearInterval(heartbeat);
    }
    waitForSilence();
  }

  channel.onmessage = ({ data }) => {
    if (released || !isElectionMessage(data) || data.id === id) return;
    switch (data.kind) {
      case 'heartbeat':
        if (!writer || data.id < id) stepDown();
        return;
      case 'claim':
        if (writer) send('heartbeat');
        else if (claiming && data.id < id) stepDown();
        else if (!claiming) waitForSilence();
        return;
      case 'resign':
        if (!writer) waitForSilence(0);
        return;
    }
  };

  // A new window claims at once: a live writer answers within the claim window and it backs off.
  waitForSilence(0);

  return {
    isWriter: () => writer,
    elected,
    release() {
      if (released) return;
      const wasWriter = writer;
      released = true;
      writer = false;
      clearInterval(heartbeat);
      clearTimeout(silence);
      clearTimeout(claimTimer);
      if (wasWriter) send('resign');
      channel.close();
    },
  };
}

/**
 * Which of the app's windows are still open, so the writer can take over the commands a window left queued
 * when it closed or crashed. Each window holds a lock named after its id for as long as it lives, and the
 * browser releases it however the window goes; a window that has queued a command already held its lock,
 * so a command whose window's lock is free has nobody left to send it.
 */
export interface WindowPresence {
  readonly id: string;
  /**
   * Whether other windows can tell that this one has gone. Without Web Locks nothing shows it, so a row in
   * the shared outbox could not be taken over safely from a live window: there the shared outbox is the
   * writer's alone (see `gone`), and the other windows keep their commands in memory.
   */
  readonly visible: boolean;
  /** Resolves once other windows can see this one alive (or it has been released); only then may it queue in the shared outbox. */
  readonly shown: Promise<void>;
  /**
   * Of these windows, the ones that have gone. Without Web Locks only a writer queues in the shared
   * outbox, and there is one writer at a time, so every other window's rows are a former writer's: all
   * count as gone.
   */
  gone(ids: Iterable<string>): Promise<ReadonlySet<string>>;
  /** The window closes: the others may take over its commands. */
  release(): void;
}

/** `name`: the cache's, so windows of another cache are not confused with these. */
export function showWindow(name: string, options: ElectionOptions = {}): WindowPresence {
  const locks = 'locks' in options ? options.locks : browserLocks();
  const id = options.id ?? randomId();
  if (locks === undefined) {
    return {
      id,
      visible: false,
      shown: Promise.resolve(),
      gone: async (ids) => new Set([...ids].filter((other) => other !== id)),
      release: () => undefined,
    };
  }
  const lockOf = (windowId: string) => `${name}:window:${windowId}`;
  let showNow!: () => void;
  const shown = new Promise<void>((resolve) => (showNow = resolve));
  const letGo = holdLock(locks, lockOf(id), showNow);
  return {
    id,
    visible: true,
    shown,
    async gone(ids) {
      const { held = [] } = await locks.query();
      const alive = new Set(held.map((lock) => lock.name));
      return new Set([...ids].filter((other) => other !== id && !alive.has(lockOf(other))));
    },
    release() {
      // A window closed before its lock was granted queues nothing; whoever waits on `shown` goes on.
      showNow();
      letGo();
    },
  };
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What followers hear from the writer, so they re-read the cache instead of polling it. */
export type CacheChange =
  | { readonly kind: 'batch'; readonly through: number }
  | { readonly kind: 'outbox' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'rebuilt' };

export interface CacheChanges {
  announce(change: CacheChange): void;
  subscribe(listener: (change: CacheChange) => void): () => void;
  close(): void;
}

function isCacheChange(data: unknown): data is CacheChange {
  if (typeof data !== 'object' || data === null) return false;
  const { kind, through } = data as { kind?: unknown; through?: unknown };
  if (kind === 'batch') return typeof through === 'number';
  return kind === 'outbox' || kind === 'reset' || kind === 'rebuilt';
}

export function createCacheChanges(name: string, openChannel: OpenChannel = defaultOpenChannel): CacheChanges {
  const channel = openChannel(`${name}:changes`);
  const listeners = new Set<(change: CacheChange) => void>();
  channel.onmessage = ({ data }) => {
    if (!isCacheChange(data)) return;
    for (const listener of listeners) listener(data);
  };
  return {
    announce: (change) => channel.postMessage(change),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel.close();
    },
  };
}
