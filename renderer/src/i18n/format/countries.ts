import i18next from 'i18next';
import { intlLocale, perLocale } from './locale';

/**
 * Country names for people: the ISO 3166-1 alpha-2 code of a checkpoint, record owner or scope as the
 * interface language names it (`NG` reads "Nigeria", "Nigéria", "نيجيريا"). A code `Intl` cannot name
 * (unknown, malformed, empty) reads as itself, so the officer still sees what the hub sent.
 */
const regionNames = perLocale((locale) => new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }));

export function countryName(code: string, language: string = i18next.language): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return regionNames(intlLocale(language)).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const lists = perLocale((locale) => new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }));

/** "Benin, Nigeria and Togo": country names listed the way the language lists them. */
export function countryList(codes: readonly string[], language: string = i18next.language): string {
  return lists(intlLocale(language)).format(codes.map((code) => countryName(code, language)));
}

const collators = perLocale((locale) => new Intl.Collator(locale));

/** Codes with their names, in the language's alphabetical order of the names (for a list to choose from). */
export function byCountryName(codes: readonly string[], language: string = i18next.language): { readonly code: string; readonly name: string }[] {
  const collator = collators(intlLocale(language));
  return codes.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => collator.compare(a.name, b.name));
}
