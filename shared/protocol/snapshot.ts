import { z } from 'zod';
import { Checkpoint, EpochMs, Hit, Operation } from '../domain/model';
import { raiseAlert, reduceAlert, type Alert } from '../alerts/lifecycle';
import { AlertAcknowledged, AlertAssigned, AlertEscalated, AlertNoted, AlertResolved } from './events';

/**
 * The operation picture as one officer may see it, valid at one log position, sent in pages to a console
 * that starts from nothing (see docs/protocol.md, "Snapshot"). It replaces replaying the log from its first
 * event; the log after the snapshot's `seq` follows as ordinary `events` batches.
 *
 * An alert travels as its hit and its history; status, holder, level, outcome and times follow from those
 * by the shared reducer, so a snapshot alert is the alert the log would have built, and a history the
 * reducer refuses makes the page unreadable.
 */

/** The most alerts one page carries. */
export const SNAPSHOT_PAGE_ALERTS = 5000;

/** An alert event as an alert's history holds it. */
const HistoryEvent = z.discriminatedUnion('type', [AlertAcknowledged, AlertEscalated, AlertResolved, AlertNoted, AlertAssigned]);

/** An alert: its hit, where and when the hub logged the hit (`seq`, `at`), and the alert events since. */
export const SnapshotAlert = z.object({
  hit: Hit,
  seq: z.int().positive(),
  at: EpochMs,
  /** In log order; absent when nothing happened to the alert since its hit. */
  events: z.array(HistoryEvent).min(1).optional(),
});
export type SnapshotAlert = z.infer<typeof SnapshotAlert>;

/** hub -> client `snapshot`: page `index` of `pages`. Operations and checkpoints come in the first page only. */
export const SnapshotPage = z
  .object({
    /** The log position the whole snapshot is valid at; every page carries the same. */
    seq: z.int().nonnegative(),
    /** When the hub logged the event at `seq` (0 with an empty log). */
    lastAt: EpochMs,
    index: z.int().nonnegative(),
    pages: z.int().positive(),
    /** Alerts in the whole snapshot, for progress. */
    total: z.int().nonnegative(),
    operations: z.array(Operation).max(10_000),
    checkpoints: z.array(Checkpoint).max(100_000),
    alerts: z.array(SnapshotAlert).max(SNAPSHOT_PAGE_ALERTS),
  })
  .refine((page) => page.index < page.pages, { message: 'index must be below pages', path: ['index'] })
  .refine((page) => page.index === 0 || (page.operations.length === 0 && page.checkpoints.length === 0), {
    message: 'only the first page carries operations and checkpoints',
    path: ['operations'],
  });
export type SnapshotPage = z.infer<typeof SnapshotPage>;

/** The snapshot's form of an alert. */
export function snapshotAlertOf(alert: Alert): SnapshotAlert {
  const raised = alert.history[0]!;
  const events = alert.history.slice(1) as SnapshotAlert['events'] & object;
  return { hit: alert.hit, seq: raised.seq, at: raised.at, ...(events.length === 0 ? {} : { events }) };
}

/** The alert a snapshot entry stands for, built by the shared reducer; a reason when it refuses the history. */
export function alertOfSnapshot(entry: SnapshotAlert): { readonly ok: true; readonly alert: Alert } | { readonly ok: false; readonly reason: string } {
  let alert = raiseAlert({ type: 'hit.raised', seq: entry.seq, at: entry.at, hit: entry.hit });
  for (const event of entry.events ?? []) {
    if (event.seq <= alert.history.at(-1)!.seq) return { ok: false, reason: `alert ${entry.hit.id}: its history is not in log order` };
    const next = reduceAlert(alert, event);
    if (!next.ok) return { ok: false, reason: `alert ${entry.hit.id}: ${next.reason}` };
    alert = next.alert;
  }
  return { ok: true, alert };
}

