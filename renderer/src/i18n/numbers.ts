/**
 * Counts and shares for people. A value that is not a finite number reads as a placeholder instead of
 * `NaN` or `Infinity`, and formatting never throws, so one bad value cannot take a panel down with it.
 */
export const INVALID_NUMBER = 'invalid number';

/** `12,345`: grouped the way `locale` groups digits (the interface's language when not given). */
export function formatCount(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return INVALID_NUMBER;
  try {
    return value.toLocaleString(locale);
  } catch {
    return value.toLocaleString('en');
  }
}

/** `87.5 %` for a fraction of one (0.875). */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : INVALID_NUMBER;
}
