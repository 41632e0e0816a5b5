import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { numberInterpolation } from './format/interpolation';
import { interpolatedValue } from './isolate';

/**
 * All UI text goes through i18next. Components use `useTranslation()` keys only, so a language is a new
 * resource file; layout uses logical CSS properties so right-to-left languages need no component change,
 * and values set into sentences are isolated from the sentence's direction (see isolate.ts).
 */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

/** The writing direction of a language tag (`ar`, `ar-EG`, `en`…). */
function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(language.split('-')[0]!) ? 'rtl' : 'ltr';
}

export async function initI18n(language = 'en'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).use(numberInterpolation).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    // Every value is formatted (numbers grouped the language's way), then isolated from the sentence's
    // direction: `escape` is not HTML escaping here (React escapes), it is where i18next lets that happen.
    interpolation: { alwaysFormat: true, escapeValue: true, escape: interpolatedValue(() => directionOf(i18next.language)) },
    returnNull: false,
  });
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  return i18next;
}

/** Switches the interface language (the bureau's setting); missing strings fall back to English. */
export async function changeLanguage(language: string): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}
