import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './rate-limit';

function fakeClock() {
  let at = 1_000;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('token bucket', () => {
  it('given a full bucket, when a burst of its capacity is taken, then all of it is admitted and the next is told when to retry', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 3, perSecond: 2 }, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 500 });
  });

  it('given an empty bucket, when the retry hint has passed, then one more is admitted and no more than the refill', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 2, perSecond: 4 }, clock.now);
    bucket.take(2);
    clock.advance(249);
    expect(bucket.take()).toMatchObject({ ok: false });
    clock.advance(1);
    expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take()).toMatchObject({ ok: false });
  });

  it('given a long idle time, then the bucket refills to its capacity and not beyond', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 2, perSecond: 10 }, clock.now);
    bucket.take(2);
    clock.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()].map((admission) => admission.ok)).toEqual([true, true, false]);
  });

  it('given costs by size, then a dear request is refused without taking anything and a cheap one still passes', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 10_000, perSecond: 1_000 }, clock.now);
    expect(bucket.take(8_000)).toEqual({ ok: true });
    expect(bucket.take(5_000)).toEqual({ ok: false, retryAfterMs: 3_000 });
    expect(bucket.take(2_000)).toEqual({ ok: true });
  });

  it('given a request dearer than a full bucket, then it is admitted once the bucket is full', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ capacity: 100, perSecond: 100 }, clock.now);
    expect(bucket.take(500)).toEqual({ ok: true });
    expect(bucket.take(500)).toEqual({ ok: false, retryAfterMs: 1_000 });
  });
});
