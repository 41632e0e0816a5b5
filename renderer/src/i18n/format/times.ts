import i18next from 'i18next';
import { intlLocale, perLocale, placeholder } from './locale';

/**
 * Times for people, in the interface language. Every time shown says which zone it is in: UTC for
 * coordination across countries, local (the bureau's display zone, `display-zone.ts`) for the officer's
 * own shift, labelled with the zone's IANA name. Clocks are 24-hour in every language; dates name the month
 * (`22 Nov 2026`), so no reader mistakes day for month. A value no calendar can hold (NaN, infinite, beyond
 * the ±8.64e15 ms a Date covers) or an unknown zone reads as a placeholder: a label never throws.
 */
export interface TimeParts {
  /** The date before the time; default true. */
  readonly date?: boolean;
  /** Seconds after the minutes; default true. */
  readonly seconds?: boolean;
  /** The zone's label (`UTC`, `Africa/Lagos`); default true. */
  readonly zone?: boolean;
}

const DATE_LIMIT_MS = 8.64e15;

type Shape = 'date-seconds' | 'date' | 'seconds' | 'minutes';

const shapeOf = (parts: TimeParts): Shape =>
  parts.date === false ? (parts.seconds === false ? 'minutes' : 'seconds') : parts.seconds === false ? 'date' : 'date-seconds';

const clockOptions = (shape: Shape): Intl.DateTimeFormatOptions => ({
  ...(shape === 'date' || shape === 'date-seconds' ? { day: 'numeric', month: 'short', year: 'numeric' } : {}),
  hour: '2-digit',
  minute: '2-digit',
  ...(shape === 'date-seconds' || shape === 'seconds' ? { second: '2-digit' } : {}),
  hourCycle: 'h23',
});

/** Formatters per locale, zone and shape; `undefined` for a zone `Intl` does not know. */
const clocks = perLocale(() => new Map<string, Intl.DateTimeFormat | undefined>());

function clock(locale: string, timeZone: string, shape: Shape): Intl.DateTimeFormat | undefined {
  const byZone = clocks(locale);
  const key = `${timeZone}\u0000${shape}`;
  if (!byZone.has(key)) {
    try {
      byZone.set(key, new Intl.DateTimeFormat(locale, { ...clockOptions(shape), timeZone }));
    } catch {
      byZone.set(key, undefined);
    }
  }
  return byZone.get(key);
}

function formatIn(epochMs: number, timeZone: string, zoneLabel: string, parts: TimeParts, language: string | undefined): string {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > DATE_LIMIT_MS) return placeholder('invalidTime', language);
  const format = clock(intlLocale(language), timeZone, shapeOf(parts));
  if (format === undefined) return placeholder('unknownTimeZone', language);
  const text = format.format(epochMs);
  return parts.zone === false ? text : `${text} ${zoneLabel}`;
}

/** `22 Nov 2026, 14:03:09 UTC`, or the parts asked for (`14:03`, `22 Nov 2026, 14:03:09`…). */
export function formatUtcTime(epochMs: number, parts: TimeParts = {}, language: string = i18next.language): string {
  return formatIn(epochMs, 'UTC', 'UTC', parts, language);
}

/** `15:03:09 Africa/Lagos`: the wall-clock time in `timeZone` (an IANA name), labelled with that zone; no date unless asked. */
export function formatLocalTime(epochMs: number, timeZone: string, parts: TimeParts = { date: false }, language: string = i18next.language): string {
  return formatIn(epochMs, timeZone, timeZone, parts, language);
}
