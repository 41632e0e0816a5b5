import { grownArray, zeroedArray } from './grown-array';

/**
 * The old level of `RowIndex`: (hash, row) pairs in sorted runs whose sizes double, as in a binary counter.
 * Run i holds up to `runRows << i` pairs, sorted by hash, with a directory by the hash's top bits so a lookup
 * reads one short bucket per run. A new run (the young level, sorted) is merged with runs 0, 1, ... while
 * they are taken, into the first free one; so each pair is moved about log2(held / runRows) times in all
 * (4 at a million held with runs of 65,536), each time in a sequential pass the processor streams, where a
 * hash table over everything would take one cold cache line per id. A lookup probes every run: at most
 * ~log2(held / runRows) + 1 of them.
 */
export interface HashLevels {
  /** The first row stored under `hash` for which `matches(row)`, or -1. */
  find(hash: number, matches: (row: number) => boolean): number;
  /**
   * Adds `count` pairs sorted by hash. The arrays are the caller's and are not kept. A pair whose id
   * (compared with `sameRows`) is already held keeps the lower of the two rows; the other is reported.
   */
  addSorted(hashes: Uint32Array, rows: Uint32Array, count: number): void;
  /** Pairs held. */
  readonly size: number;
}

export interface HashLevelsOptions {
  /** Pairs in run 0; run i holds up to `runRows << i`. */
  readonly runRows: number;
  /** Whether two rows hold the same id. */
  readonly sameRows: (a: number, b: number) => boolean;
  /** A row whose id a lower row already has. */
  readonly onDuplicate: (row: number) => void;
}

interface Run {
  hashes: Uint32Array;
  rows: Uint32Array;
  size: number;
  /** Bucket p is [directory[p], directory[p + 1]): the pairs whose hash's top bits are p. */
  readonly directory: Uint32Array;
  readonly shift: number;
}

/** Pairs per directory bucket, about: a bucket is then one or two cache lines of hashes. */
const BUCKET_PAIRS = 16;
const MAX_DIRECTORY_BITS = 16;

export function createHashLevels(options: HashLevelsOptions): HashLevels {
  const { runRows, sameRows, onDuplicate } = options;
  const runs: Run[] = [];
  // Merges between runs go through these (two, taking turns), sized up as the runs grow.
  const scratch = [
    { hashes: new Uint32Array(0), rows: new Uint32Array(0) },
    { hashes: new Uint32Array(0), rows: new Uint32Array(0) },
  ];

  function runAt(index: number): Run {
    let run = runs[index];
    if (run === undefined) {
      const capacity = runRows * 2 ** index;
      let bits = 1;
      while (bits < MAX_DIRECTORY_BITS && 2 ** bits * BUCKET_PAIRS < capacity) bits += 1;
      // Written with zeros now, so the merges that fill it do not pay a page fault per 4 KB (see zeroedArray).
      run = {
        hashes: zeroedArray(Uint32Array, capacity),
        rows: zeroedArray(Uint32Array, capacity),
        size: 0,
        directory: new Uint32Array(2 ** bits + 1),
        shift: 32 - bits,
      };
      runs[index] = run;
    }
    return run;
  }

  function scratchFor(which: 0 | 1, pairs: number): { hashes: Uint32Array; rows: Uint32Array } {
    const buffer = scratch[which]!;
    if (buffer.hashes.length < pairs) {
      const length = Math.max(pairs, buffer.hashes.length * 2);
      buffer.hashes = grownArray(buffer.hashes, length, 0);
      buffer.rows = grownArray(buffer.rows, length, 0);
    }
    return buffer;
  }

  /**
   * Of the pairs before `end` with `hash`, the one whose id is `row`'s, if any: it keeps the lower of the
   * two rows, and the other is reported. Pairs are unique within each input, so twins meet only here.
   */
  function keptTwin(hashes: Uint32Array, rows: Uint32Array, end: number, hash: number, row: number): boolean {
    for (let k = end - 1; k >= 0 && hashes[k] === hash; k--) {
      if (!sameRows(rows[k]!, row)) continue;
      const kept = rows[k]!;
      if (row < kept) rows[k] = row;
      onDuplicate(Math.max(row, kept));
      return true;
    }
    return false;
  }

  /** Merges two sorted inputs into `outHashes`/`outRows`; returns the pairs written. One tight pass. */
  function merge(
    aHashes: Uint32Array,
    aRows: Uint32Array,
    aSize: number,
    bHashes: Uint32Array,
    bRows: Uint32Array,
    bSize: number,
    outHashes: Uint32Array,
    outRows: Uint32Array,
  ): number {
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < aSize && j < bSize) {
      let hash: number;
      let row: number;
      if (aHashes[i]! <= bHashes[j]!) {
        hash = aHashes[i]!;
        row = aRows[i]!;
        i += 1;
      } else {
        hash = bHashes[j]!;
        row = bRows[j]!;
        j += 1;
      }
      if (k > 0 && outHashes[k - 1] === hash && keptTwin(outHashes, outRows, k, hash, row)) continue;
      outHashes[k] = hash;
      outRows[k] = row;
      k += 1;
    }
    // One input is spent; the rest of the other cannot meet a twin (its equal hashes came out above).
    const [restHashes, restRows, from, to] = i < aSize ? [aHashes, aRows, i, aSize] : [bHashes, bRows, j, bSize];
    for (let r = from; r < to; r++) {
      const hash = restHashes[r]!;
      const row = restRows[r]!;
      if (k > 0 && outHashes[k - 1] === hash && keptTwin(outHashes, outRows, k, hash, row)) continue;
      outHashes[k] = hash;
      outRows[k] = row;
      k += 1;
    }
    return k;
  }

  function buildDirectory(run: Run): void {
    const { hashes, directory, shift, size } = run;
    let k = 0;
    for (let prefix = 0; prefix < directory.length; prefix++) {
      while (k < size && hashes[k]! >>> shift < prefix) k += 1;
      directory[prefix] = k;
    }
  }

  return {
    get size() {
      return runs.reduce((sum, run) => sum + run.size, 0);
    },
    find(hash, matches) {
      for (const run of runs) {
        if (run.size === 0) continue;
        const prefix = hash >>> run.shift;
        const end = run.directory[prefix + 1]!;
        for (let k = run.directory[prefix]!; k < end; k++) {
          const stored = run.hashes[k]!;
          if (stored > hash) break;
          if (stored === hash && matches(run.rows[k]!)) return run.rows[k]!;
        }
      }
      return -1;
    },
    addSorted(hashes, rows, count) {
      if (count === 0) return;
      if (count > runRows) throw new Error(`hash levels: ${count} pairs at once, more than a run of ${runRows}`);
      // The first free run takes the new pairs merged with every run before it (all taken).
      let free = 0;
      while ((runs[free]?.size ?? 0) > 0) free += 1;
      const target = runAt(free);
      let carry = { hashes, rows, size: count };
      if (free === 0) {
        target.hashes.set(hashes.subarray(0, count));
        target.rows.set(rows.subarray(0, count));
      }
      for (let index = 0; index < free; index++) {
        const run = runs[index]!;
        const out = index === free - 1 ? target : scratchFor((index % 2) as 0 | 1, run.size + carry.size);
        const size = merge(run.hashes, run.rows, run.size, carry.hashes, carry.rows, carry.size, out.hashes, out.rows);
        run.size = 0;
        carry = { hashes: out.hashes, rows: out.rows, size };
      }
      target.size = carry.size;
      buildDirectory(target);
    },
  };
}
