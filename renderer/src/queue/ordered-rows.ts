import type { Alert } from '@watchfloor/shared';

/**
 * The queue's rows in order, kept sorted as alerts come and go: runs of at most `2 * RUN` rows, so an
 * insertion or removal moves one run's worth of rows, not the whole queue, and a row by position is found
 * by a binary search over the runs' starts (recomputed only after a change). Each row's sort key is kept
 * beside it and each run's last key in one flat array, so finding where a row goes compares numbers held
 * together in memory instead of reaching into alerts scattered over a heap of a million.
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

/** An order of rows: by `key` ascending, then by `tie` among rows of equal key. */
export interface RowOrder {
  key(alert: Alert): number;
  tie(a: Alert, b: Alert): number;
}

const RUN = 512;

export function createOrderedRows(order: RowOrder, rows: Iterable<Alert> = []): OrderedRows {
  const runs: Alert[][] = [];
  /** keys[i][j]: the key of runs[i][j]. */
  const keys: number[][] = [];
  /** lastKeys[i]: the key of the last row of runs[i]. */
  const lastKeys: number[] = [];
  let length = 0;
  for (const [run, runKeys] of sortedRuns(order, [...rows])) {
    runs.push(run);
    keys.push(runKeys);
    lastKeys.push(runKeys.at(-1)!);
    length += run.length;
  }
  /** starts[i]: position of runs[i][0]; undefined after a change until the next read by position. */
  let starts: number[] | undefined;

  /** The first run whose last row is not before (`key`, `alert`), or the last run. */
  function runFor(key: number, alert: Alert): number {
    let low = 0;
    let high = runs.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const last = lastKeys[mid]!;
      if (last < key || (last === key && order.tie(runs[mid]!.at(-1)!, alert) < 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The first position in run `index` whose row is not before (`key`, `alert`). */
  function positionIn(index: number, key: number, alert: Alert): number {
    const runKeys = keys[index]!;
    let low = 0;
    let high = runKeys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = runKeys[mid]!;
      if (at < key || (at === key && order.tie(runs[index]![mid]!, alert) < 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function find(alert: Alert): { run: number; position: number } | undefined {
    if (runs.length === 0) return undefined;
    const key = order.key(alert);
    const run = runFor(key, alert);
    const position = positionIn(run, key, alert);
    const row = runs[run]![position];
    return row !== undefined && keys[run]![position] === key && order.tie(row, alert) === 0 ? { run, position } : undefined;
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
      const key = order.key(alert);
      if (runs.length === 0) {
        runs.push([alert]);
        keys.push([key]);
        lastKeys.push(key);
        return;
      }
      const index = runFor(key, alert);
      const run = runs[index]!;
      const runKeys = keys[index]!;
      const position = positionIn(index, key, alert);
      run.splice(position, 0, alert);
      runKeys.splice(position, 0, key);
      if (run.length > 2 * RUN) {
        runs.splice(index + 1, 0, run.splice(RUN));
        keys.splice(index + 1, 0, runKeys.splice(RUN));
        lastKeys.splice(index + 1, 0, keys[index + 1]!.at(-1)!);
      }
      lastKeys[index] = runKeys.at(-1)!;
    },
    remove(alert) {
      const found = find(alert);
      if (found === undefined) return false;
      starts = undefined;
      length -= 1;
      const run = runs[found.run]!;
      const runKeys = keys[found.run]!;
      run.splice(found.position, 1);
      runKeys.splice(found.position, 1);
      if (run.length === 0) {
        runs.splice(found.run, 1);
        keys.splice(found.run, 1);
        lastKeys.splice(found.run, 1);
      } else lastKeys[found.run] = runKeys.at(-1)!;
      return true;
    },
  };
}

/** `rows` sorted by `order`, cut into runs of `RUN` rows with their keys; each key is computed once. */
function sortedRuns(order: RowOrder, rows: readonly Alert[]): [Alert[], number[]][] {
  const rowKeys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) rowKeys[i] = order.key(rows[i]!);
  const sorted = Uint32Array.from({ length: rows.length }, (_, i) => i).sort((a, b) => rowKeys[a]! - rowKeys[b]! || order.tie(rows[a]!, rows[b]!));
  const runs: [Alert[], number[]][] = [];
  for (let start = 0; start < sorted.length; start += RUN) {
    const slice = sorted.subarray(start, start + RUN);
    runs.push([Array.from(slice, (i) => rows[i]!), Array.from(slice, (i) => rowKeys[i]!)]);
  }
  return runs;
}
