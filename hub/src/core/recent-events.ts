import type { OpsEvent } from '@watchfloor/shared';

/**
 * The latest events the hub absorbed, held in memory so a reconnecting client's catch-up costs no database
 * read and no re-validation of events the hub already holds as typed values. A ring of fixed capacity:
 * the oldest event goes as each new one comes once it is full.
 */
export interface RecentEvents {
  /** Adds events absorbed in seq order. */
  push(events: readonly OpsEvent[]): void;
  /** Events after `afterSeq` (up to `limit`), or undefined when they are no longer all held. */
  after(afterSeq: number, limit: number): readonly OpsEvent[] | undefined;
  /** After a retention purge: catch-up from before `seq` must come from the (purged) log, not memory. */
  forgetThrough(seq: number): void;
}

export function createRecentEvents(capacity: number): RecentEvents {
  // In seq order from `start`: ring[(start + i) % ring.length].
  const ring: OpsEvent[] = [];
  let start = 0;
  /** Seq of the newest event pushed out of the ring (or forgotten); 0 while nothing has been. */
  let evictedThrough = 0;

  return {
    push(events) {
      for (const event of events) {
        if (ring.length < capacity) ring.push(event);
        else {
          evictedThrough = ring[start]!.seq;
          ring[start] = event;
          start = (start + 1) % capacity;
        }
      }
    },

    after(afterSeq, limit) {
      // Every event absorbed went through the ring, so it holds all events after afterSeq unless one of
      // them was evicted.
      if (afterSeq < evictedThrough) return undefined;
      const at = (i: number) => ring[(start + i) % ring.length]!;
      // Seqs rise along the ring: binary-search the first one after afterSeq.
      let low = 0;
      let high = ring.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (at(middle).seq <= afterSeq) low = middle + 1;
        else high = middle;
      }
      const page: OpsEvent[] = [];
      for (let i = low; i < ring.length && page.length < limit; i += 1) page.push(at(i));
      return page;
    },

    forgetThrough(seq) {
      evictedThrough = Math.max(evictedThrough, seq);
    },
  };
}
