import type { Alert } from '@watchfloor/shared';

/**
 * The queue's rows in order, kept sorted as alerts come and go: runs of at most `2 * RUN` rows, so an
 * insertion or removal moves one run's worth of rows, not the whole queue, and a row by position is found
 * by a binary search over the runs' starts (recomputed only after a change).
 */
export interface QueueRows {
  readonly length: number;
  /** The row at `index`, 0 ≤ index < length. */
  at(index: number): Alert;
  /** The position of this alert's row (found by its order, as it was given), or -1. */
  indexOf(alert: Alert): number;
}

export interface OrderedRows extends QueueRows {
  insert(alert: Alert): void;
  /** Removes the row of this alert (found by its order, so `alert` must sort where the row does). */
  remove(alert: Alert): boolean;
}

const RUN = 512;

export function createOrderedRows(compare: (a: Alert, b: Alert) => number, sorted: readonly Alert[] = []): OrderedRows {
  const runs: Alert[][] = [];
  for (let start = 0; start < sorted.length; start += RUN) runs.push(sorted.slice(start, start + RUN));
  let length = sorted.length;
  /** starts[i]: position of runs[i][0]; undefined after a change until the next read by position. */
  let starts: number[] | undefined;

  /** The first run whose last row is not before `alert`, or the last run. */
  function runFor(alert: Alert): number {
    let low = 0;
    let high = runs.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(runs[mid]!.at(-1)!, alert) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The first position in `run` whose row is not before `alert`. */
  function positionIn(run: readonly Alert[], alert: Alert): number {
    let low = 0;
    let high = run.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(run[mid]!, alert) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function find(alert: Alert): { run: number; position: number } | undefined {
    if (runs.length === 0) return undefined;
    const run = runFor(alert);
    const position = positionIn(runs[run]!, alert);
    const row = runs[run]![position];
    return row !== undefined && compare(row, alert) === 0 ? { run, position } : undefined;
  }

  function runStarts(): number[] {
    if (starts === undefined) {
      starts = new Array<number>(runs.length);
      let start = 0;
      for (let i = 0; i < runs.length; i++) {
        starts[i] = start;
        start += runs[i]!.length;
      }
    }
    return starts;
  }

  return {
    get length() {
      return length;
    },
    at(index) {
      const first = runStarts();
      let low = 0;
      let high = first.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >>> 1;
        if (first[mid]! <= index) low = mid;
        else high = mid - 1;
      }
      const row = runs[low]?.[index - first[low]!];
      if (row === undefined) throw new RangeError(`no row ${index} of ${length}`);
      return row;
    },
    indexOf(alert) {
      const found = find(alert);
      return found === undefined ? -1 : runStarts()[found.run]! + found.position;
    },
    insert(alert) {
      starts = undefined;
      length += 1;
      if (runs.length === 0) {
        runs.push([alert]);
        return;
      }
      const index = runFor(alert);
      const run = runs[index]!;
      run.splice(positionIn(run, alert), 0, alert);
      if (run.length > 2 * RUN) runs.splice(index + 1, 0, run.splice(RUN));
    },
    remove(alert) {
      const found = find(alert);
      if (found === undefined) return false;
      starts = undefined;
      length -= 1;
      const run = runs[found.run]!;
      run.splice(found.position, 1);
      if (run.length === 0) runs.splice(found.run, 1);
      return true;
    },
  };
}
