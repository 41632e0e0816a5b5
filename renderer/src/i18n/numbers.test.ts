import { describe, expect, it } from 'vitest';
import { INVALID_NUMBER, formatCount, formatPercent } from './numbers';

describe('number labels', () => {
  it('given counts and fractions, then they read grouped and as a percentage', () => {
    expect(formatCount(1_234_567, 'en-GB')).toBe('1,234,567');
    expect(formatPercent(0.875)).toBe('87.5 %');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('given %s, then both read "invalid number"', (value) => {
    expect(formatCount(value)).toBe(INVALID_NUMBER);
    expect(formatPercent(value)).toBe(INVALID_NUMBER);
  });

  it('given a locale nobody knows, then the count still reads, grouped the English way', () => {
    expect(formatCount(1_234, 'not a locale!')).toBe('1,234');
  });
});
