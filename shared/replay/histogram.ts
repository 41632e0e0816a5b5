import type { OpsEvent } from '../protocol/events';

/**
 * Hits per interval over a whole operation, for the timeline bar. Counted once into fixed buckets as
 * events arrive (O(batch) per append, however long the operation), then re-binned to the bar's pixel
 * columns at any zoom in O(buckets shown + columns).
 *
 * Buckets follow the hit's own time (`hit.at`), the time the map filters on, so a bar over the histogram
 * and the hits on the map agree. Hits before the origin (a checkpoint's clock running behind) count in the
 * first bucket rather than being dropped: hits are never lost.
 */
export interface HitHistogram {
  readonly origin: number;
  readonly bucketMs: number;
  /** Buckets from the origin through the latest hit. */
  readonly bucketCount: number;
  readonly total: number;
  add(events: Iterable<OpsEvent>): void;
  /** Hits in each of `columns` equal slices of `[from, to)`; a bucket straddling slices is shared pro rata. */
  bins(from: number, to: number, columns: number): Float64Array;
}

export function createHitHistogram(origin: number, bucketMs = 60_000): HitHistogram {
  let counts = new Uint32Array(256);
  let bucketCount = 0;
  let total = 0;

  function grow(needed: number): void {
    if (needed <= counts.length) return;
    const next = new Uint32Array(Math.max(needed, counts.length * 2));
    next.set(counts);
    counts = next;
  }

  return {
    origin,
    bucketMs,
    get bucketCount() {
      return bucketCount;
    },
    get total() {
      return total;
    },
    add(events) {
      for (const event of events) {
        if (event.type !== 'hit.raised') continue;
        const bucket = Math.max(0, Math.floor((event.hit.at - origin) / bucketMs));
        grow(bucket + 1);
        counts[bucket]! += 1;
        bucketCount = Math.max(bucketCount, bucket + 1);
        total += 1;
      }
    },
    bins(from, to, columns) {
      const out = new Float64Array(Math.max(0, columns));
      if (columns <= 0 || !(to > from)) return out;
      const width = (to - from) / columns;
      const first = Math.max(0, Math.floor((from - origin) / bucketMs));
      const last = Math.min(bucketCount - 1, Math.floor((to - origin) / bucketMs));
      for (let bucket = first; bucket <= last; bucket += 1) {
        const count = counts[bucket]!;
        if (count === 0) continue;
        const start = Math.max(from, origin + bucket * bucketMs);
        const end = Math.min(to, origin + (bucket + 1) * bucketMs);
        // Spread the bucket over the columns it overlaps, in proportion to the overlap.
        for (let column = Math.floor((start - from) / width); column < columns; column += 1) {
          const columnStart = from + column * width;
          const overlap = Math.min(end, columnStart + width) - Math.max(start, columnStart);
          if (overlap <= 0) break;
          out[column]! += (count * overlap) / bucketMs;
        }
      }
      return out;
    },
  };
}
