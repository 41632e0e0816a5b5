import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpolatedValue } from './isolate';

async function translator(direction: 'ltr' | 'rtl') {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'xx',
    resources: {
      xx: {
        translation: {
          online_other: '{{count}} officers on',
          rate: 'availability {{share}} at {{checkpoint}}',
          roles: 'Only {{roles, list(type: disjunction)}} can act.',
          record: 'Record #{{seq}}',
        },
      },
    },
    interpolation: { escapeValue: true, useRawValueToEscape: true, escape: interpolatedValue(() => direction) },
  });
  return instance.t.bind(instance);
}

describe('values in translated sentences', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'fr', resources: {} });
  });

  it('given a number, then it is grouped the interface language\'s way; a number passed as text is left alone', async () => {
    const t = await translator('ltr');
    expect(t('online', { count: 12_345 })).toBe('12\u202f345 officers on');
    expect(t('record', { seq: String(12_345) })).toBe('Record #12345');
  });

  it('given a list format, then i18next still joins the list', async () => {
    const t = await translator('ltr');
    expect(t('roles', { roles: ['a duty officer', 'a shift lead'] })).toBe('Only a duty officer or a shift lead can act.');
  });

  it('given a right-to-left interface, when a sentence takes values, then each value is isolated whole', async () => {
    const t = await translator('rtl');
    expect(t('rate', { share: '95.5 %', checkpoint: 'LOS-1 Murtala Muhammed' })).toBe(
      `availability \u206895.5 %\u2069 at \u2068LOS-1 Murtala Muhammed\u2069`,
    );
    expect(t('online', { count: 3 })).toBe('\u20683\u2069 officers on');
  });

  it('given a left-to-right interface, when a sentence takes values, then the text is unchanged', async () => {
    const t = await translator('ltr');
    expect(t('rate', { share: '95.5 %', checkpoint: 'Lagos <airport>' })).toBe('availability 95.5 % at Lagos <airport>');
  });
});
