import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../en';
import { formatCount, formatPercent } from './numbers';

const NNBSP = '\u202f';

describe('numbers in the interface language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } } });
  });

  it.each([
    ['en', '1,234,567', '97.9%'],
    ['fr', `1${NNBSP}234${NNBSP}567`, '97,9\u00a0%'],
    ['es', '1.234.567', '97,9\u00a0%'],
    ['ar', '1,234,567', '97.9\u200e%\u200e'],
  ])('given %s, then counts are grouped and scores read as percentages its way, in Western digits', (language, count, percent) => {
    expect(formatCount(1_234_567, language)).toBe(count);
    expect(formatPercent(0.979, 1, language)).toBe(percent);
  });

  it('given a share to show without decimals, then it is rounded to a whole percent', () => {
    expect(formatPercent(0.456, 0, 'en')).toBe('46%');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('given %s, then both read "invalid number" instead of throwing', (value) => {
    expect(formatCount(value, 'en')).toBe('invalid number');
    expect(formatPercent(value, 1, 'fr')).toBe('invalid number');
  });

  it('given a language nobody knows, then the count still reads, grouped the English way', () => {
    expect(formatCount(1_234, 'not a locale!')).toBe('1,234');
  });

  it('given no language, then the interface language is used', async () => {
    await i18next.changeLanguage('fr');
    expect(formatCount(12_345)).toBe(`12${NNBSP}345`);
    await i18next.changeLanguage('en');
    expect(formatCount(12_345)).toBe('12,345');
  });
});
