import i18next from 'i18next';
import { intlLocale, perLocale, placeholder } from './locale';

/**
 * Compact ages and countdowns for queues and timers: the two largest units, narrow (`4m 5s`, `1h 2m`,
 * `12s` in English; `4 min 5 s` in French), through `Intl.DurationFormat` where the runtime has it, and
 * otherwise from `Intl.NumberFormat` units joined the way the language lists units. Negative durations
 * read as zero; one longer than any two Dates lie apart, infinite or not a number reads as a placeholder.
 */
const LONGEST_MS = 2 * 8.64e15;

interface Duration {
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
}

type DurationFormatter = (duration: Duration) => string;

interface DurationFormatConstructor {
  new (locale: string, options: { readonly style: 'narrow'; readonly secondsDisplay?: 'always' }): { format(duration: Duration): string };
}

const durationFormats = perLocale((locale): DurationFormatter => {
  const DurationFormat = (Intl as unknown as { readonly DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat !== undefined) {
    const format = new DurationFormat(locale, { style: 'narrow' });
    // Zero units are left out, so "0s" needs the seconds shown always; longer durations must not get "0s".
    const secondsOnly = new DurationFormat(locale, { style: 'narrow', secondsDisplay: 'always' });
    return (duration) => (duration.seconds !== undefined && duration.minutes === undefined ? secondsOnly : format).format(duration);
  }
  return unitListFormat(locale);
});

function unitListFormat(locale: string): DurationFormatter {
  const unit = (name: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' });
  const units = [
    ['hours', unit('hour')],
    ['minutes', unit('minute')],
    ['seconds', unit('second')],
  ] as const;
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
  return (duration) => list.format(units.flatMap(([field, format]) => (duration[field] === undefined ? [] : [format.format(duration[field])])));
}

/** The two largest units of `ms`, leaving out a zero second unit (`1h`, not `1h 0m`). */
function largestUnits(ms: number): Duration {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? { hours, minutes } : { hours };
  if (minutes > 0) return seconds > 0 ? { minutes, seconds } : { minutes };
  return { seconds };
}

export function formatDuration(ms: number, language: string = i18next.language): string {
  if (!Number.isFinite(ms) || ms > LONGEST_MS) return placeholder('invalidDuration', language);
  return durationFormats(intlLocale(language))(largestUnits(ms));
}
