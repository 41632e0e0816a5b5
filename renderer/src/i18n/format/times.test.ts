import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../en';
import { formatLocalTime, formatUtcTime } from './times';

const at = Date.UTC(2026, 10, 22, 14, 3, 9);

describe('times in the interface language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } } });
  });

  it.each([
    ['en', '22 Nov 2026, 14:03:09 UTC'],
    ['fr', '22 nov. 2026, 14:03:09 UTC'],
    ['es', '22 nov 2026, 14:03:09 UTC'],
    ['ar', '22 نوفمبر 2026، 14:03:09 UTC'],
  ])('given %s, then a UTC time names the month, uses a 24-hour clock and Western digits, and is labelled UTC', (language, text) => {
    expect(formatUtcTime(at, {}, language)).toBe(text);
  });

  it.each(['en', 'fr', 'es', 'ar'])('given %s, then the parts asked for are the parts shown', (language) => {
    expect(formatUtcTime(at, { date: false }, language)).toBe('14:03:09 UTC');
    expect(formatUtcTime(at, { date: false, zone: false }, language)).toBe('14:03:09');
    expect(formatUtcTime(at, { date: false, seconds: false, zone: false }, language)).toBe('14:03');
    expect(formatLocalTime(at, 'Africa/Lagos', { date: false }, language)).toBe('15:03:09 Africa/Lagos');
  });

  it('given a local time with its date, then the date is the zone\'s own, labelled with the zone', () => {
    expect(formatLocalTime(Date.UTC(2026, 10, 22, 23, 30), 'Asia/Tokyo', {}, 'en')).toBe('23 Nov 2026, 08:30:00 Asia/Tokyo');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -9e15])('given the instant %s, then it reads "invalid time" instead of throwing', (value) => {
    expect(formatUtcTime(value, {}, 'en')).toBe('invalid time');
    expect(formatLocalTime(value, 'Africa/Lagos', { date: false }, 'en')).toBe('invalid time');
  });

  it('given a time zone nobody knows, then the local time says so instead of throwing', () => {
    expect(formatLocalTime(at, 'Mars/Olympus_Mons', { date: false }, 'en')).toBe('unknown time zone');
  });

  it('given no language, then the interface language is used at the moment of formatting', async () => {
    await i18next.changeLanguage('fr');
    expect(formatUtcTime(at, { zone: false })).toBe('22 nov. 2026, 14:03:09');
    await i18next.changeLanguage('en');
    expect(formatUtcTime(at, { zone: false })).toBe('22 Nov 2026, 14:03:09');
  });
});
