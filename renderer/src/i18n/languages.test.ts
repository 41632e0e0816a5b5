// @vitest-environment happy-dom
import { LANGUAGE_CODES } from '@watchfloor/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ar } from './ar';
import { en } from './en';
import { changeLanguage, currentLocale, initI18n } from './index';
import { LANGUAGES, languageResources } from './languages';

describe('the language registry', () => {
  it('given every language the console speaks, then it has its own name and a direction, Arabic right to left', () => {
    expect(Object.keys(LANGUAGES)).toEqual([...LANGUAGE_CODES]);
    expect(Object.fromEntries(LANGUAGE_CODES.map((code) => [code, [LANGUAGES[code].name, LANGUAGES[code].direction]]))).toEqual({
      en: ['English', 'ltr'],
      fr: ['Français', 'ltr'],
      es: ['Español', 'ltr'],
      ar: ['العربية', 'rtl'],
    });
  });

  it('given the registry, then i18next gets the English bundle as the translation of en', () => {
    expect(languageResources().en).toEqual({ translation: en });
  });
});

describe('switching the language', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('given the console started in English, then the page says English, left to right', () => {
    expect([document.documentElement.lang, document.documentElement.dir, currentLocale()]).toEqual(['en', 'ltr', 'en']);
  });

  it('given a switch to Arabic, then the page, the locale and i18next follow at once, and the text is Arabic', async () => {
    await changeLanguage('ar');
    expect([document.documentElement.lang, document.documentElement.dir, currentLocale(), i18next.language]).toEqual(['ar', 'rtl', 'ar', 'ar']);
    expect(i18next.t('topbar.signOut')).toBe(ar.topbar.signOut);
  });

  it('given a switch back to French, then the page is left to right again', async () => {
    await changeLanguage('fr');
    expect([document.documentElement.lang, document.documentElement.dir, currentLocale()]).toEqual(['fr', 'ltr', 'fr']);
  });
});
