import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { numberInterpolation } from './interpolation';

describe('numbers given to t()', () => {
  it('given a number in a sentence, then it is written the language\'s way, the plural still follows the count, and a string is left alone', async () => {
    const i18n = i18next.createInstance();
    await i18n.use(numberInterpolation).init({
      lng: 'fr',
      resources: {
        fr: { translation: { matches_one: '{{count}} résultat', matches_other: '{{count}} résultats', record: 'Enregistrement n° {{seq}}' } },
      },
      interpolation: { escapeValue: false, alwaysFormat: true },
    });
    expect(i18n.t('matches', { count: 12_345 })).toBe('12\u202f345 résultats');
    expect(i18n.t('matches', { count: 1 })).toBe('1 résultat');
    expect(i18n.t('record', { seq: String(12_345) })).toBe('Enregistrement n° 12345');
  });
});
