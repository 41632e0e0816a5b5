/**
 * Which row of `HitColumns` holds an alert: an open-addressing hash table in typed arrays, keyed by the
 * alert id strings the columns already keep.
 *
 * Why not a `Map<string, number>`: every appended hit needs one lookup (is it new, or a status update?) and
 * one insert, and with a million ids held a Map costs ~2 µs per hit in V8 (a fresh string's hash, a miss in
 * a table of tens of megabytes, chained entries), which was most of a 5,000-hit append. Here a lookup of an
 * absent id is one hash over its characters and usually one cache line of the table; no JS object is made
 * per row, and growth rehashes from the stored 32-bit hashes without touching the strings.
 */
export interface RowIndex {
  /** The row held for `id`, or -1. */
  find(id: string): number;
  /**
   * The row already held for `id`; if none, records `row` for it and returns -1. The caller must have
   * `idAt(row) === id` before the next call (the table compares ids through it on hash collisions).
   */
  claim(id: string, row: number): number;
  readonly size: number;
}

const EMPTY = 0;
const MIN_SLOTS = 1024;

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so sequential ids ("hit-1", "hit-2") spread out. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** `ids[row]` is the id of each row claimed so far; the table reads it only to confirm a hash match. */
export function createRowIndex(ids: readonly string[], expectedRows = 0): RowIndex {
  let slots = MIN_SLOTS;
  while (slots < expectedRows * 2) slots *= 2;
  // Per slot: the id's hash, then row + 1 (EMPTY where free). The hash sits beside the row so a probe
  // compares it in the cache line it already loaded; the table is kept at most half full.
  let table = new Uint32Array(slots * 2);
  let mask = slots - 1;
  let size = 0;

  /** The row of `id`, or -1 - the free slot where it would go. */
  function probe(id: string, hash: number): number {
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot * 2 + 1]!;
      if (entry === EMPTY) return -1 - slot;
      if (table[slot * 2] === hash && ids[entry - 1] === id) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  function grow(): void {
    const next = new Uint32Array(table.length * 2);
    const nextMask = slots * 2 - 1;
    for (let i = 0; i < table.length; i += 2) {
      const entry = table[i + 1]!;
      if (entry === EMPTY) continue;
      const hash = table[i]!;
      let slot = hash & nextMask;
      while (next[slot * 2 + 1] !== EMPTY) slot = (slot + 1) & nextMask;
      next[slot * 2] = hash;
      next[slot * 2 + 1] = entry;
    }
    table = next;
    mask = nextMask;
    slots *= 2;
  }

  return {
    get size() {
      return size;
    },
    find(id) {
      const found = probe(id, hashId(id));
      return found >= 0 ? found : -1;
    },
    claim(id, row) {
      const hash = hashId(id);
      const found = probe(id, hash);
      if (found >= 0) return found;
      const slot = -1 - found;
      table[slot * 2] = hash;
      table[slot * 2 + 1] = row + 1;
      size += 1;
      if (size * 2 > slots) grow();
      return -1;
    },
  };
}
