import { describe, expect, it } from 'vitest';
import { INVALID_TIME, UNKNOWN_TIME_ZONE, formatIsoUtc, formatUtc, formatZoned, formatZonedDateTime } from './format';

describe('time labels', () => {
  const at = Date.UTC(2026, 10, 22, 14, 3, 9);

  it('given an instant, then UTC and zoned labels both name their zone', () => {
    expect(formatUtc(at)).toBe('2026-11-22 14:03:09 UTC');
    expect(formatZoned(at, 'Africa/Lagos')).toBe('15:03:09 Africa/Lagos');
  });

  it('given an instant, then the date and wall-clock time in a zone name that zone', () => {
    expect(formatZonedDateTime(at, 'Africa/Lagos')).toBe('2026-11-22 15:03:09 Africa/Lagos');
  });

  it('given an instant, then the machine-readable form is ISO 8601 in UTC', () => {
    expect(formatIsoUtc(at)).toBe('2026-11-22T14:03:09.000Z');
  });
});

describe('time labels for impossible values', () => {
  const impossible = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 9e15, -9e15, 8.64e15 + 1];

  it.each(impossible)('given the instant %s, then every label reads "invalid time" instead of throwing', (value) => {
    expect(formatUtc(value)).toBe(INVALID_TIME);
    expect(formatZonedDateTime(value, 'Africa/Lagos')).toBe(INVALID_TIME);
    expect(formatZoned(value, 'Africa/Lagos')).toBe(INVALID_TIME);
    expect(formatIsoUtc(value)).toBeUndefined();
  });

  it('given the furthest instants a Date holds, then they still read as times', () => {
    expect(formatUtc(8.64e15)).toBe('275760-09-13 00:00:00 UTC');
    expect(formatZoned(-8.64e15, 'UTC')).toBe('00:00:00 UTC');
    expect(formatIsoUtc(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
  });

  it('given a time zone nobody knows, then the zoned label says so instead of throwing', () => {
    expect(formatZoned(Date.UTC(2026, 10, 22), 'Mars/Olympus_Mons')).toBe(UNKNOWN_TIME_ZONE);
    expect(formatZoned(Date.UTC(2026, 10, 22), '')).toBe(UNKNOWN_TIME_ZONE);
    expect(formatZonedDateTime(Date.UTC(2026, 10, 22), 'Mars/Olympus_Mons')).toBe(UNKNOWN_TIME_ZONE);
  });
});
