/**
 * Playback speed as a multiple of real time (design section 8): 0.1x to 3600x, typed by the shift lead or
 * derived from "fit the whole operation into N minutes". Out-of-range values are clamped and say so;
 * values that are not speeds at all are refused with a reason the screen can show.
 */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 3600;

export type SpeedRefusal = 'not-a-number' | 'not-positive';
export type SpeedCheck =
  | { readonly ok: true; readonly speed: number; readonly clamped: boolean }
  | { readonly ok: false; readonly reason: SpeedRefusal };

export function checkSpeed(speed: number): SpeedCheck {
  if (!Number.isFinite(speed)) return { ok: false, reason: 'not-a-number' };
  if (speed <= 0) return { ok: false, reason: 'not-positive' };
  const clamped = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
  return { ok: true, speed: clamped, clamped: clamped !== speed };
}

/** Reads what an officer types: `60`, `60x`, `0.5×`, `1,5` (decimal comma), with spaces anywhere. */
export function parseSpeed(text: string): SpeedCheck {
  const cleaned = text.replace(/\s+/g, '').replace(/[x×]$/i, '').replace(',', '.');
  if (!/^\d*\.?\d+$/.test(cleaned) && !/^\d+\.$/.test(cleaned)) return { ok: false, reason: 'not-a-number' };
  return checkSpeed(Number(cleaned));
}

/** The speed that plays `durationMs` of operation in `minutes` of wall-clock time. */
export function fitSpeed(durationMs: number, minutes: number): SpeedCheck {
  if (!Number.isFinite(minutes) || !Number.isFinite(durationMs)) return { ok: false, reason: 'not-a-number' };
  if (minutes <= 0 || durationMs <= 0) return { ok: false, reason: 'not-positive' };
  return checkSpeed(durationMs / (minutes * 60_000));
}
