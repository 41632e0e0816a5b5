import { describe, expect, it } from 'vitest';
import { INVALID_DURATION, INVALID_TIME, UNKNOWN_TIME_ZONE, formatDuration, formatIsoUtc, formatUtc, formatZoned, secondsSince } from './format';

describe('time labels', () => {
  const at = Date.UTC(2026, 10, 22, 14, 3, 9);

  it('given an instant, then UTC and zoned labels both name their zone', () => {
    expect(formatUtc(at)).toBe('2026-11-22 14:03:09 UTC');
    expect(formatZoned(at, 'Africa/Lagos')).toBe('15:03:09 Africa/Lagos');
  });

  it('given an instant and the parts wanted, then the UTC label has only those parts', () => {
    expect(formatUtc(at, { date: false })).toBe('14:03:09 UTC');
    expect(formatUtc(at, { zone: false })).toBe('2026-11-22 14:03:09');
    expect(formatUtc(at, { date: false, zone: false })).toBe('14:03:09');
    expect(formatUtc(at, { date: false, seconds: false, zone: false })).toBe('14:03');
  });

  it('given an instant, then the machine-readable form is ISO 8601 in UTC', () => {
    expect(formatIsoUtc(at)).toBe('2026-11-22T14:03:09.000Z');
  });

  it('given durations, then ages read compactly and never negative', () => {
    expect(formatDuration(4_000)).toBe('4s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('given a long operation, then relative seconds survive a float32 round trip to the second', () => {
    const start = Date.UTC(2026, 0, 1);
    const late = start + 180 * 86_400_000 + 123_000;
    expect(Math.round(Math.fround(secondsSince(start, late)))).toBe(180 * 86_400 + 123);
  });
});

describe('time labels for impossible values', () => {
  const impossible = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 9e15, -9e15, 8.64e15 + 1];

  it.each(impossible)('given the instant %s, then every label reads "invalid time" instead of throwing', (value) => {
    expect(formatUtc(value)).toBe(INVALID_TIME);
    expect(formatUtc(value, { date: false, seconds: false, zone: false })).toBe(INVALID_TIME);
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
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2e16])('given the duration %s, then it reads "invalid duration"', (value) => {
    expect(formatDuration(value)).toBe(INVALID_DURATION);
  });

  it('given the age of a hit stamped at the end of time, then it reads as zero rather than throwing', () => {
    expect(formatDuration(Date.UTC(2026, 10, 22) - 8.64e15)).toBe('0s');
  });
});
