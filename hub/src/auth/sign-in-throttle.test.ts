import { describe, expect, it } from 'vitest';
import type { BackoffPolicy } from './failure-backoff';
import { ACCOUNT_POLICY, ADDRESS_POLICY, createSignInThrottle, type SignInAttempt, type SignInThrottle } from './sign-in-throttle';

function fakeClock() {
  let at = 0;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

const attempt = (username: string, address = '198.51.100.7'): SignInAttempt => ({ username, address });

function wrongPassword(throttle: SignInThrottle, tried: SignInAttempt) {
  const admission = throttle.admit(tried);
  if (!admission.ok) throw new Error(`expected ${tried.username} from ${tried.address} to be admitted`);
  return throttle.failed(tried);
}

describe('sign-in throttle', () => {
  it('given the house numbers, then five wrong passwords are free and the wait doubles from 1 s to a 15-minute lock', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    const waits: number[] = [];
    for (let guess = 0; guess < 16; guess++) {
      const { account } = wrongPassword(throttle, attempt('duty', `203.0.113.${guess}`));
      waits.push(account.delayMs);
      clock.advance(account.delayMs);
    }
    expect(waits).toEqual([0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000]);
    expect(ACCOUNT_POLICY.lockMs).toBe(15 * 60_000);
  });

  it('given an account in its wait, when anyone tries it from any address, then the attempt is refused as limited by the account', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    for (let guess = 0; guess < 5; guess++) wrongPassword(throttle, attempt('duty'));
    expect(throttle.admit(attempt('duty', '192.0.2.1'))).toEqual({ ok: false, retryAfterMs: 1_000, limitedBy: 'account' });
    expect(throttle.admit(attempt('lead', '192.0.2.1'))).toEqual({ ok: true });
  });

  it('given an account with failures, when its password is right, then its failures are cleared', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    for (let guess = 0; guess < 6; guess++) clock.advance(wrongPassword(throttle, attempt('duty')).account.delayMs);
    expect(throttle.admit(attempt('duty'))).toEqual({ ok: true });
    throttle.succeeded(attempt('duty'));
    expect(wrongPassword(throttle, attempt('duty')).account).toEqual({ failures: 1, delayMs: 0, locked: false });
  });

  it('given one address trying many accounts, then past its higher budget the address waits, whatever account it names', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    for (let guess = 0; guess < ADDRESS_POLICY.freeFailures; guess++) wrongPassword(throttle, attempt(`officer-${guess}`));
    expect(throttle.admit(attempt('someone-new'))).toEqual({ ok: false, retryAfterMs: 1_000, limitedBy: 'address' });
    expect(throttle.admit(attempt('someone-new', '192.0.2.1'))).toEqual({ ok: true });
  });

  it('given an address with failures, when one of its sign-ins succeeds, then the address keeps its failures', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    for (let guess = 0; guess < ADDRESS_POLICY.freeFailures - 1; guess++) wrongPassword(throttle, attempt(`officer-${guess}`));
    throttle.admit(attempt('mine'));
    throttle.succeeded(attempt('mine'));
    expect(wrongPassword(throttle, attempt('another')).address).toEqual({ failures: ADDRESS_POLICY.freeFailures, delayMs: 1_000, locked: false });
  });

  it('given a refusal by the account, then the address is not charged for it', () => {
    const clock = fakeClock();
    const small: BackoffPolicy = { freeFailures: 1, firstDelayMs: 1000, lockMs: 4000, forgetAfterMs: 60_000, maxKeys: 10 };
    const throttle = createSignInThrottle({ account: small, address: { ...small, freeFailures: 3 } }, clock.now);
    wrongPassword(throttle, attempt('duty'));
    for (let tries = 0; tries < 50; tries++) expect(throttle.admit(attempt('duty'))).toMatchObject({ ok: false, limitedBy: 'account' });
    expect(throttle.admit(attempt('lead'))).toEqual({ ok: true });
    expect(throttle.admit(attempt('wall'))).toEqual({ ok: true });
  });

  it('given a flood of made-up usernames from many addresses, then memory stays within both bounds', () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle(undefined, clock.now);
    for (let guess = 0; guess < 30_000; guess++) wrongPassword(throttle, attempt(`nobody-${guess}`, `10.${(guess >> 16) & 255}.${(guess >> 8) & 255}.${guess & 255}`));
    const size = throttle.size();
    expect(size.accounts).toBeLessThanOrEqual(ACCOUNT_POLICY.maxKeys);
    expect(size.addresses).toBeLessThanOrEqual(ADDRESS_POLICY.maxKeys);
  });
});
