import { grownArray } from './grown-array';

/**
 * Which row of `HitColumns` holds an alert: the alert ids in row order, kept as characters in one typed
 * array, and an open-addressing hash table in typed arrays that finds an id's row.
 *
 * Why no `Map<string, number>` and no array of id strings: with a million hits held, a million small
 * strings and a Map over them make the garbage collector's marking, and every store of a new string into
 * an old array, cost in proportion to what is held, so an append got slower as the map filled (a Map also
 * costs ~2 µs per hit at that size). Here the ids are a few typed arrays, whatever their number; a lookup of
 * an absent id is one hash over its characters and usually one cache line of the table; growth rehashes
 * from the stored 32-bit hashes. An id becomes a string again only when asked for (`idAt`: a click, a
 * tooltip).
 *
 * Why batches: with a million rows the table is tens of megabytes, so nearly every probe is a cache miss.
 * Hashing the batch first and then probing in a tight loop lets the processor have several of those misses
 * in flight at once, where probing between the column writes of each hit waited for them one by one.
 *
 * Why ids may wait to be indexed (`addUnindexed`): at start-up the cache hands over a million ids known to
 * be new, and the map can draw them before any is looked up. Filling the table then was a quarter of the
 * time to the first draw; it is done afterwards, in slices (`indexPending`), or at once by the first lookup.
 */
export interface RowIndex {
  /** The row held for `id`, or -1. */
  find(id: string): number;
  /**
   * Gives every id of the batch its row, in order: the row it already has, or the next new row (the new
   * ones are appended, so they are `size` before the call and up). `rows[i]` receives the row of `ids[i]`;
   * an id twice in one batch gets one row.
   */
  claimAll(ids: readonly string[], rows: Int32Array): void;
  /**
   * The same for `count` ids joined with '\n' in one string (as the cache stores a chunk's ids), without
   * splitting it into strings.
   */
  claimJoined(joined: string, count: number, rows: Int32Array): void;
  /**
   * Appends `count` ids joined with '\n' as new rows without looking them up or indexing them: for ids
   * known to be new and distinct (the cache's chunks at start-up). They are indexed by `indexPending`, or
   * before the next lookup or claim.
   */
  addUnindexed(joined: string, count: number): void;
  /**
   * Indexes up to `maxRows` rows added by `addUnindexed`; returns how many still wait. An id found again
   * (only a damaged cache holds one twice) keeps its first row; each later row is reported to `onDuplicate`.
   */
  indexPending(maxRows: number): number;
  /** The id of `row`, or undefined past the end. */
  idAt(row: number): string | undefined;
  readonly size: number;
}

export interface RowIndexOptions {
  readonly expectedRows?: number;
  /** A row whose id an earlier row already has; see `indexPending`. */
  readonly onDuplicate?: (row: number) => void;
}

const EMPTY = 0;
const MIN_SLOTS = 1024;
/** Characters reserved per expected row; the store doubles when ids run longer. */
const CHARS_PER_ROW = 12;

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so sequential ids ("hit-1", "hit-2") spread out. */
export function hashId(id: string): number {
  return hashRange(id, 0, id.length);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashRange(text: string, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return finalise(hash);
}

function finalise(fnv: number): number {
  let hash = fnv ^ (fnv >>> 16);
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function createRowIndex(options: RowIndexOptions = {}): RowIndex {
  const { expectedRows = 0, onDuplicate = () => undefined } = options;
  let size = 0;
  /** Rows below this are in the table; the others were added by `addUnindexed` and wait. */
  let indexed = 0;
  // Row r's id is chars[starts[r] .. starts[r + 1]).
  let chars = new Uint16Array(Math.max(64, expectedRows * CHARS_PER_ROW));
  let starts = new Uint32Array(Math.max(64, expectedRows + 1));
  let slots = MIN_SLOTS;
  while (slots < expectedRows * 2) slots *= 2;
  // Per slot: the id's hash, then row + 1 (EMPTY where free). The hash sits beside the row so a probe
  // compares it in the cache line it already loaded; the table is kept at most half full.
  let table = new Uint32Array(slots * 2);
  let mask = slots - 1;
  // Per id of the batch being claimed: its hash, and where it stands in its source text.
  let hashes = new Uint32Array(0);
  let froms = new Uint32Array(0);
  let tos = new Uint32Array(0);

  function sameId(row: number, text: string, from: number, to: number): boolean {
    const start = starts[row]!;
    if (starts[row + 1]! - start !== to - from) return false;
    for (let i = from; i < to; i++) if (chars[start + i - from] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** The row of the id `text[from..to)`, or -1 - the free slot where it would go. */
  function probe(text: string, from: number, to: number, hash: number): number {
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot * 2 + 1]!;
      if (entry === EMPTY) return -1 - slot;
      if (table[slot * 2] === hash && sameId(entry - 1, text, from, to)) return entry - 1;
      slot = (slot + 1) & mask;
    }
  }

  function growTable(): void {
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

  /** Room for `count` more rows (and the table at most half full), before any probe of the batch. */
  function reserve(count: number): void {
    while ((size + count) * 2 > slots) growTable();
    if (starts.length < size + count + 1) {
      starts = grownArray(starts, Math.max(size + count + 1, starts.length * 2), size + 1);
    }
    if (hashes.length < count) {
      const length = Math.max(count, hashes.length * 2);
      hashes = new Uint32Array(length);
      froms = new Uint32Array(length);
      tos = new Uint32Array(length);
    }
  }

  /** Appends `text[from..to)` as the id of a new row, recorded in `slot`. */
  function add(text: string, from: number, to: number, hash: number, slot: number): number {
    reserveChars(to - from);
    const start = starts[size]!;
    const end = start + to - from;
    for (let i = from; i < to; i++) chars[start + i - from] = text.charCodeAt(i);
    const row = size;
    size += 1;
    indexed = size;
    starts[size] = end;
    table[slot * 2] = hash;
    table[slot * 2 + 1] = row + 1;
    return row;
  }

  /** Room for `count` more characters of ids. */
  function reserveChars(count: number): void {
    const needed = starts[size]! + count;
    if (needed <= chars.length) return;
    chars = grownArray(chars, Math.max(needed, chars.length * 2), starts[size]!);
  }

  /** `hashId` of a row's stored id, read from the character store. */
  function hashRow(row: number): number {
    let hash = FNV_OFFSET;
    for (let i = starts[row]!; i < starts[row + 1]!; i++) hash = Math.imul(hash ^ chars[i]!, FNV_PRIME);
    return finalise(hash);
  }

  function sameRows(a: number, b: number): boolean {
    const startA = starts[a]!;
    const startB = starts[b]!;
    const length = starts[a + 1]! - startA;
    if (starts[b + 1]! - startB !== length) return false;
    for (let i = 0; i < length; i++) if (chars[startA + i] !== chars[startB + i]) return false;
    return true;
  }

  function indexPending(maxRows: number): number {
    const end = Math.min(size, indexed + maxRows);
    for (let row = indexed; row < end; row++) {
      const hash = hashRow(row);
      let slot = hash & mask;
      for (;;) {
        const entry = table[slot * 2 + 1]!;
        if (entry === EMPTY) {
          table[slot * 2] = hash;
          table[slot * 2 + 1] = row + 1;
          break;
        }
        if (table[slot * 2] === hash && sameRows(entry - 1, row)) {
          onDuplicate(row);
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    indexed = end;
    return size - indexed;
  }

  /** Lookups and claims see every row. */
  function catchUp(): void {
    if (indexed < size) indexPending(size - indexed);
  }

  /** Probes every id of the batch after all are hashed (see the module comment); `source(i)` is its text. */
  function claimHashed(count: number, source: (i: number) => string, rows: Int32Array): void {
    for (let i = 0; i < count; i++) {
      const text = source(i);
      const from = froms[i]!;
      const to = tos[i]!;
      const hash = hashes[i]!;
      const found = probe(text, from, to, hash);
      rows[i] = found >= 0 ? found : add(text, from, to, hash, -1 - found);
    }
  }

  return {
    get size() {
      return size;
    },
    find(id) {
      catchUp();
      const found = probe(id, 0, id.length, hashId(id));
      return found >= 0 ? found : -1;
    },
    idAt(row) {
      if (row < 0 || row >= size) return undefined;
      return String.fromCharCode(...chars.subarray(starts[row], starts[row + 1]));
    },
    claimAll(ids, rows) {
      catchUp();
      const count = ids.length;
      reserve(count);
      for (let i = 0; i < count; i++) {
        const id = ids[i]!;
        froms[i] = 0;
        tos[i] = id.length;
        hashes[i] = hashId(id);
      }
      claimHashed(count, (i) => ids[i]!, rows);
    },
    claimJoined(joined, count, rows) {
      catchUp();
      reserve(count);
      let from = 0;
      for (let i = 0; i < count; i++) {
        let to = joined.indexOf('\n', from);
        if (to === -1) to = joined.length;
        froms[i] = from;
        tos[i] = to;
        hashes[i] = hashRange(joined, from, to);
        from = to + 1;
      }
      claimHashed(count, () => joined, rows);
    },
    addUnindexed(joined, count) {
      if (count === 0) return;
      reserve(count);
      reserveChars(joined.length - count + 1);
      let at = starts[size]!;
      let row = size;
      for (let i = 0; i < joined.length; i++) {
        const code = joined.charCodeAt(i);
        if (code === 10) {
          row += 1;
          starts[row] = at;
        } else {
          chars[at++] = code;
        }
      }
      size = row + 1;
      starts[size] = at;
    },
    indexPending,
  };
}
