import { isOpen, isUnacknowledged, type Alert, type Officer, type Severity } from '@watchfloor/shared';
import type { AlertView } from '../data/alert-view-sync';
import { createOrderedRows, type QueueRows, type RowOrder } from './ordered-rows';
import { QUEUE_ORDER, matches, type CheckpointLookup, type QueueFilter } from './queue-model';

/**
 * The queue's rows and counts kept up to date alert by alert: a batch costs the alerts it touched, not a
 * re-filter and re-sort of every alert held. A new filter or officer builds a new index.
 */
export interface QueueCounts {
  readonly open: number;
  readonly unacknowledged: number;
  readonly mine: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** When the hit of the oldest unacknowledged alert happened (epoch ms); undefined when none waits. */
  readonly oldestWaitingAt: number | undefined;
}

/** Unacknowledged alerts by hit time, oldest first: the first one is the longest waiting. */
const WAITING_ORDER: RowOrder = { key: (alert) => alert.hit.at, tie: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) };

/** What the queue shows; a new object whenever the rows or counts changed, so React can tell. */
export interface QueueView {
  readonly rows: QueueRows;
  readonly counts: QueueCounts;
}

export interface QueueIndex extends AlertView {
  view(): QueueView;
}

export function buildQueueIndex(alerts: Iterable<Alert>, filter: QueueFilter, officer: Officer, checkpoints: CheckpointLookup): QueueIndex {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const counts = { open: 0, unacknowledged: 0, mine: 0 };
  const waiting = createOrderedRows(WAITING_ORDER);
  const count = (alert: Alert, sign: 1 | -1) => {
    if (!isOpen(alert)) return;
    counts.open += sign;
    bySeverity[alert.hit.severity] += sign;
    if (isUnacknowledged(alert)) {
      counts.unacknowledged += sign;
      if (sign > 0) waiting.insert(alert);
      else waiting.remove(alert);
    }
    if (alert.holder?.id === officer.id) counts.mine += sign;
  };
  const shown: Alert[] = [];
  for (const alert of alerts) {
    count(alert, 1);
    if (matches(alert, filter, officer, checkpoints)) shown.push(alert);
  }
  const rows = createOrderedRows(QUEUE_ORDER, shown);
  let view: QueueView | undefined;

  return {
    view() {
      view ??= {
        rows: { length: rows.length, at: rows.at, indexOf: rows.indexOf },
        counts: { ...counts, bySeverity: { ...bySeverity }, oldestWaitingAt: waiting.length > 0 ? waiting.at(0).hit.at : undefined },
      };
      return view;
    },
    update(before, after) {
      if (before === after) return;
      view = undefined;
      if (before !== undefined) {
        count(before, -1);
        rows.remove(before);
      }
      if (after !== undefined) {
        count(after, 1);
        if (matches(after, filter, officer, checkpoints)) rows.insert(after);
      }
    },
  };
}
