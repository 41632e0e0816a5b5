import { describe, expect, it } from 'vitest';
import { T0 } from '../testing/builders';
import {
  commandAvailability,
  livePlayer,
  reducePlayer,
  replayPlayer,
  stepAction,
  visibleWindow,
  type PlayerAction,
  type PlayerState,
  type PlayerTransition,
} from './player';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Wall clock of the test: the officer's "now", far from operation times so the two never get mixed up. */
const WALL = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A concluded 2-hour operation, all of it held locally. */
const concluded = (loaded = [{ from: T0, to: T0 + 2 * HOUR }]) =>
  replayPlayer({ start: T0, end: T0 + 2 * HOUR, now: WALL, running: false, loaded });
/** A concluded operation of which only the first 30 minutes are held: later seeks must load. */
const partlyLoaded = () => concluded([{ from: T0, to: T0 + 30 * MIN }]);

/** Applies actions at wall-clock times; returns every transition so a test can look at effects. */
function run(state: PlayerState, steps: readonly (readonly [number, PlayerAction])[]): PlayerTransition[] {
  const out: PlayerTransition[] = [];
  let current = state;
  for (const [at, action] of steps) {
    const transition = reducePlayer(current, action, at);
    out.push(transition);
    current = transition.state;
  }
  return out;
}
const last = (transitions: readonly PlayerTransition[]) => transitions.at(-1)!.state;

describe('playback', () => {
  it('given a paused replay, when played at 60x for 2 s of wall time, then 2 minutes of operation pass', () => {
    const state = last(
      run(concluded(), [
        [WALL, { type: 'speed', speed: 60 }],
        [WALL, { type: 'play' }],
        [WALL + 2000, { type: 'tick' }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 2 * MIN);
    expect(state.playing).toBe(true);
  });

  it('given playback, when paused, then ticks no longer move time', () => {
    const state = last(
      run(concluded(), [
        [WALL, { type: 'play' }],
        [WALL + 1000, { type: 'pause' }],
        [WALL + 60_000, { type: 'tick' }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 1000);
    expect(state.playing).toBe(false);
  });

  it('given playback, when the speed changes mid-play, then time already played is kept and the new rate applies after', () => {
    const state = last(
      run(concluded(), [
        [WALL, { type: 'play' }],
        [WALL + 1000, { type: 'speed', speed: 600 }],
        [WALL + 2000, { type: 'tick' }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 1000 + 600_000);
  });

  it('given a concluded operation, when playback reaches the end, then it stops there', () => {
    const state = last(
      run(concluded(), [
        [WALL, { type: 'speed', speed: 3600 }],
        [WALL, { type: 'play' }],
        [WALL + 3000, { type: 'tick' }],
      ]),
    );
    expect(state).toMatchObject({ currentTime: T0 + 2 * HOUR, playing: false, ended: true });
  });

  it('given playback that ended, when played again, then it restarts from the start', () => {
    const ended = last(run(concluded(), [[WALL, { type: 'seek', to: T0 + 2 * HOUR }]]));
    const state = reducePlayer(ended, { type: 'play' }, WALL + 10).state;
    expect(state).toMatchObject({ currentTime: T0, playing: true, ended: false });
  });

  it('given a loop range, when playback passes its end, then it wraps to the loop start and keeps playing', () => {
    const state = last(
      run(concluded(), [
        [WALL, { type: 'loop', range: { from: T0 + 10 * MIN, to: T0 + 20 * MIN } }],
        [WALL, { type: 'speed', speed: 60 }],
        [WALL, { type: 'play' }],
        [WALL + 12_000, { type: 'tick' }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 12 * MIN);
    expect(state.playing).toBe(true);
  });

  it('given a loop that is empty or outside the operation, when set, then it is refused', () => {
    const transition = reducePlayer(concluded(), { type: 'loop', range: { from: T0 + 3 * HOUR, to: T0 + 4 * HOUR } }, WALL);
    expect(transition.refusal).toEqual({ code: 'invalid-range' });
    expect(transition.state.loop).toBeUndefined();
  });
});

describe('speed', () => {
  it('given a speed above 3600x, when set, then it is clamped and the caller is told', () => {
    const transition = reducePlayer(concluded(), { type: 'speed', speed: 10_000 }, WALL);
    expect(transition.state.speed).toBe(3600);
    expect(transition.speedClamped).toBe(true);
  });

  it('given a speed that is not a positive number, when set, then it is refused with a reason and nothing changes', () => {
    for (const [speed, reason] of [[0, 'not-positive'], [-2, 'not-positive'], [Number.NaN, 'not-a-number']] as const) {
      const transition = reducePlayer(concluded(), { type: 'speed', speed }, WALL);
      expect(transition.refusal).toEqual({ code: 'invalid-speed', reason });
      expect(transition.state.speed).toBe(1);
    }
  });

  it('given a 2-hour operation, when fitted into 4 minutes, then the speed is 30x', () => {
    expect(reducePlayer(concluded(), { type: 'fit', minutes: 4 }, WALL).state.speed).toBe(30);
  });

  it('given the live player, when a speed is set, then it is refused: live runs in real time', () => {
    const transition = reducePlayer(livePlayer({ start: T0, now: WALL }), { type: 'speed', speed: 10 }, WALL);
    expect(transition.refusal).toEqual({ code: 'not-supported', capability: 'speed' });
  });
});

describe('seek with loading', () => {
  it('given a held time, when sought, then the picture moves at once and nothing is loaded', () => {
    const [transition] = run(concluded(), [[WALL, { type: 'seek', to: T0 + 45 * MIN }]]);
    expect(transition!.state.currentTime).toBe(T0 + 45 * MIN);
    expect(transition!.state.seeking).toBeUndefined();
    expect(transition!.effects).toEqual([]);
  });

  it('given a time not held, when sought, then the player is seeking with progress and asks for the missing range', () => {
    const transitions = run(partlyLoaded(), [
      [WALL, { type: 'seek', to: T0 + 60 * MIN }],
      [WALL + 100, { type: 'load-progress', requestId: 1, progress: 0.4 }],
    ]);
    expect(transitions[0]!.effects).toEqual([{ type: 'load', requestId: 1, range: { from: T0 + 30 * MIN, to: T0 + 65 * MIN } }]);
    const state = last(transitions);
    expect(state.currentTime).toBe(T0);
    expect(state.seeking).toEqual({ requestId: 1, target: T0 + 60 * MIN, progress: 0.4 });
  });

  it('given a seek in progress, when its range arrives, then the picture moves to the target', () => {
    const state = last(
      run(partlyLoaded(), [
        [WALL, { type: 'seek', to: T0 + 60 * MIN }],
        [WALL + 500, { type: 'loaded', range: { from: T0 + 30 * MIN, to: T0 + 65 * MIN } }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 60 * MIN);
    expect(state.seeking).toBeUndefined();
  });

  it('given a seek in progress, when another seek comes, then the older load is cancelled and its progress ignored', () => {
    const transitions = run(partlyLoaded(), [
      [WALL, { type: 'seek', to: T0 + 60 * MIN }],
      [WALL + 10, { type: 'seek', to: T0 + 90 * MIN }],
      [WALL + 20, { type: 'load-progress', requestId: 1, progress: 0.9 }],
      [WALL + 30, { type: 'load-failed', requestId: 1, message: 'hub unreachable' }],
    ]);
    expect(transitions[1]!.effects).toEqual([
      { type: 'cancel-load', requestId: 1 },
      { type: 'load', requestId: 2, range: { from: T0 + 30 * MIN, to: T0 + 95 * MIN } },
    ]);
    const state = last(transitions);
    expect(state.seeking).toEqual({ requestId: 2, target: T0 + 90 * MIN, progress: undefined });
    expect(transitions.at(-1)!.refusal).toBeUndefined();
  });

  it('given a superseded load that still arrives, when it covers the newer target, then that seek completes with it', () => {
    const state = last(
      run(partlyLoaded(), [
        [WALL, { type: 'seek', to: T0 + 60 * MIN }],
        [WALL + 10, { type: 'seek', to: T0 + 50 * MIN }],
        [WALL + 20, { type: 'loaded', range: { from: T0 + 30 * MIN, to: T0 + 65 * MIN } }],
      ]),
    );
    expect(state.currentTime).toBe(T0 + 50 * MIN);
    expect(state.seeking).toBeUndefined();
  });

  it('given a seek to a held time during a seek, when sought, then the pending load is cancelled and the picture moves', () => {
    const [, second] = run(partlyLoaded(), [
      [WALL, { type: 'seek', to: T0 + 60 * MIN }],
      [WALL + 10, { type: 'seek', to: T0 + 10 * MIN }],
    ]);
    expect(second!.effects).toEqual([{ type: 'cancel-load', requestId: 1 }]);
    expect(second!.state).toMatchObject({ currentTime: T0 + 10 * MIN, seeking: undefined });
  });

  it('given a seek in progress, when the speed changes, then it still seeks and plays at the new speed once loaded', () => {
    const state = last(
      run(partlyLoaded(), [
        [WALL, { type: 'play' }],
        [WALL, { type: 'seek', to: T0 + 60 * MIN }],
        [WALL + 100, { type: 'speed', speed: 120 }],
        [WALL + 200, { type: 'tick' }],
        [WALL + 1000, { type: 'loaded', range: { from: T0 + 30 * MIN, to: T0 + 2 * HOUR } }],
        [WALL + 2000, { type: 'tick' }],
      ]),
    );
    expect(state.speed).toBe(120);
    expect(state.currentTime).toBe(T0 + 60 * MIN + 120_000);
  });

  it('given playback waiting for a load, when paused during the catch-up, then it stays paused at the target once loaded', () => {
    const state = last(
      run(partlyLoaded(), [
        [WALL, { type: 'play' }],
        [WALL, { type: 'seek', to: T0 + 60 * MIN }],
        [WALL + 100, { type: 'pause' }],
        [WALL + 1000, { type: 'loaded', range: { from: T0 + 30 * MIN, to: T0 + 2 * HOUR } }],
        [WALL + 5000, { type: 'tick' }],
      ]),
    );
    expect(state).toMatchObject({ currentTime: T0 + 60 * MIN, playing: false, seeking: undefined });
  });

  it('given playback reaching the end of what is held, when ticked, then it waits at the edge and loads the next range', () => {
    const [, , buffering] = run(partlyLoaded(), [
      [WALL, { type: 'speed', speed: 60 }],
      [WALL, { type: 'play' }],
      [WALL + 40_000, { type: 'tick' }],
    ]);
    expect(buffering!.state).toMatchObject({ currentTime: T0 + 30 * MIN, playing: true, seeking: { target: T0 + 40 * MIN } });
    expect(buffering!.effects).toEqual([{ type: 'load', requestId: 1, range: { from: T0 + 30 * MIN, to: T0 + 70 * MIN } }]);
  });

  it('given a failed load for the current seek, when reported, then the picture stays, playback pauses and the reason is given', () => {
    const transitions = run(partlyLoaded(), [
      [WALL, { type: 'play' }],
      [WALL, { type: 'seek', to: T0 + 60 * MIN }],
      [WALL + 10, { type: 'load-failed', requestId: 1, message: 'hub unreachable' }],
    ]);
    expect(transitions.at(-1)!.refusal).toEqual({ code: 'load-failed', message: 'hub unreachable' });
    expect(last(transitions)).toMatchObject({ currentTime: T0, playing: false, seeking: undefined });
  });

  it('given a seek outside the operation, when sought, then it is clamped to its start or end', () => {
    expect(reducePlayer(concluded(), { type: 'seek', to: T0 - HOUR }, WALL).state.currentTime).toBe(T0);
    expect(reducePlayer(concluded(), { type: 'seek', to: T0 + 9 * HOUR }, WALL).state.currentTime).toBe(T0 + 2 * HOUR);
  });
});

describe('step', () => {
  const times = { adjacentEventTime: (time: number, direction: 'previous' | 'next') => (direction === 'next' ? time + 7000 : time > T0 ? time - 3000 : undefined) };

  it('given playback, when stepping to the next event, then it pauses exactly at that event time', () => {
    const playing = reducePlayer(reducePlayer(concluded(), { type: 'seek', to: T0 + MIN }, WALL).state, { type: 'play' }, WALL).state;
    const state = reducePlayer(playing, stepAction(playing, 'next', times), WALL + 1).state;
    expect(state).toMatchObject({ currentTime: T0 + MIN + 7000, playing: false });
  });

  it('given the first event is shown, when stepping back, then it is refused: there is no earlier event', () => {
    const state = concluded();
    expect(reducePlayer(state, stepAction(state, 'previous', times), WALL).refusal).toEqual({ code: 'no-event', direction: 'previous' });
  });
});

describe('live and timeshift', () => {
  const live = () => livePlayer({ start: T0, now: WALL });

  it('given the live player, then commands are available and seeking is not', () => {
    const state = live();
    expect(commandAvailability(state)).toEqual({ ok: true });
    expect(reducePlayer(state, { type: 'seek', to: T0 }, WALL).refusal).toEqual({ code: 'not-supported', capability: 'seek' });
  });

  it('given the live player, when ticked, then it follows the wall clock', () => {
    expect(reducePlayer(live(), { type: 'tick' }, WALL + 5000).state).toMatchObject({ currentTime: WALL + 5000, liveEdge: WALL + 5000 });
  });

  it('given live, when paused, then the picture freezes, commands stop, and the live edge keeps recording', () => {
    const state = last(
      run(live(), [
        [WALL + 1000, { type: 'tick' }],
        [WALL + 1000, { type: 'pause' }],
        [WALL + 61_000, { type: 'tick' }],
      ]),
    );
    expect(state).toMatchObject({ mode: 'replay', currentTime: WALL + 1000, liveEdge: WALL + 61_000, end: WALL + 61_000, playing: false });
    expect(state.timeshift).toEqual({ pausedAt: WALL + 1000, missedCritical: 0 });
    expect(commandAvailability(state)).toEqual({ ok: false, reason: 'replay' });
    expect(state.capabilities).toMatchObject({ seek: true, returnToLive: true, commands: false });
  });

  it('given live ticked a moment ago, when paused, then the picture freezes at the moment of the pause, not at the last tick', () => {
    const state = last(
      run(live(), [
        [WALL + 1000, { type: 'tick' }],
        [WALL + 1900, { type: 'pause' }],
      ]),
    );
    expect(state).toMatchObject({ mode: 'replay', currentTime: WALL + 1900, playing: false });
    expect(state.timeshift).toEqual({ pausedAt: WALL + 1900, missedCritical: 0 });
  });

  it('given a timeshift, when critical hits are recorded, then they are counted as missed until return to live', () => {
    const transitions = run(live(), [
      [WALL, { type: 'pause' }],
      [WALL + 10, { type: 'recorded', criticalRaised: 2 }],
      [WALL + 20, { type: 'recorded', criticalRaised: 1 }],
    ]);
    expect(last(transitions).timeshift?.missedCritical).toBe(3);
    const back = reducePlayer(last(transitions), { type: 'return-to-live' }, WALL + 30).state;
    expect(back).toMatchObject({ mode: 'live', currentTime: WALL + 30, playing: true, speed: 1, timeshift: undefined });
    expect(back.capabilities.commands).toBe(true);
  });

  it('given a timeshift seeking into the past, when returning to live, then the pending load is cancelled', () => {
    const timeshift = livePlayer({ start: T0, now: WALL, loaded: [{ from: T0 + HOUR, to: WALL }] });
    const transitions = run(timeshift, [
      [WALL, { type: 'pause' }],
      [WALL + 10, { type: 'seek', to: T0 + 10 * MIN }],
      [WALL + 20, { type: 'return-to-live' }],
      [WALL + 30, { type: 'loaded', range: { from: T0, to: T0 + HOUR } }],
    ]);
    expect(transitions[2]!.effects).toEqual([{ type: 'cancel-load', requestId: 1 }]);
    expect(last(transitions)).toMatchObject({ mode: 'live', seeking: undefined, currentTime: WALL + 20 });
  });

  it('given a timeshift played at 2x, when it catches up with the live edge, then it is live again', () => {
    const state = last(
      run(live(), [
        [WALL, { type: 'pause' }],
        [WALL + 10_000, { type: 'speed', speed: 2 }],
        [WALL + 10_000, { type: 'play' }],
        [WALL + 15_000, { type: 'tick' }],
        [WALL + 20_001, { type: 'tick' }],
      ]),
    );
    expect(state).toMatchObject({ mode: 'live', currentTime: WALL + 20_001, timeshift: undefined });
  });

  it('given a concluded operation, when asked to return to live, then it is refused: there is no live edge', () => {
    expect(reducePlayer(concluded(), { type: 'return-to-live' }, WALL).refusal).toEqual({ code: 'not-supported', capability: 'returnToLive' });
  });
});

describe('window modes', () => {
  it('given a trail of 30 minutes, then the map shows the last 30 minutes with the older half fading', () => {
    const state = reducePlayer(concluded(), { type: 'seek', to: T0 + HOUR }, WALL).state;
    expect(visibleWindow(state)).toEqual({ startMs: T0 + 30 * MIN, endMs: T0 + HOUR, trailMs: 15 * MIN });
  });

  it('given cumulative mode, then the map shows everything since the start', () => {
    const seeked = reducePlayer(concluded(), { type: 'seek', to: T0 + HOUR }, WALL).state;
    const state = reducePlayer(seeked, { type: 'window', mode: { kind: 'cumulative' } }, WALL).state;
    expect(visibleWindow(state)).toEqual({ startMs: T0, endMs: T0 + HOUR });
  });

  it('given a trail of zero minutes, when set, then it is refused', () => {
    expect(reducePlayer(concluded(), { type: 'window', mode: { kind: 'trail', minutes: 0 } }, WALL).refusal).toEqual({ code: 'invalid-window' });
  });
});
