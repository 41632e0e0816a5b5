import {
  compareIds,
  escalationDeadline,
  isOpen,
  isUnacknowledged,
  type Alert,
  type CheckpointKind,
  type Officer,
  type Severity,
  type SourceDatabase,
  urgencyRank,
} from '@watchfloor/shared';
import type { RowOrder } from './ordered-rows';

/**
 * What the alert queue shows and in which order: most severe first, then oldest first (the one waiting
 * longest is the most urgent). Pure, so the order is tested without a browser; `queue-index.ts` keeps the
 * rows in this order as alerts change.
 */
export type StatusFilter = 'open' | 'unacknowledged' | 'resolved' | 'all';

export interface QueueFilter {
  readonly status: StatusFilter;
  /** Empty means every severity. */
  readonly severities: readonly Severity[];
  readonly mine: boolean;
  /** Free text matched against the reference, checkpoint, country, source and summary. */
  readonly text: string;
  /** Empty means all; the map applies the same three on the GPU. */
  readonly sources: readonly SourceDatabase[];
  readonly countries: readonly string[];
  readonly kinds: readonly CheckpointKind[];
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = {
  status: 'open',
  severities: [],
  mine: false,
  text: '',
  sources: [],
  countries: [],
  kinds: [],
};

/** What the queue needs to know about checkpoints to filter by them. */
export interface CheckpointLookup {
  name(id: string): string;
  kind(id: string): CheckpointKind | undefined;
}

const BARE_LOOKUP: CheckpointLookup = { name: (id) => id, kind: () => undefined };

function matchesText(alert: Alert, text: string, checkpoints: CheckpointLookup): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return [alert.id, checkpoints.name(alert.hit.checkpointId), alert.hit.country, alert.hit.source, alert.hit.summary, alert.hit.recordOwner].some(
    (field) => field.toLowerCase().includes(needle),
  );
}

function within<T>(allowed: readonly T[], value: T | undefined): boolean {
  return allowed.length === 0 || (value !== undefined && allowed.includes(value));
}

export function matches(alert: Alert, filter: QueueFilter, officer: Officer, checkpoints: CheckpointLookup = BARE_LOOKUP): boolean {
  if (!matchesText(alert, filter.text, checkpoints)) return false;
  if (!within(filter.severities, alert.hit.severity)) return false;
  if (!within(filter.sources, alert.hit.source)) return false;
  if (!within(filter.countries, alert.hit.country)) return false;
  if (!within(filter.kinds, checkpoints.kind(alert.hit.checkpointId))) return false;
  if (filter.mine && alert.holder?.id !== officer.id) return false;
  switch (filter.status) {
    case 'open':
      return isOpen(alert);
    case 'unacknowledged':
      return isUnacknowledged(alert);
    case 'resolved':
      return !isOpen(alert);
    case 'all':
      return true;
  }
}

/** The queue's order: the shared urgency order, hits of the same millisecond by id. */
export const QUEUE_ORDER: RowOrder = {
  key: urgencyRank,
  tie: (a, b) => compareIds(a.id, b.id),
};

export type Urgency = 'calm' | 'soon' | 'urgent' | 'overdue';

/**
 * How close the alert is to the hub escalating it by itself: `soon` in the last half of the delay, `urgent`
 * in the last 30 seconds, `overdue` past the deadline (the hub will act on its next tick).
 */
export function urgencyOf(alert: Alert, now: number): { readonly urgency: Urgency; readonly remainingMs?: number } {
  const deadline = escalationDeadline(alert);
  if (deadline === undefined) return { urgency: 'calm' };
  const remainingMs = deadline.at - now;
  const total = deadline.at - (alert.holder === undefined ? alert.raisedAt : alert.updatedAt);
  if (remainingMs <= 0) return { urgency: 'overdue', remainingMs };
  if (remainingMs <= 30_000) return { urgency: 'urgent', remainingMs };
  if (remainingMs <= total / 2) return { urgency: 'soon', remainingMs };
  return { urgency: 'calm', remainingMs };
}
