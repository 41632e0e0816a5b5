import type { LanguageCode } from '@watchfloor/shared';
import type { Resource } from 'i18next';
import { en } from './en';

/**
 * The console's languages: each with its own name, shown the same in every interface language so an officer
 * finds theirs whatever the screen speaks, its writing direction, and its bundle. A language whose bundle
 * is not here yet is offered and laid out in its own direction, with English text. A language's bundle is
 * registered by its import and `bundle:` on its line; a new language is first added to `LANGUAGE_CODES`
 * (shared), then here.
 */
interface Language {
  readonly name: string;
  readonly direction: 'ltr' | 'rtl';
  readonly bundle?: { readonly [key: string]: unknown };
}

export const LANGUAGES: { readonly [L in LanguageCode]: Language } = {
  en: { name: 'English', direction: 'ltr', bundle: en },
  fr: { name: 'Français', direction: 'ltr' },
  es: { name: 'Español', direction: 'ltr' },
  ar: { name: 'العربية', direction: 'rtl' },
};

/** Every bundle, for i18next. */
export function languageResources(): Resource {
  return Object.fromEntries(Object.entries(LANGUAGES).flatMap(([code, { bundle }]) => (bundle === undefined ? [] : [[code, { translation: bundle }]])));
}
