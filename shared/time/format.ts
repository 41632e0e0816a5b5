/**
 * Time labels for people. Every time shown in the app says which zone it is in: UTC for coordination across
 * countries, local for the officer's own shift. A value no calendar can hold (NaN, infinite, beyond the
 * ±8.64e15 ms a Date covers) or an unknown zone reads as a placeholder: a label never throws, so one bad
 * value cannot take a screen down with it.
 */
export const INVALID_TIME = 'invalid time';
export const INVALID_DURATION = 'invalid duration';
export const UNKNOWN_TIME_ZONE = 'unknown time zone';

/** The furthest a Date reaches from 1970 either way, in ms. */
const DATE_LIMIT_MS = 8.64e15;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** True when a Date can hold `epochMs`, so it can be shown. */
export function isShowableTime(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= DATE_LIMIT_MS;
}

export interface UtcParts {
  /** `2026-11-22 ` before the time; default true. */
  readonly date?: boolean;
  /** `:09` after the minutes; default true. */
  readonly seconds?: boolean;
  /** ` UTC` at the end; default true. */
  readonly zone?: boolean;
}

/** `2026-11-22 14:03:09 UTC`, or the parts asked for (`14:03`, `2026-11-22 14:03:09`…). */
export function formatUtc(epochMs: number, parts: UtcParts = {}): string {
  if (!isShowableTime(epochMs)) return INVALID_TIME;
  const date = new Date(epochMs);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `;
  const seconds = `:${pad(date.getUTCSeconds())}`;
  return (
    `${parts.date === false ? '' : day}${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` +
    `${parts.seconds === false ? '' : seconds}${parts.zone === false ? '' : ' UTC'}`
  );
}

/** `2026-11-22T14:03:09.000Z`, for machines (`<time dateTime>`, exports); undefined for a time no Date holds. */
export function formatIsoUtc(epochMs: number): string | undefined {
  return isShowableTime(epochMs) ? new Date(epochMs).toISOString() : undefined;
}

/** `15:03:09 Africa/Lagos`: the wall-clock time in `timeZone` (an IANA name), labelled with that zone. */
export function formatZoned(epochMs: number, timeZone: string): string {
  if (!isShowableTime(epochMs)) return INVALID_TIME;
  const clock = zonedClock(timeZone);
  return clock === undefined ? UNKNOWN_TIME_ZONE : `${clock.format(epochMs)} ${timeZone}`;
}

/** `2026-11-22 15:03:09 Africa/Lagos`: date and wall-clock time in `timeZone`, labelled with that zone. */
export function formatZonedDateTime(epochMs: number, timeZone: string): string {
  if (!isShowableTime(epochMs)) return INVALID_TIME;
  let parts: Intl.DateTimeFormatPart[];
  try {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    parts = format.formatToParts(epochMs);
  } catch {
    return UNKNOWN_TIME_ZONE;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)?.value ?? '??';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${timeZone}`;
}

function zonedClock(timeZone: string): Intl.DateTimeFormat | undefined {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  } catch {
    return undefined;
  }
}

/**
 * `4m 05s`, `1h 02m`: compact ages for queues and timers. Negative durations read as zero; one longer than
 * any two Dates lie apart, infinite or not a number reads as a placeholder.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms > 2 * DATE_LIMIT_MS) return INVALID_DURATION;
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/**
 * Seconds since an operation started. Map filters keep times as float32 on the GPU; relative seconds stay
 * exact to well under a second for operations of months, where absolute epoch milliseconds would not.
 */
export function secondsSince(startMs: number, epochMs: number): number {
  return (epochMs - startMs) / 1000;
}
