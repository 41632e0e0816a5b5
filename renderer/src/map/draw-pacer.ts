/**
 * When the map may hand deck.gl a new picture of its hits to draw. Drawing every hit costs GPU time in
 * proportion to the hits held, and where WebGL is a software rasteriser (no GPU, a weak one on a wall
 * display) one draw of a very large picture keeps the browser's GPU thread busy for long enough that no
 * frame of the rest of the console (queue, counters) reaches the screen meanwhile. So the map draws paced
 * by what its last draw cost, while the rest of the console goes on drawing at once:
 * - a change waits two frames: the frame that carries it goes to the screen with the console's own change
 *   of the same moment (the counter, the queue) and the map's picture as it was, without waiting for the map;
 * - at most one map draw is on the GPU at a time: the next waits until the GPU reports the last one done;
 * - after a draw that took `cost`, the GPU is left to the rest of the console for `cooldownRatio × cost`
 *   (at most `maxCooldownMs`) before the next;
 * - a draw the GPU has not reported done after `lostDrawMs` no longer holds back the next.
 * A draw's cost is counted from its submission until the browser reports it done, which includes the
 * browser's own delay in reporting. A change is handed to deck.gl within: the draw on the GPU, the
 * cooldown after it (at most `maxCooldownMs`), and two frames.
 *
 * Pure: the caller tells it the time and the frame number, and does the drawing and the GPU fences.
 */
export interface DrawPacer {
  /** The map's picture changed in frame `frame` (new hits, restyled rows, a view or filter change). */
  changed(frame: number): void;
  /** Whether a change waits to be drawn. */
  readonly waiting: boolean;
  /** Whether a draw is on the GPU, not yet reported done. */
  readonly drawing: boolean;
  /** True when the waiting change may be handed to deck.gl now; it is then no longer waiting. */
  take(now: number, frame: number): boolean;
  /**
   * deck.gl submitted a draw (for any reason: a change handed over, a pan, a hover). Draws submitted while
   * one is on the GPU count as one with it, done when the GPU reports the last of them done.
   */
  drawStarted(now: number): void;
  /** The GPU reported the draw done. */
  drawFinished(now: number): void;
  /** A draw started and not reported done by `now` is taken as done (see `lostDrawMs`); true if so. */
  expireLostDraw(now: number): boolean;
}

export interface DrawPacerOptions {
  /** Idle GPU time left to the console after a draw, as a multiple of that draw's cost. */
  readonly cooldownRatio?: number;
  readonly maxCooldownMs?: number;
  readonly lostDrawMs?: number;
}

const DEFAULT_COOLDOWN_RATIO = 1;
const DEFAULT_MAX_COOLDOWN_MS = 2_000;
const DEFAULT_LOST_DRAW_MS = 10_000;

export function createDrawPacer(options: DrawPacerOptions = {}): DrawPacer {
  const ratio = options.cooldownRatio ?? DEFAULT_COOLDOWN_RATIO;
  const maxCooldown = options.maxCooldownMs ?? DEFAULT_MAX_COOLDOWN_MS;
  const lostDrawMs = options.lostDrawMs ?? DEFAULT_LOST_DRAW_MS;
  /** The frame of the oldest change not yet handed over. */
  let waitingSince: number | undefined;
  let drawStartedAt: number | undefined;
  let readyAt = Number.NEGATIVE_INFINITY;

  function finish(now: number, cost: number): void {
    drawStartedAt = undefined;
    readyAt = now + Math.min(maxCooldown, cost * ratio);
  }

  return {
    changed(frame) {
      waitingSince ??= frame;
    },
    get waiting() {
      return waitingSince !== undefined;
    },
    get drawing() {
      return drawStartedAt !== undefined;
    },
    take(now, frame) {
      if (waitingSince === undefined || drawStartedAt !== undefined || now < readyAt || frame < waitingSince + 2) return false;
      waitingSince = undefined;
      return true;
    },
    drawStarted(now) {
      drawStartedAt ??= now;
    },
    drawFinished(now) {
      if (drawStartedAt !== undefined) finish(now, now - drawStartedAt);
    },
    expireLostDraw(now) {
      if (drawStartedAt === undefined || now - drawStartedAt < lostDrawMs) return false;
      finish(now, now - drawStartedAt);
      return true;
    },
  };
}
