import type { PlayerAction, PlayerState, StepDirection, TimeRange } from '@watchfloor/shared';

/**
 * The timeline bar's arithmetic, apart from React so it can be tested: where a time sits on the bar, which
 * time a pointer position means, how a zoom changes the visible range, and what each key does.
 */
export function fractionOf(view: TimeRange, time: number): number {
  const span = view.to - view.from;
  return span <= 0 ? 0 : (time - view.from) / span;
}

/** The time at `fraction` (0 at the start edge, 1 at the end edge) of the view, kept inside the view. */
export function timeAt(view: TimeRange, fraction: number): number {
  return view.from + Math.min(1, Math.max(0, fraction)) * (view.to - view.from);
}

/** Shortest range a zoom may show: below a minute the histogram has nothing more to say. */
export const MIN_VIEW_MS = 60_000;

/** The view to zoom to for a range dragged between two times, kept inside the operation and at least a minute. */
export function zoomTo(operation: TimeRange, a: number, b: number): TimeRange {
  const from = Math.max(operation.from, Math.min(a, b));
  const to = Math.min(operation.to, Math.max(a, b));
  if (to - from >= MIN_VIEW_MS) return { from, to };
  const middle = (from + to) / 2;
  const half = Math.min(MIN_VIEW_MS, operation.to - operation.from) / 2;
  const start = Math.min(Math.max(operation.from, middle - half), operation.to - 2 * half);
  return { from: start, to: start + 2 * half };
}

/**
 * The view moved (same width) so that `time` is inside it, kept inside the operation: the way back to the
 * playhead when it sits outside a zoomed range. A view already holding `time` is returned as it is.
 */
export function panToInclude(view: TimeRange, time: number, operation: TimeRange): TimeRange {
  if (time >= view.from && time <= view.to) return view;
  const width = Math.min(view.to - view.from, operation.to - operation.from);
  const from = Math.min(Math.max(operation.from, time - width / 2), operation.to - width);
  return { from, to: from + width };
}

/** A zoomed range, and whether it reached the live edge when it was chosen (it then trails the edge while live). */
export interface Zoom {
  readonly range: TimeRange;
  readonly atLiveEdge: boolean;
}

/** The zoom for a range the officer chose; none when the range covers the whole operation. */
export function zoomFor(range: TimeRange, player: Pick<PlayerState, 'mode' | 'start' | 'end'>): Zoom | undefined {
  if (range.from <= player.start && range.to >= player.end) return undefined;
  return { range, atLiveEdge: player.mode === 'live' && range.to >= player.end };
}

/**
 * The range the bar shows: the whole operation unzoomed; a zoom at the live edge keeps its width and trails
 * the edge while live, so the live playhead never leaves it; while the past plays, the zoom pans to keep the
 * playhead; otherwise the zoom as chosen.
 */
export function shownRange(zoom: Zoom | undefined, player: Pick<PlayerState, 'mode' | 'playing' | 'currentTime'>, whole: TimeRange): TimeRange {
  if (zoom === undefined) return whole;
  if (player.mode === 'live' && zoom.atLiveEdge) {
    const width = zoom.range.to - zoom.range.from;
    return { from: Math.max(whole.from, whole.to - width), to: whole.to };
  }
  if (player.playing && player.mode === 'replay') return panToInclude(zoom.range, player.currentTime, whole);
  return zoom.range;
}

/** Where the playhead is against the visible range: inside it, or off its start or end edge. */
export function playheadPlacement(view: TimeRange, time: number): 'inside' | 'before' | 'after' {
  if (time < view.from) return 'before';
  if (time > view.to) return 'after';
  return 'inside';
}

export type TimelineKeyIntent =
  | { readonly kind: 'toggle-play' }
  | { readonly kind: 'step'; readonly direction: StepDirection }
  | { readonly kind: 'seek'; readonly to: number };

/**
 * Keys of the bar: space plays or pauses; arrows step to the previous or next event; shift+arrows jump a
 * twentieth of the visible range; Home and End go to the start and the end (the live edge when running).
 * Arrows follow the bar, which runs left to right in every language: the right arrow goes forward in time.
 */
export function keyIntent(
  key: string,
  shift: boolean,
  player: Pick<PlayerState, 'start' | 'end' | 'currentTime' | 'seeking'>,
  view: TimeRange,
): TimelineKeyIntent | undefined {
  const shown = player.seeking?.target ?? player.currentTime;
  const jump = (view.to - view.from) / 20;
  switch (key) {
    case ' ':
      return { kind: 'toggle-play' };
    case 'Home':
      return { kind: 'seek', to: player.start };
    case 'End':
      return { kind: 'seek', to: player.end };
    case 'ArrowRight':
      return shift ? { kind: 'seek', to: Math.min(player.end, shown + jump) } : { kind: 'step', direction: 'next' };
    case 'ArrowLeft':
      return shift ? { kind: 'seek', to: Math.max(player.start, shown - jump) } : { kind: 'step', direction: 'previous' };
    default:
      return undefined;
  }
}

/** The play/pause action the state calls for: pausing live starts a timeshift. */
export function togglePlayAction(player: Pick<PlayerState, 'playing' | 'mode'>): PlayerAction {
  return player.playing || player.mode === 'live' ? { type: 'pause' } : { type: 'play' };
}
