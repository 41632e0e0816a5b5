import { describe, expect, it } from 'vitest';
import { GIVEN_AT_MAX_SKEW_MS, settleGivenAt } from './given-time';

const raisedAt = 1_800_000_000_000;
const now = raisedAt + 10 * 60_000;

describe('settleGivenAt', () => {
  it('given no time, when settled, then there is none to keep', () => {
    expect(settleGivenAt(undefined, { raisedAt }, now)).toEqual({ ok: true, givenAt: undefined });
  });

  it('given a time between the raise and now, when settled, then it is kept as given', () => {
    expect(settleGivenAt(raisedAt + 60_000, { raisedAt }, now)).toEqual({ ok: true, givenAt: raisedAt + 60_000 });
  });

  it('given a console clock slightly ahead or behind, when settled, then the time is brought within raised..now', () => {
    expect(settleGivenAt(now + 5_000, { raisedAt }, now)).toEqual({ ok: true, givenAt: now });
    expect(settleGivenAt(raisedAt - 5_000, { raisedAt }, now)).toEqual({ ok: true, givenAt: raisedAt });
  });

  it('given a time far in the future or long before the raise, when settled, then it is refused as invalid', () => {
    const future = settleGivenAt(now + GIVEN_AT_MAX_SKEW_MS + 1, { raisedAt }, now);
    const past = settleGivenAt(raisedAt - GIVEN_AT_MAX_SKEW_MS - 1, { raisedAt }, now);
    expect(future).toMatchObject({ ok: false, code: 'invalid' });
    expect(past).toMatchObject({ ok: false, code: 'invalid' });
    expect(!future.ok && future.message).toContain('later than');
    expect(!past.ok && past.message).toContain('before the alert was raised');
  });
});
