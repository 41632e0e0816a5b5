import { grownArray, zeroedArray } from './grown-array';
import { createHashLevels } from './hash-levels';

/**
 * Which row of `HitColumns` holds an alert: the alert ids in row order, kept as characters in one typed
 * array, and an index over them in two levels, all in typed arrays.
 *
 * Why no `Map<string, number>` and no array of id strings: with a million hits held, a million small
 * strings and a Map over them make the garbage collector's marking, and every store of a new string into
 * an old array, cost in proportion to what is held, so an append got slower as the map filled (a Map also
 * costs ~2 µs per hit at that size). Here the ids are a few typed arrays, whatever their number, and an id
 * becomes a string again only when asked for (`idAt`: a click, a tooltip).
 *
 * Why two levels: with a million ids, any hash table over all of them is tens of megabytes, and in the
 * console's renderer that memory is cold whenever a live batch comes: 5,000 random probes of a 16 MB table
 * cost 2–8 ms there, of a 1 MB table 0.1–0.5 ms (measured in the map harness page, beside the software GPU).
 * So new ids go into a small open-addressing table (the young level, at most 1 MB), and when it is full
 * they move, sorted by hash, into the old level: sorted runs of doubling size (`HashLevels`), merged in
 * sequential passes the processor streams, where inserting into one big table would cost one cold cache
 * line per id. Each id is moved about log2(held / 65,536) times in all; a lookup reads one short bucket
 * per run. A live batch's ids come ordered by hash from the data plane and a probe starts at the slot of
 * the hash's top bits, so the batch walks the young table once from start to end, which the processor
 * prefetches, instead of 5,000 jumps to cold lines.
 *
 * Why `addNew`: a live batch's new hits are known to be new by the caller (the store's reducer has just
 * raised them), so they go into the young level without a lookup in the old one. Should such an id be held
 * after all (only a store out of step with the map), the merge finds it: the lower row keeps the id and
 * the other is reported to `onDuplicate`, as for a damaged cache.
 *
 * Why ids may wait to be indexed (`addUnindexed`): at start-up the cache hands over a million ids known to
 * be new, and the map can draw them before any is looked up. They are indexed afterwards, in slices
 * (`indexPending`), or at once by the first lookup.
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
   * Appends ids the caller knows are not held yet, each as a new row, without looking them up among the
   * rows held before the call (see the module comment). `rows[i]` receives the row of `ids[i]`; an id twice
   * in one batch gets one row.
   */
  addNew(ids: readonly string[], rows: Int32Array): void;
  /**
   * The same for ids already encoded (by the data-plane worker, see new-hits.ts), each as a new row from
   * `size` up in order: their characters are copied in one piece, their hashes are taken as given, and they
   * are indexed in `order`. An id the batch gives twice, or one still in the young level, keeps its first
   * row; the other is reported to `onDuplicate`.
   */
  addNewEncoded(ids: EncodedIds): void;
  /**
   * Appends `count` ids joined with '\n' as new rows without looking them up or indexing them: for ids
   * known to be new and distinct (the cache's chunks at start-up). They are indexed by `indexPending`, or
   * before the next lookup or claim.
   */
  addUnindexed(joined: string, count: number): void;
  /** Indexes up to `maxRows` rows added by `addUnindexed`; returns how many still wait. */
  indexPending(maxRows: number): number;
  /** The id of `row`, or undefined past the end. */
  idAt(row: number): string | undefined;
  readonly size: number;
}

/** Ids as characters: id i is `chars[ends[i - 1] .. ends[i])` (from 0 for the first), its `hashId` in `hashes[i]`. */
export interface EncodedIds {
  readonly count: number;
  readonly chars: Uint16Array;
  readonly ends: Uint32Array;
  readonly hashes: Uint32Array;
  /**
   * The ids' indices by ascending hash, ties in batch order (`hashOrder`): indexed in this order, a batch's
   * probes walk the young table from start to end instead of jumping about a megabyte at random.
   */
  readonly order: Uint32Array;
}

/** Largest batch `hashOrder` can order: its keys are hash * 2^21 + index, exact in a double. */
export const MAX_ORDERED_IDS = 1 << 21;

/** The indices of `hashes` by ascending hash, ties by index (see EncodedIds.order). */
export function hashOrder(hashes: Uint32Array): Uint32Array {
  const count = hashes.length;
  if (count > MAX_ORDERED_IDS) throw new RangeError(`${count} ids are more than one batch can order (${MAX_ORDERED_IDS})`);
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = hashes[i]! * MAX_ORDERED_IDS + i;
  keys.sort();
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = keys[k]! % MAX_ORDERED_IDS;
  return order;
}

export interface RowIndexOptions {
  readonly expectedRows?: number;
  /**
   * A row whose id a lower row already has (a damaged cache, or `addNew` given a held id). The lower row
   * keeps the id; reported when the two meet, which may be a later call.
   */
  readonly onDuplicate?: (row: number) => void;
  /** Ids the young level holds before they move to the old one (a power of two); small in tests. */
  readonly youngRows?: number;
}

const EMPTY = 0;
const MIN_YOUNG_SLOTS = 1024;
/** 65,536 ids: a 1 MB young table, kept at most half full. */
const YOUNG_ROWS = 1 << 16;
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
  const youngRows = Math.max(1, options.youngRows ?? YOUNG_ROWS);
  let size = 0;
  // Rows added by `addUnindexed` and not yet indexed: [pendingFrom, pendingTo).
  let pendingFrom = 0;
  let pendingTo = 0;
  // Row r's id is chars[starts[r] .. starts[r + 1]).
  let chars = zeroedArray(Uint16Array, Math.max(64, expectedRows * CHARS_PER_ROW));
  let starts = zeroedArray(Uint32Array, Math.max(64, expectedRows + 1));

  // Young level: per slot the id's hash, then row + 1 (EMPTY where free), at most half full. The hash sits
  // beside the row so a probe compares it in the cache line it already loaded.
  let youngSlots = MIN_YOUNG_SLOTS;
  while (youngSlots < Math.min(expectedRows, youngRows) * 2) youngSlots *= 2;
  let young = new Uint32Array(youngSlots * 2);
  let youngMask = youngSlots - 1;
  let youngShift = 32 - Math.log2(youngSlots);
  let youngCount = 0;

  // Old level: sorted runs of (hash, row), see HashLevels.
  const old = createHashLevels({ runRows: youngRows, sameRows, onDuplicate });
  // The id `find` compares old rows with (set before each lookup, so the comparison is one function).
  let probeText = '';
  let probeFrom = 0;
  let probeTo = 0;
  const matchesProbe = (row: number) => sameId(row, probeText, probeFrom, probeTo);

  // The young ids being moved, sorted by hash (radix sort, two arrays each way).
  let movingHashes = new Uint32Array(0);
  let movingRows = new Uint32Array(0);
  let sortedHashes = new Uint32Array(0);
  let sortedRows = new Uint32Array(0);
  const digitCounts = new Uint32Array(256);

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

  function sameRows(a: number, b: number): boolean {
    const startA = starts[a]!;
    const startB = starts[b]!;
    const length = starts[a + 1]! - startA;
    if (starts[b + 1]! - startB !== length) return false;
    for (let i = 0; i < length; i++) if (chars[startA + i] !== chars[startB + i]) return false;
    return true;
  }

  /** `hashId` of a row's stored id, read from the character store. */
  function hashRow(row: number): number {
    let hash = FNV_OFFSET;
    for (let i = starts[row]!; i < starts[row + 1]!; i++) hash = Math.imul(hash ^ chars[i]!, FNV_PRIME);
    return finalise(hash);
  }

  /**
   * Where the young level's probe for `hash` starts: its top bits, so ids taken in ascending hash order
   * (`addNewEncoded`) visit the table from start to end, whatever its size.
   */
  function homeSlot(hash: number): number {
    return hash >>> youngShift;
  }

  /** The young row of the id `text[from..to)`, or -1 - the free slot where it would go. */
  function probeYoung(text: string, from: number, to: number, hash: number): number {
    for (let slot = homeSlot(hash); ; slot = (slot + 1) & youngMask) {
      const entry = young[slot * 2 + 1]!;
      if (entry === EMPTY) return -1 - slot;
      if (young[slot * 2] === hash && sameId(entry - 1, text, from, to)) return entry - 1;
    }
  }

  /** The young slot holding the id of the stored row `row` under another row, or the free slot where it would go. */
  function youngSlotOfRow(row: number, hash: number): number {
    let slot = homeSlot(hash);
    for (let entry = young[slot * 2 + 1]!; entry !== EMPTY; entry = young[slot * 2 + 1]!) {
      if (young[slot * 2] === hash && sameRows(entry - 1, row)) return slot;
      slot = (slot + 1) & youngMask;
    }
    return slot;
  }

  /** The young row of the id `text[from..to)`, or -1. */
  function findYoung(text: string, from: number, to: number, hash: number): number {
    return Math.max(-1, probeYoung(text, from, to, hash));
  }

  /** The old row of the id `text[from..to)`, or -1. */
  function findOld(text: string, from: number, to: number, hash: number): number {
    if (old.size === 0) return -1;
    probeText = text;
    probeFrom = from;
    probeTo = to;
    return old.find(hash, matchesProbe);
  }

  /** Both levels; an id in both (not merged yet, see `onDuplicate`) is the lower row's. */
  function findRow(text: string, from: number, to: number, hash: number): number {
    const inYoung = findYoung(text, from, to, hash);
    const inOld = findOld(text, from, to, hash);
    return inYoung < 0 ? inOld : inOld < 0 ? inYoung : Math.min(inYoung, inOld);
  }

  /** Room for one more id in the young level: it grows up to its size, then moves to the old level. */
  function roomInYoung(): void {
    if (youngCount + 1 > youngRows) moveYoungToOld();
    else if ((youngCount + 1) * 2 > youngSlots) growYoung();
  }

  /** Records `row` under `hash` in the young level; the caller knows the young level lacks its id. */
  function insertYoung(hash: number, row: number): void {
    roomInYoung();
    let slot = homeSlot(hash);
    while (young[slot * 2 + 1] !== EMPTY) slot = (slot + 1) & youngMask;
    placeYoung(slot, hash, row);
  }

  function placeYoung(slot: number, hash: number, row: number): void {
    young[slot * 2] = hash;
    young[slot * 2 + 1] = row + 1;
    youngCount += 1;
  }

  function growYoung(): void {
    const previous = young;
    youngSlots *= 2;
    youngMask = youngSlots - 1;
    youngShift -= 1;
    young = new Uint32Array(youngSlots * 2);
    for (let i = 0; i < previous.length; i += 2) {
      const entry = previous[i + 1]!;
      if (entry === EMPTY) continue;
      let slot = homeSlot(previous[i]!);
      while (young[slot * 2 + 1] !== EMPTY) slot = (slot + 1) & youngMask;
      young[slot * 2] = previous[i]!;
      young[slot * 2 + 1] = entry;
    }
  }

  /** Sorts the young ids by hash and hands them to the old level, which merges them into its runs. */
  function moveYoungToOld(): void {
    const count = youngCount;
    if (count === 0) return;
    if (movingHashes.length < count) {
      movingHashes = new Uint32Array(count);
      movingRows = new Uint32Array(count);
      sortedHashes = new Uint32Array(count);
      sortedRows = new Uint32Array(count);
    }
    let n = 0;
    for (let i = 0; i < young.length; i += 2) {
      const entry = young[i + 1]!;
      if (entry === EMPTY) continue;
      movingHashes[n] = young[i]!;
      movingRows[n] = entry - 1;
      n += 1;
    }
    young.fill(EMPTY);
    youngCount = 0;
    sortByHash(count);
    old.addSorted(movingHashes, movingRows, count);
  }

  /** Least-significant-digit radix sort of the first `count` moving ids by hash, a byte at a time. */
  function sortByHash(count: number): void {
    for (let shift = 0; shift < 32; shift += 8) {
      digitCounts.fill(0);
      for (let i = 0; i < count; i++) digitCounts[(movingHashes[i]! >>> shift) & 255]! += 1;
      let total = 0;
      for (let digit = 0; digit < 256; digit++) {
        const c = digitCounts[digit]!;
        digitCounts[digit] = total;
        total += c;
      }
      for (let i = 0; i < count; i++) {
        const hash = movingHashes[i]!;
        const at = digitCounts[(hash >>> shift) & 255]!++;
        sortedHashes[at] = hash;
        sortedRows[at] = movingRows[i]!;
      }
      [movingHashes, sortedHashes] = [sortedHashes, movingHashes];
      [movingRows, sortedRows] = [sortedRows, movingRows];
    }
  }

  /** Room for `count` more rows and the batch's hashes. */
  function reserve(count: number): void {
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

  /** Room for `count` more characters of ids. */
  function reserveChars(count: number): void {
    const needed = starts[size]! + count;
    if (needed <= chars.length) return;
    chars = grownArray(chars, Math.max(needed, chars.length * 2), starts[size]!);
  }

  /** Appends `text[from..to)` as the id of a new row; returns the row. */
  function appendChars(text: string, from: number, to: number): number {
    reserveChars(to - from);
    const start = starts[size]!;
    for (let i = from; i < to; i++) chars[start + i - from] = text.charCodeAt(i);
    const row = size;
    size += 1;
    starts[size] = start + to - from;
    return row;
  }

  /** Appends `text[from..to)` as the id of a new row and indexes it in the young level. */
  function add(text: string, from: number, to: number, hash: number): number {
    const row = appendChars(text, from, to);
    insertYoung(hash, row);
    return row;
  }

  /** Indexes one row added by `addUnindexed`; a twin in the old level is found when the young level moves. */
  function indexRow(row: number): void {
    const hash = hashRow(row);
    const slot = youngSlotOfRow(row, hash);
    const entry = young[slot * 2 + 1]!;
    if (entry === EMPTY) {
      insertYoung(hash, row);
      return;
    }
    const kept = entry - 1;
    if (row < kept) young[slot * 2 + 1] = row + 1;
    onDuplicate(Math.max(row, kept));
  }

  function indexPending(maxRows: number): number {
    const end = Math.min(pendingTo, pendingFrom + maxRows);
    for (let row = pendingFrom; row < end; row++) indexRow(row);
    pendingFrom = end;
    return pendingTo - pendingFrom;
  }

  /** Lookups and claims see every row. */
  function catchUp(): void {
    if (pendingFrom < pendingTo) indexPending(pendingTo - pendingFrom);
  }

  /** Hashes every id of the batch, then finds or adds each; `source(i)` is the text holding id i. */
  function claimHashed(count: number, source: (i: number) => string, rows: Int32Array): void {
    for (let i = 0; i < count; i++) {
      const text = source(i);
      const from = froms[i]!;
      const to = tos[i]!;
      const hash = hashes[i]!;
      const found = findRow(text, from, to, hash);
      rows[i] = found >= 0 ? found : add(text, from, to, hash);
    }
  }

  return {
    get size() {
      return size;
    },
    find(id) {
      catchUp();
      return findRow(id, 0, id.length, hashId(id));
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
    addNew(ids, rows) {
      reserve(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const hash = hashId(id);
        roomInYoung();
        // The young level is small and warm: an id given twice (in this batch or a recent one) keeps its row.
        const found = probeYoung(id, 0, id.length, hash);
        if (found >= 0) {
          rows[i] = found;
        } else {
          rows[i] = appendChars(id, 0, id.length);
          placeYoung(-1 - found, hash, rows[i]!);
        }
      }
    },
    addNewEncoded(ids) {
      const { count, hashes: given, order } = ids;
      reserve(count);
      reserveChars(ids.chars.length);
      const first = size;
      const base = starts[first]!;
      chars.set(ids.chars, base);
      for (let i = 0; i < count; i++) starts[first + i + 1] = base + ids.ends[i]!;
      size += count;
      for (let k = 0; k < count; k++) {
        const i = order[k]!;
        const row = first + i;
        const hash = given[i]!;
        roomInYoung();
        const slot = youngSlotOfRow(row, hash);
        if (young[slot * 2 + 1] === EMPTY) placeYoung(slot, hash, row);
        else onDuplicate(row);
      }
    },
    addUnindexed(joined, count) {
      if (count === 0) return;
      // Pending rows are one run at the end; rows added since the last run are indexed, so index it first.
      if (pendingTo !== size) catchUp();
      if (pendingFrom === pendingTo) pendingFrom = size;
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
      pendingTo = size;
    },
    indexPending,
  };
}
