import { describe, expect, it } from 'vitest';
import { formatDuration, formatUtc, formatZoned, secondsSince } from './format';

describe('time labels', () => {
  const at = Date.UTC(2026, 10, 22, 14, 3, 9);

  it('given an instant, then UTC and zoned labels both name their zone', () => {
    expect(formatUtc(at)).toBe('2026-11-22 14:03:09 UTC');
    expect(formatZoned(at, 'Africa/Lagos')).toBe('15:03:09 Africa/Lagos');
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
