import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { numberInterpolation } from './format/interpolation';

/**
 * All UI text goes through i18next. Components use `useTranslation()` keys only, so a language is a new
 * resource file; layout uses logical CSS properties so right-to-left languages need no component change.
 */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

export async function initI18n(language = 'en'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).use(numberInterpolation).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });
  document.documentElement.lang = language;
  document.documentElement.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  return i18next;
}

/** Switches the interface language (the bureau's setting); missing strings fall back to English. */
export async function changeLanguage(language: string): Promise<void> {
  await i18next.changeLanguage(language);
  const base = language.split('-')[0]!;
  document.documentElement.lang = language;
  document.documentElement.dir = RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr';
}
