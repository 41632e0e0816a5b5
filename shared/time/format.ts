/**
 * Times for machines and the hub's own messages: ISO 8601 for files and `<time dateTime>`, and fixed
 * `2026-11-22 14:03:09 UTC` / `15:03:09 Africa/Lagos` labels for the hub, the desktop shell and the debrief
 * CSV, which are read the same in every language. The console writes times for people in the officer's
 * language itself (renderer `i18n/format`). A value no calendar can hold (NaN, infinite, beyond the
 * ±8.64e15 ms a Date covers) or an unknown zone reads as a placeholder: a label never throws.
 */
export const INVALID_TIME = 'invalid time';
export const UNKNOWN_TIME_ZONE = 'unknown time zone';

/** The furthest a Date reaches from 1970 either way, in ms. */
const DATE_LIMIT_MS = 8.64e15;

const pad = (value: number): string => String(value).padStart(2, '0');

/** True when a Date can hold `epochMs`, so it can be shown. */
function isShowableTime(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= DATE_LIMIT_MS;
}

/** `2026-11-22 14:03:09 UTC`. */
export function formatUtc(epochMs: number): string {
  if (!isShowableTime(epochMs)) return INVALID_TIME;
  const date = new Date(epochMs);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
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
