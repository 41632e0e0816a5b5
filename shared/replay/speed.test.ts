import { describe, expect, it } from 'vitest';
import { fitSpeed, parseSpeed } from './speed';

describe('typed speed', () => {
  it('given what officers type, when parsed, then each reads as the speed they meant', () => {
    expect(parseSpeed('60')).toEqual({ ok: true, speed: 60, clamped: false });
    expect(parseSpeed(' 60x ')).toEqual({ ok: true, speed: 60, clamped: false });
    expect(parseSpeed('0.5×')).toEqual({ ok: true, speed: 0.5, clamped: false });
    expect(parseSpeed('1,5')).toEqual({ ok: true, speed: 1.5, clamped: false });
    expect(parseSpeed('.25')).toEqual({ ok: true, speed: 0.25, clamped: false });
  });

  it('given a speed out of range, when parsed, then it is clamped to 0.1x..3600x and says so', () => {
    expect(parseSpeed('0.01')).toEqual({ ok: true, speed: 0.1, clamped: true });
    expect(parseSpeed('99999')).toEqual({ ok: true, speed: 3600, clamped: true });
  });

  it('given text that is not a speed, when parsed, then it is refused with a reason', () => {
    for (const text of ['', 'fast', '-2', '1e3', '2x2']) expect(parseSpeed(text)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseSpeed('0')).toEqual({ ok: false, reason: 'not-positive' });
  });

  it('given a 24-hour operation, when fitted into 10 minutes, then it plays at 144x', () => {
    expect(fitSpeed(24 * 3_600_000, 10)).toEqual({ ok: true, speed: 144, clamped: false });
    expect(fitSpeed(24 * 3_600_000, 0)).toEqual({ ok: false, reason: 'not-positive' });
  });
});
