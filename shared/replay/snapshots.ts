import type { Checkpoint, Operation } from '../domain/model';
import { EMPTY_OPS_STATE, foldEventsInPlace, type OpsState, type RefusedEvent } from '../ops/state';
import type { Alert } from '../alerts/lifecycle';
import type { OpsEvent } from '../protocol/events';
import { AlertTable } from './alert-table';

/**
 * The whole picture of an operation at any moment: the nearest snapshot at or before it, then the shared
 * reducer folds the few events after it. Seek cost is bounded by the snapshot spacing, not by the length
 * of the operation.
 *
 * Snapshots are taken every `snapshotEvery` events rather than every N minutes: the fold after a snapshot
 * costs per event, and a burst of hits would make a time-based spacing slow exactly when the shift lead
 * looks at it. Their number grows with the log (1,000,000 events / 4,096 = 245), which is affordable only
 * because snapshots share structure: the alerts live in an `AlertTable` whose versions share all the chunks
 * nobody wrote to, so a snapshot costs one pointer per 1,024 alerts plus the few chunks written since the
 * previous one. A full copy of a million-entry alerts Map per snapshot would need hundreds of them in memory
 * (gigabytes); a handful of full copies would make every seek fold up to 100,000+ events instead. Operations
 * and checkpoints are few (one operation, hundreds of checkpoints) and are copied whole per snapshot.
 */
export interface ReplayIndex {
  /** Events held, ascending by seq; the log the index answers from. */
  readonly eventCount: number;
  /** Seq of the last event held; 0 before any. */
  readonly lastSeq: number;
  /** Time of the first and last event held; undefined before any. */
  readonly span: { readonly from: number; readonly to: number } | undefined;
  readonly snapshotCount: number;
  /**
   * Adds events that continue the log (a running operation, a live timeshift still recording, a range
   * fetched from the hub). Events at or below `lastSeq` are skipped as already held, so overlapping pages
   * are harmless; events the reducer refuses are held (they are part of the log) and reported.
   */
  append(events: Iterable<OpsEvent>): AppendResult;
  /** The picture after every event with seq <= `seq`. */
  stateAtSeq(seq: number): OpsState;
  /** The picture at `time`: after every event recorded at or before it. */
  stateAt(time: number): OpsState;
  /** Seq of the last event recorded at or before `time`; 0 if none. */
  seqAt(time: number): number;
  /** The time of the nearest event strictly before or after `time`, for stepping; undefined at either end. */
  adjacentEventTime(time: number, direction: StepDirection): number | undefined;
  /** Events recorded in `[from, to]`, in seq order, for markers and exports of a range. */
  eventsBetween(from: number, to: number): readonly OpsEvent[];
}

export type StepDirection = 'previous' | 'next';

export interface AppendResult {
  readonly appended: number;
  readonly skipped: number;
  readonly refused: readonly RefusedEvent[];
}

export interface ReplayIndexOptions {
  /** Events between snapshots: smaller seeks faster and costs more memory. */
  readonly snapshotEvery?: number;
  /**
   * An alert equal to `alert` for the index to keep instead of its own fold of it, such as the live
   * picture's object for the same version, so the two share memory; `alert` itself when there is none.
   */
  readonly canonical?: (alert: Alert) => Alert;
}

export const DEFAULT_SNAPSHOT_EVERY = 4096;

interface Snapshot {
  /** How many events of the log it has folded. */
  readonly count: number;
  readonly state: OpsState;
  readonly alerts: AlertTable;
}

/**
 * Builds an index over a log that will grow by `append`. Each state it returns is the caller's own: it may
 * be read at leisure and folded forward in place with later events of the same log (`foldEventsInPlace`),
 * and nothing the caller does to it reaches the index or another state.
 */
export function createReplayIndex(options: ReplayIndexOptions = {}): ReplayIndex {
  const every = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  const canonical = options.canonical;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`snapshotEvery must be a positive integer, got ${every}`);

  const events: OpsEvent[] = [];
  /**
   * Latest `at` among the first i+1 events. The hub stamps `at` as it appends, so it rises with seq; the
   * running maximum keeps the binary search sound even if clocks of several hub nodes disagree slightly.
   */
  const reachedAt: number[] = [];
  const headAlerts = AlertTable.empty();
  let head: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: headAlerts };
  const snapshots: Snapshot[] = [];
  takeSnapshot();

  /** Number of events with `at` <= time (or < time): the log prefix that is the picture at `time`. */
  function countAt(time: number, inclusive = true): number {
    let low = 0;
    let high = reachedAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = reachedAt[mid]!;
      if (at < time || (inclusive && at === time)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Number of events with seq <= `seq`. */
  function countThroughSeq(seq: number): number {
    let low = 0;
    let high = events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (events[mid]!.seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function stateAfter(count: number): OpsState {
    const snapshot = snapshots[Math.min(Math.floor(count / every), snapshots.length - 1)]!;
    const base = snapshot.state;
    const draft: OpsState = {
      lastSeq: base.lastSeq,
      lastAt: base.lastAt,
      operations: new Map(base.operations),
      checkpoints: new Map(base.checkpoints),
      alerts: snapshot.alerts.draft(),
    };
    // In place is safe: every map of `draft` is a fresh copy or a copy-on-write draft owned by this call.
    return foldEventsInPlace(draft, events.slice(snapshot.count, count)).state;
  }

  function takeSnapshot(): void {
    const alerts = headAlerts.freeze();
    snapshots.push({
      count: events.length,
      alerts,
      state: {
        lastSeq: head.lastSeq,
        lastAt: head.lastAt,
        operations: new Map<string, Operation>(head.operations),
        checkpoints: new Map<string, Checkpoint>(head.checkpoints),
        alerts,
      },
    });
  }

  return {
    get eventCount() {
      return events.length;
    },
    get lastSeq() {
      return events.at(-1)?.seq ?? 0;
    },
    get span() {
      const first = events[0];
      return first === undefined ? undefined : { from: first.at, to: reachedAt.at(-1)! };
    },
    get snapshotCount() {
      return snapshots.length;
    },

    append(incoming) {
      const refused: RefusedEvent[] = [];
      let appended = 0;
      let skipped = 0;
      let batch: OpsEvent[] = [];
      const changed: string[] = [];
      const observe = canonical && ((_: Alert | undefined, after: Alert) => void changed.push(after.id));
      const foldBatch = () => {
        const result = foldEventsInPlace(head, batch, observe);
        head = result.state;
        refused.push(...result.refused);
        batch = [];
        for (const id of changed.splice(0)) {
          const folded = headAlerts.get(id)!;
          const kept = canonical!(folded);
          if (kept !== folded) headAlerts.set(id, kept);
        }
      };
      for (const event of incoming) {
        if (event.seq <= (events.at(-1)?.seq ?? 0)) {
          skipped += 1;
          continue;
        }
        events.push(event);
        reachedAt.push(Math.max(event.at, reachedAt.at(-1) ?? event.at));
        batch.push(event);
        appended += 1;
        if (events.length % every === 0) {
          foldBatch();
          takeSnapshot();
        }
      }
      foldBatch();
      return { appended, skipped, refused };
    },

    stateAtSeq(seq) {
      return stateAfter(countThroughSeq(seq));
    },

    stateAt(time) {
      return stateAfter(countAt(time));
    },

    seqAt(time) {
      const count = countAt(time);
      return count === 0 ? 0 : events[count - 1]!.seq;
    },

    adjacentEventTime(time, direction) {
      if (direction === 'next') return reachedAt[countAt(time)];
      const before = countAt(time, false);
      return before === 0 ? undefined : reachedAt[before - 1];
    },

    eventsBetween(from, to) {
      return events.slice(countAt(from, false), countAt(to));
    },
  };
}
