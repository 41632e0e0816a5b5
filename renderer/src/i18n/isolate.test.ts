import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { interpolatedValue } from './isolate';

async function translator(direction: 'ltr' | 'rtl') {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'xx',
    resources: { xx: { translation: { online_other: '{{count}} officers on', rate: 'availability {{share}} at {{checkpoint}}' } } },
    interpolation: { escapeValue: true, escape: interpolatedValue(() => direction) },
  });
  return instance.t.bind(instance);
}

describe('values in translated sentences', () => {
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
