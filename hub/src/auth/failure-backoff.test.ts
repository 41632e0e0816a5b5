import { describe, expect, it } from 'vitest';
import { createFailureBackoff, type BackoffPolicy } from './failure-backoff';

const POLICY: BackoffPolicy = { freeFailures: 3, firstDelayMs: 1000, lockMs: 8000, forgetAfterMs: 60_000, maxKeys: 100 };

function fakeClock() {
  let at = 5_000;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

/** One attempt that fails, as a wrong password does. */
function failOnce(backoff: ReturnType<typeof createFailureBackoff>, key: string) {
  const admission = backoff.admit(key);
  if (!admission.ok) throw new Error(`expected ${key} to be admitted, was told to wait ${admission.retryAfterMs} ms`);
  return backoff.failed(key);
}

describe('failure backoff', () => {
  it('given free failures, when they are used up, then each further failure doubles the wait until the lock', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const record = failOnce(backoff, 'duty');
      delays.push(record.delayMs);
      clock.advance(record.delayMs);
    }
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('given a wait after a failure, when the key tries during it, then it is refused with the time left and nothing is counted', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    for (let attempt = 0; attempt < 3; attempt++) failOnce(backoff, 'duty');
    clock.advance(400);
    expect(backoff.admit('duty')).toEqual({ ok: false, retryAfterMs: 600 });
    expect(backoff.admit('duty')).toEqual({ ok: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(failOnce(backoff, 'duty')).toEqual({ failures: 4, delayMs: 2000, locked: false });
  });

  it('given the longest wait, then the key is reported locked', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    let record = failOnce(backoff, 'duty');
    while (!record.locked) {
      clock.advance(record.delayMs);
      record = failOnce(backoff, 'duty');
    }
    expect(record).toEqual({ failures: 6, delayMs: 8000, locked: true });
    clock.advance(7999);
    expect(backoff.admit('duty')).toEqual({ ok: false, retryAfterMs: 1 });
  });

  it('given failures, when the key succeeds, then its count starts again and the next failure is free', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    for (let attempt = 0; attempt < 3; attempt++) failOnce(backoff, 'duty');
    clock.advance(1000);
    expect(backoff.admit('duty')).toEqual({ ok: true });
    backoff.succeeded('duty');
    expect(failOnce(backoff, 'duty')).toEqual({ failures: 1, delayMs: 0, locked: false });
    expect(backoff.size()).toBe(1);
  });

  it('given one key waiting, then another key is not held up by it', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    for (let attempt = 0; attempt < 5; attempt++) {
      clock.advance(failOnce(backoff, 'duty').delayMs);
    }
    expect(backoff.admit('duty')).toMatchObject({ ok: true });
    backoff.failed('duty');
    expect(backoff.admit('duty')).toMatchObject({ ok: false });
    expect(backoff.admit('lead')).toEqual({ ok: true });
  });

  it('given a burst of attempts in flight, then no more than the free failures are admitted, and past them one at a time', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    const admitted = Array.from({ length: 10 }, () => backoff.admit('duty')).filter((admission) => admission.ok);
    expect(admitted).toHaveLength(3);
    for (let attempt = 0; attempt < 3; attempt++) backoff.failed('duty');
    clock.advance(1000);
    expect(backoff.admit('duty')).toEqual({ ok: true });
    expect(backoff.admit('duty')).toEqual({ ok: false, retryAfterMs: 1000 });
  });

  it('given a key with no failure for the forget time, then its count starts again', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    for (let attempt = 0; attempt < 4; attempt++) clock.advance(failOnce(backoff, 'duty').delayMs);
    clock.advance(POLICY.forgetAfterMs);
    expect(failOnce(backoff, 'duty')).toEqual({ failures: 1, delayMs: 0, locked: false });
  });

  it('given more keys than it may hold, then memory stays bounded and the least recently used key is forgotten first', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff({ ...POLICY, maxKeys: 50 }, clock.now);
    for (let attempt = 0; attempt < 3; attempt++) failOnce(backoff, 'target');
    for (let index = 0; index < 10_000; index++) {
      failOnce(backoff, `spray-${index}`);
      // The target keeps being tried, so it stays among the most recently used.
      if (index % 10 === 0) backoff.admit('target');
    }
    expect(backoff.size()).toBeLessThanOrEqual(50);
    expect(backoff.admit('target')).toMatchObject({ ok: false });
    expect(failOnce(backoff, 'spray-0')).toMatchObject({ failures: 1 });
  });

  it('given an admitted attempt that is abandoned, then it counts as nothing', () => {
    const clock = fakeClock();
    const backoff = createFailureBackoff(POLICY, clock.now);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(backoff.admit('duty')).toEqual({ ok: true });
      backoff.abandoned('duty');
    }
    expect(backoff.size()).toBe(0);
  });
});
