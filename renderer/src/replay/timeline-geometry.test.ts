import { describe, expect, it } from 'vitest';
import { fractionOf, keyIntent, panToInclude, playheadPlacement, shownRange, timeAt, togglePlayAction, zoomFor, zoomTo } from './timeline-geometry';

const view = { from: 1000, to: 201_000 };
const player = { start: 1000, end: 201_000, currentTime: 101_000, seeking: undefined };

describe('timeline geometry', () => {
  it('given a view, when a time is placed and read back, then the two agree and stay inside the bar', () => {
    expect(fractionOf(view, 101_000)).toBe(0.5);
    expect(timeAt(view, 0.5)).toBe(101_000);
    expect(timeAt(view, 1.7)).toBe(201_000);
    expect(timeAt(view, -1)).toBe(1000);
  });

  it('given a drag backwards over a range, when zoomed, then the view is that range in order', () => {
    expect(zoomTo(view, 150_000, 80_000)).toEqual({ from: 80_000, to: 150_000 });
  });

  it('given a drag shorter than a minute, when zoomed, then the view widens to a minute around it inside the operation', () => {
    expect(zoomTo(view, 1000, 2000)).toEqual({ from: 1000, to: 61_000 });
  });

  it('given the keys of the bar, then space toggles, arrows step, shift+arrows jump, Home and End go to the ends', () => {
    expect(keyIntent(' ', false, player, view)).toEqual({ kind: 'toggle-play' });
    expect(keyIntent('ArrowRight', false, player, view)).toEqual({ kind: 'step', direction: 'next' });
    expect(keyIntent('ArrowLeft', false, player, view)).toEqual({ kind: 'step', direction: 'previous' });
    expect(keyIntent('ArrowRight', true, player, view)).toEqual({ kind: 'seek', to: 111_000 });
    expect(keyIntent('ArrowLeft', true, player, view)).toEqual({ kind: 'seek', to: 91_000 });
    expect(keyIntent('Home', false, player, view)).toEqual({ kind: 'seek', to: 1000 });
    expect(keyIntent('End', false, player, view)).toEqual({ kind: 'seek', to: 201_000 });
    expect(keyIntent('a', false, player, view)).toBeUndefined();
  });

  it('given live or playing, when play/pause is pressed, then it pauses (a timeshift when live); otherwise it plays', () => {
    expect(togglePlayAction({ playing: true, mode: 'live' })).toEqual({ type: 'pause' });
    expect(togglePlayAction({ playing: true, mode: 'replay' })).toEqual({ type: 'pause' });
    expect(togglePlayAction({ playing: false, mode: 'replay' })).toEqual({ type: 'play' });
  });
});

describe('playhead against a zoomed range', () => {
  const operation = { from: 0, to: 1000_000 };
  const zoom = { from: 100_000, to: 200_000 };

  it('given a playhead inside the range, then the range is kept as it is', () => {
    expect(playheadPlacement(zoom, 150_000)).toBe('inside');
    expect(panToInclude(zoom, 150_000, operation)).toBe(zoom);
  });

  it('given a playhead past the range, when panned to it, then the same width is shown centred on it', () => {
    expect(playheadPlacement(zoom, 500_000)).toBe('after');
    expect(panToInclude(zoom, 500_000, operation)).toEqual({ from: 450_000, to: 550_000 });
  });

  it('given a playhead at the operation edge, when panned to it, then the range stays inside the operation', () => {
    expect(playheadPlacement(zoom, 10_000)).toBe('before');
    expect(panToInclude(zoom, 10_000, operation)).toEqual({ from: 0, to: 100_000 });
    expect(panToInclude(zoom, 990_000, operation)).toEqual({ from: 900_000, to: 1000_000 });
  });
});

describe('the range the bar shows', () => {
  const whole = { from: 0, to: 1000_000 };
  const live = { mode: 'live' as const, playing: true, currentTime: 1000_000, start: 0, end: 1000_000 };

  it('given a zoom chosen up to the live edge, when live time moves on, then the range keeps its width and ends at the edge', () => {
    const zoom = zoomFor({ from: 900_000, to: 1000_000 }, live);
    expect(zoom).toEqual({ range: { from: 900_000, to: 1000_000 }, atLiveEdge: true });
    expect(shownRange(zoom, { ...live, currentTime: 1060_000 }, { from: 0, to: 1060_000 })).toEqual({ from: 960_000, to: 1060_000 });
  });

  it('given a zoom into the past while live, then it stays where it was chosen', () => {
    const zoom = zoomFor({ from: 100_000, to: 200_000 }, live);
    expect(zoom?.atLiveEdge).toBe(false);
    expect(shownRange(zoom, { ...live, currentTime: 1060_000 }, { from: 0, to: 1060_000 })).toEqual({ from: 100_000, to: 200_000 });
  });

  it('given the whole operation chosen, then there is no zoom', () => {
    expect(zoomFor(whole, live)).toBeUndefined();
    expect(shownRange(undefined, live, whole)).toBe(whole);
  });

  it('given the past playing past a zoomed range, then the range pans to keep the playhead', () => {
    const zoom = zoomFor({ from: 100_000, to: 200_000 }, { ...live, mode: 'replay' });
    expect(shownRange(zoom, { mode: 'replay', playing: true, currentTime: 500_000 }, whole)).toEqual({ from: 450_000, to: 550_000 });
  });
});
