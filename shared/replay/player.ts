import { addRange, covers, coveredThrough, type TimeRange } from './ranges';
import type { StepDirection } from './snapshots';
import { checkSpeed, fitSpeed, type SpeedRefusal } from './speed';

/**
 * One player for live and replay (design section 8): both publish the same `PlayerState`, and what a
 * source can do is stated as capabilities, so a screen never asks "am I live?" but "may I seek?".
 *
 * Pure and clock-injected: `reducePlayer(state, action, now)` returns the next state, the effects the
 * screen must carry out (load a range from the hub, cancel a superseded load) and, when an action is not
 * allowed, a refusal with a reason. There are no timers inside; the screen sends `tick` once per frame.
 *
 * `currentTime` is always the time of the picture on screen. A seek whose events are not held yet leaves
 * it where it is and publishes `seeking` (target and progress); the newest seek wins and an older load's
 * progress is ignored, though the data it brought is kept. `playing` is the officer's intent: it stays
 * true while playback waits for data, and time moves only when nothing is being loaded.
 */
export type PlayerMode = 'live' | 'replay';

export interface PlayerCapabilities {
  /** Acknowledge, escalate, resolve…: only at the live edge, so nobody acts while looking at the past. */
  readonly commands: boolean;
  readonly seek: boolean;
  readonly play: boolean;
  /** Live: pausing starts a timeshift (the feed keeps recording). Replay: pauses playback. */
  readonly pause: boolean;
  readonly speed: boolean;
  readonly step: boolean;
  readonly loop: boolean;
  readonly returnToLive: boolean;
}

export type WindowMode = { readonly kind: 'trail'; readonly minutes: number } | { readonly kind: 'cumulative' };

export interface SeekProgress {
  readonly requestId: number;
  readonly target: number;
  /** 0..1 as reported by the loader; undefined until it reports. */
  readonly progress: number | undefined;
}

export interface Timeshift {
  readonly pausedAt: number;
  /** Critical hits recorded since the live view was paused: shown on "Return to live". */
  readonly missedCritical: number;
}

export interface PlayerState {
  readonly mode: PlayerMode;
  readonly capabilities: PlayerCapabilities;
  /** The operation's start and the end of what can be shown (the live edge of a running operation). */
  readonly start: number;
  readonly end: number;
  readonly currentTime: number;
  readonly playing: boolean;
  /** Multiple of real time. */
  readonly speed: number;
  readonly window: WindowMode;
  readonly loop: TimeRange | undefined;
  /** Latest recorded moment of a running operation; undefined once it is concluded. */
  readonly liveEdge: number | undefined;
  /** Time ranges whose events are held locally, merged and sorted. */
  readonly loaded: readonly TimeRange[];
  readonly seeking: SeekProgress | undefined;
  readonly timeshift: Timeshift | undefined;
  /** Playback of a concluded operation reached its end and stopped. */
  readonly ended: boolean;
  /** Wall-clock and operation time at the last play, seek or speed change: playback time is derived from it. */
  readonly anchor: { readonly wallMs: number; readonly timeMs: number };
  readonly lastRequestId: number;
}

export type PlayerAction =
  | { readonly type: 'tick' }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'seek'; readonly to: number }
  /** `target` comes from the replay index (`adjacentEventTime`); see `stepAction`. */
  | { readonly type: 'step'; readonly direction: StepDirection; readonly target: number | undefined }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'fit'; readonly minutes: number }
  | { readonly type: 'window'; readonly mode: WindowMode }
  | { readonly type: 'loop'; readonly range: TimeRange | undefined }
  | { readonly type: 'return-to-live' }
  | { readonly type: 'load-progress'; readonly requestId: number; readonly progress: number }
  /** A range is now held locally (a load finished, or the cache already had it). */
  | { readonly type: 'loaded'; readonly range: TimeRange }
  | { readonly type: 'load-failed'; readonly requestId: number; readonly message: string }
  /** Live events were recorded; `criticalRaised` critical hits among them. */
  | { readonly type: 'recorded'; readonly criticalRaised: number };

export type PlayerEffect =
  | { readonly type: 'load'; readonly requestId: number; readonly range: TimeRange }
  | { readonly type: 'cancel-load'; readonly requestId: number };

export type PlayerRefusal =
  | { readonly code: 'not-supported'; readonly capability: keyof PlayerCapabilities }
  | { readonly code: 'invalid-speed'; readonly reason: SpeedRefusal }
  | { readonly code: 'invalid-range' }
  | { readonly code: 'invalid-window' }
  | { readonly code: 'no-event'; readonly direction: StepDirection }
  | { readonly code: 'load-failed'; readonly message: string };

export interface PlayerTransition {
  readonly state: PlayerState;
  readonly effects: readonly PlayerEffect[];
  readonly refusal?: PlayerRefusal;
  /** The speed asked for was outside 0.1x..3600x and was clamped to `state.speed`. */
  readonly speedClamped?: boolean;
}

const MINUTE = 60_000;
/** Load ahead of the target so playback does not stall at once; faster playback needs more. */
const LOOKAHEAD_WALL_MS = 30_000;
const MIN_LOOKAHEAD_MS = 5 * MINUTE;
export const MAX_TRAIL_MINUTES = 24 * 60;
export const DEFAULT_WINDOW: WindowMode = { kind: 'trail', minutes: 30 };

const LIVE: PlayerCapabilities = {
  commands: true,
  seek: false,
  play: false,
  pause: true,
  speed: false,
  step: false,
  loop: false,
  returnToLive: false,
};
const REPLAY: PlayerCapabilities = { commands: false, seek: true, play: true, pause: true, speed: true, step: true, loop: true, returnToLive: false };
const REPLAY_OF_RUNNING: PlayerCapabilities = { ...REPLAY, returnToLive: true };

/** The live console's player: follows the live edge; commands allowed. */
export function livePlayer(input: { readonly start: number; readonly now: number; readonly loaded?: readonly TimeRange[] }): PlayerState {
  return settle({
    ...common(input.start, input.now, input.loaded ?? [{ from: input.start, to: input.now }]),
    mode: 'live',
    end: input.now,
    currentTime: input.now,
    playing: true,
    liveEdge: input.now,
  });
}

/** Replay of an operation from its start; `running` when it still records (its end is the live edge). */
export function replayPlayer(input: {
  readonly start: number;
  readonly end: number;
  readonly now: number;
  readonly running: boolean;
  readonly loaded?: readonly TimeRange[];
}): PlayerState {
  return settle({
    ...common(input.start, input.now, input.loaded ?? []),
    mode: 'replay',
    end: input.end,
    currentTime: input.start,
    playing: false,
    liveEdge: input.running ? input.end : undefined,
  });
}

function common(start: number, now: number, loaded: readonly TimeRange[]) {
  return {
    capabilities: LIVE,
    start,
    speed: 1,
    window: DEFAULT_WINDOW,
    loop: undefined,
    loaded: loaded.reduce<TimeRange[]>((merged, range) => addRange(merged, range), []),
    seeking: undefined,
    timeshift: undefined,
    ended: false,
    anchor: { wallMs: now, timeMs: start },
    lastRequestId: 0,
  };
}

export function reducePlayer(state: PlayerState, action: PlayerAction, now: number): PlayerTransition {
  const played = (action.type === 'pause' || action.type === 'speed' || action.type === 'fit') && state.mode === 'replay' && state.playing;
  // Pausing live freezes the picture at the moment of the pause, not at the last tick before it.
  const pausedLive = action.type === 'pause' && state.mode === 'live';
  if (played || pausedLive) {
    // Time played (or lived) since the last tick counts before the playhead is re-anchored.
    const caught = tick(state, now);
    const next = apply(caught.state, action, now);
    return { ...next, effects: [...caught.effects, ...next.effects] };
  }
  return apply(state, action, now);
}

function apply(state: PlayerState, action: PlayerAction, now: number): PlayerTransition {
  switch (action.type) {
    case 'tick':
      return tick(state, now);
    case 'play':
      if (!state.capabilities.play) return refuse(state, 'play');
      if (state.playing) return done(state);
      if (state.liveEdge !== undefined && state.currentTime >= state.end) return goLive(state, now);
      if (state.ended || state.currentTime >= state.end) return seekTo({ ...state, playing: true, ended: false }, state.loop?.from ?? state.start, now);
      return done(settle({ ...state, playing: true, anchor: { wallMs: now, timeMs: state.currentTime } }));
    case 'pause':
      if (!state.capabilities.pause) return refuse(state, 'pause');
      if (state.mode === 'live') {
        // Timeshift: the picture freezes here while the live feed keeps recording behind it.
        return done(settle({ ...state, mode: 'replay', playing: false, timeshift: { pausedAt: state.currentTime, missedCritical: 0 } }));
      }
      return done(settle({ ...state, playing: false, anchor: { wallMs: now, timeMs: state.currentTime } }));
    case 'seek':
      if (!state.capabilities.seek) return refuse(state, 'seek');
      return seekTo(state, action.to, now);
    case 'step':
      if (!state.capabilities.step) return refuse(state, 'step');
      if (action.target === undefined) {
        return { state, effects: [], refusal: { code: 'no-event', direction: action.direction } };
      }
      return seekTo({ ...state, playing: false }, action.target, now);
    case 'speed':
    case 'fit': {
      if (!state.capabilities.speed) return refuse(state, 'speed');
      const check = action.type === 'speed' ? checkSpeed(action.speed) : fitSpeed(state.end - state.start, action.minutes);
      if (!check.ok) return { state, effects: [], refusal: { code: 'invalid-speed', reason: check.reason } };
      const next = settle({ ...state, speed: check.speed, anchor: { wallMs: now, timeMs: state.currentTime } });
      return check.clamped ? { state: next, effects: [], speedClamped: true } : done(next);
    }
    case 'window': {
      const mode = action.mode;
      if (mode.kind === 'trail' && !(Number.isFinite(mode.minutes) && mode.minutes > 0 && mode.minutes <= MAX_TRAIL_MINUTES)) {
        return { state, effects: [], refusal: { code: 'invalid-window' } };
      }
      return done(settle({ ...state, window: mode }));
    }
    case 'loop':
      return setLoop(state, action.range, now);
    case 'return-to-live':
      if (!state.capabilities.returnToLive) return refuse(state, 'returnToLive');
      return goLive(state, now);
    case 'load-progress':
      if (state.seeking?.requestId !== action.requestId) return done(state);
      return done(settle({ ...state, seeking: { ...state.seeking, progress: Math.min(1, Math.max(0, action.progress)) } }));
    case 'loaded':
      // Kept even when the seek that asked for it was superseded: the data is held either way.
      return finishSeekIfReady(settle({ ...state, loaded: addRange(state.loaded, action.range) }), now);
    case 'load-failed':
      if (state.seeking?.requestId !== action.requestId) return done(state);
      return {
        state: settle({ ...state, seeking: undefined, playing: false, anchor: { wallMs: now, timeMs: state.currentTime } }),
        effects: [],
        refusal: { code: 'load-failed', message: action.message },
      };
    case 'recorded':
      if (state.timeshift === undefined || action.criticalRaised <= 0) return done(state);
      return done(settle({ ...state, timeshift: { ...state.timeshift, missedCritical: state.timeshift.missedCritical + action.criticalRaised } }));
  }
}

/** The step action for the arrow keys: the event time before or after what is shown (or being sought). */
export function stepAction(
  state: PlayerState,
  direction: StepDirection,
  times: { adjacentEventTime(time: number, direction: StepDirection): number | undefined },
): PlayerAction {
  return { type: 'step', direction, target: times.adjacentEventTime(state.seeking?.target ?? state.currentTime, direction) };
}

/** Why a command cannot be sent now, for the label and for a shortcut pressed in replay. */
export function commandAvailability(state: PlayerState): { readonly ok: true } | { readonly ok: false; readonly reason: 'replay' } {
  return state.capabilities.commands ? { ok: true } : { ok: false, reason: 'replay' };
}

/**
 * What the map shows at `currentTime`: the last N minutes with the older half fading (trail) or everything
 * since the start (cumulative). The shape is the map's `MapWindow`.
 */
export function visibleWindow(state: PlayerState): { readonly startMs: number; readonly endMs: number; readonly trailMs?: number } {
  if (state.window.kind === 'cumulative') return { startMs: state.start, endMs: state.currentTime };
  const span = state.window.minutes * MINUTE;
  return { startMs: state.currentTime - span, endMs: state.currentTime, trailMs: span / 2 };
}

function tick(state: PlayerState, now: number): PlayerTransition {
  const recording = state.liveEdge !== undefined ? record(state, now) : state;
  if (recording.mode === 'live') {
    return done(settle({ ...recording, currentTime: now, anchor: { wallMs: now, timeMs: now } }));
  }
  if (!recording.playing || recording.seeking !== undefined) return done(recording);

  let time = recording.anchor.timeMs + (now - recording.anchor.wallMs) * recording.speed;
  const loop = recording.loop;
  if (loop !== undefined && recording.currentTime <= loop.to && time >= loop.to) {
    time = loop.from + ((time - loop.to) % Math.max(1, loop.to - loop.from));
    return advanceTo({ ...recording, anchor: { wallMs: now, timeMs: time } }, time, now);
  }
  if (time >= recording.end) {
    // A running operation played up to its live edge is live again; a concluded one stops at its end.
    if (recording.liveEdge !== undefined) return goLive(recording, now);
    return done(settle({ ...recording, currentTime: recording.end, playing: false, ended: true, anchor: { wallMs: now, timeMs: recording.end } }));
  }
  return advanceTo(recording, time, now);
}

/** A running operation keeps recording: its end and what is held move with the wall clock. */
function record(state: PlayerState, now: number): PlayerState {
  if (now <= state.liveEdge!) return state;
  const covered = covers(state.loaded, state.liveEdge!, state.liveEdge!);
  return {
    ...state,
    liveEdge: now,
    end: now,
    loaded: covered ? addRange(state.loaded, { from: state.liveEdge!, to: now }) : state.loaded,
  };
}

/** Playback moves to `time` if it is held; otherwise it waits at the edge of what is held for a load. */
function advanceTo(state: PlayerState, time: number, now: number): PlayerTransition {
  if (isReady(state, time)) return done(settle({ ...state, currentTime: time }));
  const edge = coveredThrough(state.loaded, state.start);
  const held = edge !== undefined && edge > state.currentTime ? edge : state.currentTime;
  return startLoad(settle({ ...state, currentTime: held, anchor: { wallMs: now, timeMs: held } }), time);
}

function seekTo(state: PlayerState, to: number, now: number): PlayerTransition {
  const target = Math.min(state.end, Math.max(state.start, to));
  const cancel: PlayerEffect[] = state.seeking ? [{ type: 'cancel-load', requestId: state.seeking.requestId }] : [];
  const base = settle({ ...state, seeking: undefined, ended: false });
  if (isReady(base, target)) {
    return { state: settle({ ...base, currentTime: target, anchor: { wallMs: now, timeMs: target } }), effects: cancel };
  }
  const started = startLoad(base, target);
  return { ...started, effects: [...cancel, ...started.effects] };
}

function startLoad(state: PlayerState, target: number): PlayerTransition {
  const requestId = state.lastRequestId + 1;
  const from = coveredThrough(state.loaded, state.start) ?? state.start;
  const to = Math.min(state.end, Math.max(target + Math.max(MIN_LOOKAHEAD_MS, state.speed * LOOKAHEAD_WALL_MS), from));
  return {
    state: settle({ ...state, lastRequestId: requestId, seeking: { requestId, target, progress: undefined } }),
    effects: [{ type: 'load', requestId, range: { from, to } }],
  };
}

function finishSeekIfReady(state: PlayerState, now: number): PlayerTransition {
  const seeking = state.seeking;
  if (seeking === undefined || !isReady(state, seeking.target)) return done(state);
  return done(settle({ ...state, seeking: undefined, currentTime: seeking.target, anchor: { wallMs: now, timeMs: seeking.target } }));
}

function setLoop(state: PlayerState, range: TimeRange | undefined, now: number): PlayerTransition {
  if (!state.capabilities.loop) return refuse(state, 'loop');
  if (range === undefined) return done(settle({ ...state, loop: undefined }));
  const loop = { from: Math.max(state.start, range.from), to: Math.min(state.end, range.to) };
  if (!(loop.from < loop.to)) return { state, effects: [], refusal: { code: 'invalid-range' } };
  const next = settle({ ...state, loop });
  const shown = next.seeking?.target ?? next.currentTime;
  return shown < loop.from || shown > loop.to ? seekTo(next, loop.from, now) : done(next);
}

function goLive(state: PlayerState, now: number): PlayerTransition {
  const edge = Math.max(state.liveEdge ?? now, now);
  return {
    state: settle({
      ...state,
      mode: 'live',
      currentTime: edge,
      end: edge,
      liveEdge: edge,
      playing: true,
      speed: 1,
      loop: undefined,
      seeking: undefined,
      timeshift: undefined,
      ended: false,
      anchor: { wallMs: now, timeMs: edge },
    }),
    effects: state.seeking ? [{ type: 'cancel-load', requestId: state.seeking.requestId }] : [],
  };
}

/** The picture at `time` needs every event from the start of the operation up to it. */
function isReady(state: PlayerState, time: number): boolean {
  return time <= state.start || covers(state.loaded, state.start, time);
}

function settle(state: PlayerState): PlayerState {
  const capabilities = state.mode === 'live' ? LIVE : state.liveEdge !== undefined ? REPLAY_OF_RUNNING : REPLAY;
  return state.capabilities === capabilities ? state : { ...state, capabilities };
}

function done(state: PlayerState): PlayerTransition {
  return { state, effects: [] };
}

function refuse(state: PlayerState, capability: keyof PlayerCapabilities): PlayerTransition {
  return { state, effects: [], refusal: { code: 'not-supported', capability } };
}
