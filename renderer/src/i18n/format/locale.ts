import i18next from 'i18next';

/**
 * The `Intl` locale behind every number, time, duration and country name on screen, taken from the
 * interface language at the moment of formatting (so a language switch reaches the next render).
 *
 * Digits are Western (`-u-nu-latn`) in every language, Arabic included: ids, codes, times and scores read
 * the same on every desk of a multi-country operation, and Arabic-speaking officers commonly read Western
 * digits in police systems. Plain English is British English: day before month, 24-hour clock. A language
 * `Intl` does not know falls back to English, so formatting never throws.
 */
const FALLBACK_LOCALE = 'en-GB-u-nu-latn';

const locales = new Map<string, string>();

export function intlLocale(language: string = i18next.language ?? 'en'): string {
  let locale = locales.get(language);
  if (locale === undefined) {
    locale = toIntlLocale(language);
    locales.set(language, locale);
  }
  return locale;
}

function toIntlLocale(language: string): string {
  try {
    return new Intl.Locale(language === 'en' ? 'en-GB' : language, { numberingSystem: 'latn' }).toString();
  } catch {
    return FALLBACK_LOCALE;
  }
}

/**
 * One `Intl` formatter per locale and kind, made on first use: making one costs far more than using it,
 * and the queue formats thousands of rows.
 */
export function perLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (formatter === undefined) {
      formatter = make(locale);
      made.set(locale, formatter);
    }
    return formatter;
  };
}

/** The placeholder shown instead of a value that cannot be shown, in the interface language. */
export function placeholder(kind: 'invalidNumber' | 'invalidTime' | 'invalidDuration' | 'unknownTimeZone', language: string = i18next.language ?? 'en'): string {
  return i18next.t(`format.${kind}`, { lng: language });
}
