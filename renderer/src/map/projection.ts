import { alertIdOf, type Alert, type AlertStatus, type OpsEvent } from '@watchfloor/shared';
import type { HitColumns } from './hit-columns';

/**
 * The map as a projection of the picture on screen: live, every row shows its alert's live status; in the
 * past (replay, a paused live view) at time T, every row shows its alert's status at T, and the rows of
 * alerts not yet raised at T are hidden. Colours, the tooltip's status and the status filters all read the
 * row's category, so they follow.
 *
 * Cost follows what changes, never what is held: moving from one moment to another restyles only the rows of
 * alerts that events between the two moments touched (the replay log lists them); going back to live
 * restyles only the rows that differ from live. While the past is shown, a live batch appends its new rows
 * hidden and leaves the statuses of held rows as they were at T; both wait for the return to live.
 */
export interface MapProjection {
  readonly hits: HitColumns;
  /** The moment shown, or undefined when live. */
  readonly pastAt: number | undefined;
  /** Changes whenever `showPast` or `showLive` moved the picture shown, so the map knows to upload. */
  readonly revision: number;
  /** A live batch: the alerts the store has just raised, and those whose status it has just changed. */
  applyLive(raised: readonly Alert[], updated: readonly Alert[]): void;
  /** Shows the picture at `at`: `alerts` are the alerts at that moment, `log` the operation's log. */
  showPast(at: number, alerts: ReadonlyMap<string, Alert>, log: PastLog): void;
  /** Shows the live picture again; `alerts` are the live alerts. */
  showLive(alerts: ReadonlyMap<string, Alert>): void;
}

/** The operation's log, as the replay index holds it. */
export interface PastLog {
  /** Events recorded in `[from, to]` (times), in seq order. */
  eventsBetween(from: number, to: number): readonly OpsEvent[];
}

export function createMapProjection(hits: HitColumns): MapProjection {
  let pastAt: number | undefined;
  let revision = 0;
  /** Alerts whose row may show other than the live status (their status at `pastAt`, or hidden). */
  let differs = new Set<string>();

  function show(alertId: string, status: AlertStatus | undefined): void {
    hits.setStatus(alertId, status);
  }

  return {
    hits,
    get pastAt() {
      return pastAt;
    },
    get revision() {
      return revision;
    },
    applyLive(raised, updated) {
      if (pastAt === undefined) {
        hits.append(raised);
        hits.append(updated);
        return;
      }
      // Raised after T: not on the map at T. Changed after T: still as at T. Both differ from live.
      hits.append(raised);
      for (const alert of raised) {
        show(alert.id, undefined);
        differs.add(alert.id);
      }
      for (const alert of updated) differs.add(alert.id);
    },
    showPast(at, alerts, log) {
      if (at === pastAt) return;
      // Events between the moment shown and `at`: from live, every event after `at`.
      const events = pastAt === undefined ? log.eventsBetween(at, Number.POSITIVE_INFINITY) : log.eventsBetween(Math.min(at, pastAt), Math.max(at, pastAt));
      pastAt = at;
      revision += 1;
      for (const event of events) {
        const alertId = alertIdOf(event);
        if (alertId === undefined) continue;
        show(alertId, alerts.get(alertId)?.status);
        differs.add(alertId);
      }
    },
    showLive(alerts) {
      if (pastAt === undefined) return;
      pastAt = undefined;
      revision += 1;
      for (const alertId of differs) show(alertId, alerts.get(alertId)?.status);
      differs = new Set();
    },
  };
}
