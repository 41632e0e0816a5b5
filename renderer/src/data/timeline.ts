import {
  livePlayer,
  replayPlayer,
  reducePlayer,
  stepAction,
  type HistoryRequest,
  type HistoryResponse,
  type HitHistogram,
  type MarkerTrack,
  type OpsEvent,
  type OpsState,
  type PlayerAction,
  type PlayerEffect,
  type PlayerRefusal,
  type PlayerState,
  type ReplayIndex,
  type StepDirection,
} from '@watchfloor/shared';
import { createTimelineLog, type HeldAlerts } from './timeline-log';

/**
 * The console's timeline: the operation's whole log in a replay index (timeline-log.ts), the player that
 * says which moment is on screen, and the picture at that moment. One player for live and replay: live, the
 * screen shows the live store and the player follows the edge; paused or replaying, it shows `picture`.
 *
 * The log loads in pages, in the background, from the first event: from the local cache while it holds the
 * next events without a hole, otherwise from the hub's `history` (and what the hub sends is then cached).
 * Live batches join it once it has caught up with them (earlier ones are held back until then, so the log
 * has no hole).
 * A seek beyond what is held waits for the load with progress, as the player asks.
 */
export interface TimelineSnapshot {
  readonly player: PlayerState;
  /** The picture at `player.currentTime` while not live; undefined at the live edge. */
  readonly picture: OpsState | undefined;
  readonly refusal: PlayerRefusal | undefined;
  readonly speedClamped: boolean;
  /** Loading the log: events held, how many of them came from the local cache, and any failure. */
  readonly log: { readonly held: number; readonly fromCache: number; readonly loading: boolean; readonly error: string | undefined };
  readonly revision: number;
}

export interface Timeline {
  readonly index: ReplayIndex;
  readonly histogram: HitHistogram;
  readonly markers: MarkerTrack;
  getSnapshot(): TimelineSnapshot;
  subscribe(listener: () => void): () => void;
  dispatch(action: PlayerAction): void;
  step(direction: StepDirection): void;
  /** Live batches as the session applies them. */
  record(events: readonly OpsEvent[]): void;
  dispose(): void;
}

/** The local cache's copy of the log. */
export interface CachedLog {
  read(fromSeq: number, limit: number): Promise<readonly OpsEvent[]>;
  keep(events: readonly OpsEvent[]): Promise<unknown>;
}

export interface TimelineDeps {
  readonly start: number;
  /** A concluded operation's end: its replay starts at the beginning and has no live edge. */
  readonly end?: number;
  history(request: HistoryRequest): Promise<HistoryResponse>;
  readonly cache?: CachedLog;
  /** The live picture's alerts, whose hits the log keeps instead of its own copies. */
  readonly heldAlerts?: HeldAlerts;
  now?(): number;
  /** Calls back on the next frame; returns a cancel. */
  frame?(callback: () => void): () => void;
}

const PAGE = 5000;
const LIVE_TICK_MS = 1000;

export function createTimeline(deps: TimelineDeps): Timeline {
  const now = deps.now ?? Date.now;
  const frame = deps.frame ?? defaultFrame;
  const { index, histogram, markers, take, takeLive } = createTimelineLog(deps.start, deps.heldAlerts);
  const listeners = new Set<() => void>();
  /** Live batches that arrived before the log caught up with them. */
  let heldBack: OpsEvent[] = [];
  let caughtUp = false;
  let disposed = false;
  let cancelFrame: (() => void) | undefined;
  let snapshot: TimelineSnapshot = {
    player:
      deps.end === undefined
        ? livePlayer({ start: deps.start, now: now(), loaded: [] })
        : replayPlayer({ start: deps.start, end: deps.end, now: now(), running: false }),
    picture: undefined,
    refusal: undefined,
    speedClamped: false,
    log: { held: 0, fromCache: 0, loading: true, error: undefined },
    revision: 0,
  };

  function publish(change: Partial<TimelineSnapshot>): void {
    const player = change.player ?? snapshot.player;
    const moved = player.mode !== snapshot.player.mode || player.currentTime !== snapshot.player.currentTime || change.log !== undefined;
    const picture = player.mode === 'live' ? undefined : moved || snapshot.picture === undefined ? index.stateAt(player.currentTime) : snapshot.picture;
    snapshot = { ...snapshot, ...change, player, picture, revision: snapshot.revision + 1 };
    for (const listener of listeners) listener();
    schedule();
  }

  function dispatch(action: PlayerAction): void {
    const transition = reducePlayer(snapshot.player, action, now());
    for (const effect of transition.effects) carryOut(effect);
    const quiet = action.type === 'tick' || action.type === 'loaded' || action.type === 'load-progress' || action.type === 'recorded';
    publish({
      player: transition.state,
      ...(quiet && transition.refusal === undefined ? {} : { refusal: transition.refusal, speedClamped: transition.speedClamped === true }),
    });
  }

  /** The loader fetches the whole log anyway; a `load` only needs its progress reported. */
  function carryOut(effect: PlayerEffect): void {
    if (effect.type !== 'load' || snapshot.log.loading) return;
    const failed = snapshot.log.error;
    queueMicrotask(() =>
      dispatch(failed === undefined ? { type: 'loaded', range: heldRange() } : { type: 'load-failed', requestId: effect.requestId, message: failed }),
    );
  }

  function heldRange() {
    const end = deps.end ?? now();
    return { from: deps.start, to: caughtUp ? end : Math.max(deps.start, index.span?.to ?? deps.start) };
  }

  async function load(): Promise<void> {
    let fromCache = 0;
    try {
      let from = 1;
      for (;;) {
        const cached = deps.cache === undefined ? [] : consecutiveFrom(await deps.cache.read(from, PAGE).catch(() => []), from);
        const page: { readonly events: readonly OpsEvent[]; readonly next?: number | undefined } = cached.length > 0 ? { events: cached, next: cached.at(-1)!.seq + 1 } : await deps.history({ fromSeq: from, limit: PAGE });
        if (disposed) return;
        if (cached.length > 0) fromCache += cached.length;
        else if (page.events.length > 0) void deps.cache?.keep(page.events).catch(() => undefined);
        take(page.events);
        const seeking = snapshot.player.seeking;
        if (seeking !== undefined && index.span !== undefined) {
          const span = Math.max(1, seeking.target - deps.start);
          dispatch({ type: 'load-progress', requestId: seeking.requestId, progress: (index.span.to - deps.start) / span });
        }
        dispatch({ type: 'loaded', range: heldRange() });
        if (page.next === undefined) break;
        from = page.next;
      }
      caughtUp = true;
      takeLive(heldBack);
      heldBack = [];
      publish({ log: { held: index.eventCount, fromCache, loading: false, error: undefined } });
      dispatch({ type: 'loaded', range: heldRange() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const seeking = snapshot.player.seeking;
      publish({ log: { held: index.eventCount, fromCache, loading: false, error: message } });
      if (seeking !== undefined) dispatch({ type: 'load-failed', requestId: seeking.requestId, message });
    }
  }

  /** Frames while playing (time moves), a slow tick otherwise (the live edge moves). */
  function schedule(): void {
    if (disposed || cancelFrame !== undefined) return;
    const { player } = snapshot;
    if (player.mode === 'replay' && player.playing && player.seeking === undefined) {
      cancelFrame = frame(() => {
        cancelFrame = undefined;
        dispatch({ type: 'tick' });
      });
    } else {
      const timer = setTimeout(() => {
        cancelFrame = undefined;
        dispatch({ type: 'tick' });
      }, LIVE_TICK_MS);
      cancelFrame = () => clearTimeout(timer);
    }
  }

  void load();

  return {
    index,
    histogram,
    markers,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      schedule();
      return () => listeners.delete(listener);
    },
    dispatch,
    step: (direction) => dispatch(stepAction(snapshot.player, direction, index)),
    record(events) {
      if (caughtUp) takeLive(events);
      else heldBack.push(...events);
      const critical = events.filter((event) => event.type === 'hit.raised' && event.hit.severity === 'critical').length;
      if (critical > 0) dispatch({ type: 'recorded', criticalRaised: critical });
    },
    dispose() {
      disposed = true;
      cancelFrame?.();
      listeners.clear();
    },
  };
}

/** The leading run of `events` that continues the log exactly at `from`, with no hole. */
function consecutiveFrom(events: readonly OpsEvent[], from: number): readonly OpsEvent[] {
  let count = 0;
  while (count < events.length && events[count]!.seq === from + count) count += 1;
  return events.slice(0, count);
}

function defaultFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(callback, 16);
    return () => clearTimeout(timer);
  }
  const id = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(id);
}
