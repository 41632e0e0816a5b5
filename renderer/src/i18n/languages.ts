import type { LanguageCode } from '@watchfloor/shared';
import type { Resource } from 'i18next';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

/**
 * The console's languages: each with its own name, shown the same in every interface language so an officer
 * finds theirs whatever the screen speaks, its writing direction, and its bundle (typed `Bundle`, so it has
 * every key English has). A new language is first added to `LANGUAGE_CODES` (shared), then here.
 */
interface Language {
  readonly name: string;
  readonly direction: 'ltr' | 'rtl';
  readonly bundle: { readonly [key: string]: unknown };
}

export const LANGUAGES: { readonly [L in LanguageCode]: Language } = {
  en: { name: 'English', direction: 'ltr', bundle: en },
  fr: { name: 'Français', direction: 'ltr', bundle: fr },
  es: { name: 'Español', direction: 'ltr', bundle: es },
  ar: { name: 'العربية', direction: 'rtl', bundle: ar },
};

/** Every bundle, for i18next. */
export function languageResources(): Resource {
  return Object.fromEntries(Object.entries(LANGUAGES).map(([code, { bundle }]) => [code, { translation: bundle }]));
}
