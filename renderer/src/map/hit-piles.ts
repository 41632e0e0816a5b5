import { HIDDEN_KEY } from './categories';
import type { GpuColumns } from './hit-buffers';
import type { HitColumns } from './hit-columns';
import { grownArray, zeroedArray } from './grown-array';

/**
 * Hits drawn as piles: the hits at one place that look alike (same severity and status, source, checkpoint
 * kind and country, so the same filters select them) are one pile, drawn once as its newest hit. Hits stack
 * on their checkpoint's position, so a picture of a million hits is a few thousand distinct dots; drawing a
 * dot per hit would paint the same dot up to a million times per frame. With piles a frame costs what the
 * map shows, not what is held. The picture is the same as the hits': at each place the newest hit of each
 * look is on top, at its own time's strength, and pointing at a pile points at that hit.
 *
 * Piles are rows laid out as `HitColumns` rows (the same GPU bindings). They follow the hit rows: rows added
 * since the last call and rows rewritten (a status changed), each moved from its old pile to its new one,
 * so the work follows what changed. A pile left without hits is hidden, never removed: rows never move.
 * A pile's newest hit is the top of a max-heap of its rows; rows that left are dropped when they reach the
 * top, so each costs O(log n) once.
 */
export interface HitPiles extends GpuColumns {
  /** Brings the piles up to date with the hit rows added since the last call and the given rewritten rows. */
  follow(rewritten: readonly number[]): void;
  /** The hit row a pile row is drawn as (its newest hit); undefined for a hidden pile or no such row. */
  hitRowAt(pileRow: number): number | undefined;
  /**
   * Whether the time range [start, end] (seconds, as `times`) holds every hit the piles show: then the piles
   * draw the whole picture. Live, the range runs from the earliest hit to past now; looking at the past, it
   * runs to the moment shown, and hits raised after that moment are hidden rows, in no pile.
   */
  within(start: number, end: number): boolean;
  /** Pile rows rewritten since the last call, each once, for upload. */
  takeRewrittenRows(): readonly number[];
}

const INITIAL_CAPACITY = 1_024;
const NO_PILE = -1;

export function createHitPiles(hits: HitColumns): HitPiles {
  let capacity = INITIAL_CAPACITY;
  let length = 0;
  let generation = 0;
  let positions = zeroedArray(Float32Array, capacity * 2);
  let times = zeroedArray(Float32Array, capacity);
  let categories = zeroedArray(Uint8Array, capacity * 4);
  let fillColors = zeroedArray(Uint8Array, capacity * 4);
  let lineColors = zeroedArray(Uint8Array, capacity * 4);
  let radii = zeroedArray(Float32Array, capacity);
  let lineWidths = zeroedArray(Float32Array, capacity);

  /** Per pile: its hit rows as a max-heap (rows that left included, until they reach the top), its count, its categories. */
  const heaps: number[][] = [];
  const counts: number[] = [];
  const channel0: number[] = [];
  const pileOfKey = new Map<string, number>();
  /** Per hit row, its pile plus one (0: none). */
  let pileOfRow = new Int32Array(0);
  let followed = 0;
  let earliest = Number.POSITIVE_INFINITY;
  let rewritten = new Set<number>();

  const pileOf = (row: number) => pileOfRow[row]! - 1;

  let words: { source: ArrayBufferLike; positions: Uint32Array; categories: Uint32Array } | undefined;

  /** The hit rows' position and categories as 32-bit words, a pile's key; fetched again when the columns grow. */
  function hitWords(): { positions: Uint32Array; categories: Uint32Array } {
    if (words?.source !== hits.positions.buffer) {
      words = { source: hits.positions.buffer, positions: new Uint32Array(hits.positions.buffer), categories: new Uint32Array(hits.categories.buffer) };
    }
    return words;
  }

  function ensurePileCapacity(): void {
    if (length < capacity) return;
    const next = capacity * 2;
    positions = grownArray(positions, next * 2, length * 2);
    times = grownArray(times, next, length);
    categories = grownArray(categories, next * 4, length * 4);
    fillColors = grownArray(fillColors, next * 4, length * 4);
    lineColors = grownArray(lineColors, next * 4, length * 4);
    radii = grownArray(radii, next, length);
    lineWidths = grownArray(lineWidths, next, length);
    capacity = next;
    generation += 1;
  }

  /** The pile for hit row `row` as it now looks, made (hidden, empty) from that row when it is the first. */
  function pileFor(row: number): number {
    const words = hitWords();
    const key = `${words.positions[row * 2]}:${words.positions[row * 2 + 1]}:${words.categories[row]}`;
    let pile = pileOfKey.get(key);
    if (pile !== undefined) return pile;
    ensurePileCapacity();
    pile = length++;
    const c = row * 4;
    positions[pile * 2] = hits.positions[row * 2]!;
    positions[pile * 2 + 1] = hits.positions[row * 2 + 1]!;
    categories.set(hits.categories.subarray(c, c + 4), pile * 4);
    channel0.push(categories[pile * 4]!);
    categories[pile * 4] = HIDDEN_KEY;
    fillColors.set(hits.fillColors.subarray(c, c + 4), pile * 4);
    lineColors.set(hits.lineColors.subarray(c, c + 4), pile * 4);
    radii[pile] = hits.radii[row]!;
    lineWidths[pile] = hits.lineWidths[row]!;
    heaps.push([]);
    counts.push(0);
    pileOfKey.set(key, pile);
    return pile;
  }

  /** Drops rows that left the pile off the heap's top, then draws the pile as its newest hit, or hides it. */
  function refresh(pile: number): void {
    const heap = heaps[pile]!;
    while (heap.length > 0 && pileOf(heap[0]!) !== pile) popTop(heap);
    const shown = counts[pile]! > 0 ? channel0[pile]! : HIDDEN_KEY;
    const time = heap.length > 0 ? hits.times[heap[0]!]! : times[pile]!;
    if (categories[pile * 4] === shown && times[pile] === time) return;
    categories[pile * 4] = shown;
    times[pile] = time;
    rewritten.add(pile);
  }

  /** Moves hit row `row` to the pile it now belongs to (none when hidden). */
  function place(row: number): void {
    const from = pileOf(row);
    const to = hits.categories[row * 4] === HIDDEN_KEY ? NO_PILE : pileFor(row);
    if (from === to) return;
    pileOfRow[row] = to + 1;
    if (from !== NO_PILE) {
      counts[from]! -= 1;
      refresh(from);
    }
    if (to !== NO_PILE) {
      counts[to]! += 1;
      pushRow(heaps[to]!, row);
      refresh(to);
    }
  }

  function follow(rewrittenRows: readonly number[]): void {
    for (const row of rewrittenRows) if (row < followed) place(row);
    if (pileOfRow.length < hits.length) pileOfRow = grownArray(pileOfRow, hits.capacity, followed);
    for (let row = followed; row < hits.length; row++) {
      earliest = Math.min(earliest, hits.times[row]!);
      place(row);
    }
    followed = hits.length;
  }

  return {
    get length() {
      return length;
    },
    get capacity() {
      return capacity;
    },
    get generation() {
      return generation;
    },
    get positions() {
      return positions;
    },
    get times() {
      return times;
    },
    get categories() {
      return categories;
    },
    get fillColors() {
      return fillColors;
    },
    get lineColors() {
      return lineColors;
    },
    get radii() {
      return radii;
    },
    get lineWidths() {
      return lineWidths;
    },
    follow,
    hitRowAt(pileRow) {
      if (pileRow < 0 || pileRow >= length || counts[pileRow] === 0) return undefined;
      return heaps[pileRow]![0];
    },
    within(start, end) {
      // Compared in float32, as the GPU compares a row's time with the range; a pile's time is its newest hit's.
      if (Math.fround(start) > earliest) return false;
      const last = Math.fround(end);
      for (let pile = 0; pile < length; pile++) if (categories[pile * 4] !== HIDDEN_KEY && times[pile]! > last) return false;
      return true;
    },
    takeRewrittenRows() {
      if (rewritten.size === 0) return [];
      const taken = [...rewritten];
      rewritten = new Set();
      return taken;
    },
  };
}

function pushRow(heap: number[], row: number): void {
  let at = heap.push(row) - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (heap[parent]! >= row) break;
    heap[at] = heap[parent]!;
    at = parent;
  }
  heap[at] = row;
}

function popTop(heap: number[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let at = 0;
  for (;;) {
    const left = at * 2 + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]! > heap[left]! ? right : left;
    if (heap[child]! <= last) break;
    heap[at] = heap[child]!;
    at = child;
  }
  heap[at] = last;
}
