import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../en';
import { formatDuration } from './durations';

describe('durations in the interface language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } } });
  });

  it.each([
    ['en', ['4s', '4m 5s', '1h 2m', '1h', '0s']],
    ['fr', ['4s', '4min 5s', '1h 2min', '1h', '0s']],
    ['es', ['4s', '4min 5s', '1h 2min', '1h', '0s']],
    ['ar', ['4 ث', '4 د و5 ث', '1 س و2 د', '1 س', '0 ث']],
  ])('given %s, then ages read as their two largest units, narrow, never negative', (language, texts) => {
    expect([4_000, 245_000, 3_720_000, 3_600_000, -5].map((ms) => formatDuration(ms, language))).toEqual(texts);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2e16])('given the duration %s, then it reads "invalid duration"', (value) => {
    expect(formatDuration(value, 'en')).toBe('invalid duration');
  });

  it('given the age of a hit stamped at the end of time, then it reads as zero rather than throwing', () => {
    expect(formatDuration(Date.UTC(2026, 10, 22) - 8.64e15, 'en')).toBe('0s');
  });
});
