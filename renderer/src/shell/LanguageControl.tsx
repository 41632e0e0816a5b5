import { LANGUAGE_CODES, spokenLanguage, type LanguageCode } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { chooseOwnLanguage } from '../i18n/language-choice';
import { LANGUAGES } from '../i18n/languages';

/**
 * The interface language, a plain select (Tab to it, arrow keys to change): each language listed by its own
 * name, the change applied at once and remembered for the officer, or at sign-in for this workstation.
 */
export function LanguageControl(props: { readonly officerId?: string; readonly onChosen?: (language: LanguageCode) => void }) {
  // Rerenders when the language changes.
  const { t } = useTranslation();
  const choose = (value: string) => {
    const language = spokenLanguage(value);
    if (language === undefined) return;
    props.onChosen?.(language);
    void chooseOwnLanguage(language, props.officerId);
  };
  return (
    <label className="language-control">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={currentLocale()} onChange={(event) => choose(event.target.value)} data-testid="language">
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code} lang={code} dir={LANGUAGES[code].direction}>
            {LANGUAGES[code].name}
          </option>
        ))}
      </select>
    </label>
  );
}
