import { spokenLanguage, type LanguageCode } from '@watchfloor/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { interpolatedValue } from './isolate';
import { LANGUAGES, languageResources } from './languages';

/**
 * All UI text goes through i18next. Components use `useTranslation()` keys only, so a language is a new
 * resource file; layout uses logical CSS properties so right-to-left languages need no component change,
 * and values set into sentences are isolated from the sentence's direction (see isolate.ts).
 * The page's `lang` and `dir` follow the language, so text, layout and screen readers change with it.
 */
export async function initI18n(language: LanguageCode = 'en'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: languageResources(),
    // Each value is written the language's way and isolated from the sentence's direction (isolate.ts).
    interpolation: {
      escapeValue: true,
      useRawValueToEscape: true,
      escape: interpolatedValue(() => LANGUAGES[currentLocale()].direction),
    },
    returnNull: false,
  });
  showLanguage(language);
  return i18next;
}

/** Switches the interface language at once: every text rerenders; missing strings fall back to English. */
export async function changeLanguage(language: LanguageCode): Promise<void> {
  if (i18next.language !== language) await i18next.changeLanguage(language);
  showLanguage(language);
}

/** The language the console speaks now, as a BCP 47 locale for dates and numbers. */
export function currentLocale(): LanguageCode {
  return spokenLanguage(i18next.language) ?? 'en';
}

function showLanguage(language: LanguageCode): void {
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES[language].direction;
}
