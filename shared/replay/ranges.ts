/**
 * Time ranges held locally (the cache, what the replay index has folded). Kept sorted and merged, so the
 * timeline bar draws one band per range and the player asks "is everything from the start to T here?"
 * with a short walk.
 */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** `ranges` with `range` added: sorted by start, overlapping or touching ranges merged. */
export function addRange(ranges: readonly TimeRange[], range: TimeRange): TimeRange[] {
  if (!(range.from <= range.to)) return [...ranges];
  const merged: TimeRange[] = [];
  let pending = range;
  let placed = false;
  for (const current of ranges) {
    if (current.to < pending.from) merged.push(current);
    else if (pending.to < current.from) {
      if (!placed) merged.push(pending);
      placed = true;
      merged.push(current);
    } else pending = { from: Math.min(current.from, pending.from), to: Math.max(current.to, pending.to) };
  }
  if (!placed) merged.push(pending);
  return merged;
}

/** The end of the unbroken coverage that contains `from`; undefined when `from` itself is not held. */
export function coveredThrough(ranges: readonly TimeRange[], from: number): number | undefined {
  for (const range of ranges) if (range.from <= from && from <= range.to) return range.to;
  return undefined;
}

/** Whether every moment of `[from, to]` is held. */
export function covers(ranges: readonly TimeRange[], from: number, to: number): boolean {
  const through = coveredThrough(ranges, from);
  return through !== undefined && through >= to;
}
