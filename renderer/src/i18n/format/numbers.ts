import i18next from 'i18next';
import { intlLocale, perLocale, placeholder } from './locale';

/**
 * Counts and shares for people, grouped and punctuated the way the interface language writes them
 * (`12,345` / `12 345` / `12.345`; `97.9%` / `97,9 %`). A value that is not a finite number reads as a
 * placeholder instead of `NaN` or `Infinity`, so one bad value cannot take a panel down with it.
 */
const counts = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }));
const percents = [0, 1].map((digits) =>
  perLocale((locale) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })),
);

/** `12,345` in English, `12 345` in French: a count or any plain number. */
export function formatCount(value: number, language: string = i18next.language): string {
  if (!Number.isFinite(value)) return placeholder('invalidNumber', language);
  return counts(intlLocale(language)).format(value);
}

/** `87.5%` in English, `87,5 %` in French, for a fraction of one (0.875); `88%` with no decimal. */
export function formatPercent(fraction: number, digits: 0 | 1 = 1, language: string = i18next.language): string {
  if (!Number.isFinite(fraction)) return placeholder('invalidNumber', language);
  return percents[digits]!(intlLocale(language)).format(fraction);
}
