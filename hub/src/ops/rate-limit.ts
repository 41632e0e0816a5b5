/**
 * Token buckets: how much one client may ask of the hub in a burst, and how fast that allowance comes back.
 * Each request costs tokens (one per command, one per log position a history page asks for); a request the
 * bucket cannot pay for is turned away with the time until it could be, and takes nothing.
 */
export interface BucketLimit {
  /** Tokens a full bucket holds: the largest burst. */
  readonly capacity: number;
  /** Tokens that come back per second: the sustained rate. */
  readonly perSecond: number;
}

export type Admission = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export interface TokenBucket {
  /** Takes `cost` tokens if the bucket holds them; otherwise takes none and says when it will. */
  take(cost?: number): Admission;
}

/** `now`: a clock in milliseconds that never goes back. */
export function createTokenBucket(limit: BucketLimit, now: () => number = () => performance.now()): TokenBucket {
  let tokens = limit.capacity;
  let filledAt = now();
  return {
    take(cost = 1) {
      const at = now();
      tokens = Math.min(limit.capacity, tokens + ((at - filledAt) / 1000) * limit.perSecond);
      filledAt = at;
      // A request dearer than a full bucket pays what a full bucket holds, so it can be served at all.
      const price = Math.min(cost, limit.capacity);
      if (tokens >= price) {
        tokens -= price;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((price - tokens) / limit.perSecond) * 1000)) };
    },
  };
}
