import type { Alert, Command } from '@watchfloor/shared';

/**
 * The alerts as the officer will see them once the hub confirms the commands still pending: the confirmed
 * alerts with each pending command projected onto its alert, in the order given. Kept per alert, so a
 * batch or a command costs the alerts it touches, and read through a map view that lays the projected
 * alerts over the confirmed ones without copying them.
 */

/** Projects a pending command onto an alert: what it will look like once the hub confirms it. */
export type Projection = (command: Command, alert: Alert, givenAt: number) => Alert | undefined;

export interface PendingProjection {
  readonly command: Command;
  /** When the officer gave it. */
  readonly sentAt: number;
}

export interface PendingOverlay {
  /** The alert as shown: projected when a pending command changes it. */
  shown(alertId: string): Alert | undefined;
  /** Commands pending now, in the order given. */
  setPending(pending: Iterable<PendingProjection>): void;
  /** Projects again the alerts whose confirmed state or pending commands changed. */
  reproject(alertIds: Iterable<string>): void;
  /** A new view of the alerts as shown (a new object each time, so readers see that something changed). */
  view(): ReadonlyMap<string, Alert>;
  /** The alerts that have pending commands. */
  pendingAlertIds(): Iterable<string>;
  clear(): void;
}

export function createPendingOverlay(confirmed: () => ReadonlyMap<string, Alert>, project: Projection | undefined): PendingOverlay {
  const projected = new Map<string, Alert>();
  let byAlert = new Map<string, PendingProjection[]>();
  return {
    shown: (alertId) => projected.get(alertId) ?? confirmed().get(alertId),
    setPending(pending) {
      byAlert = new Map();
      for (const entry of pending) {
        const list = byAlert.get(entry.command.alertId);
        if (list === undefined) byAlert.set(entry.command.alertId, [entry]);
        else list.push(entry);
      }
    },
    reproject(alertIds) {
      for (const alertId of alertIds) {
        if (!byAlert.has(alertId)) {
          projected.delete(alertId);
          continue;
        }
        const base = confirmed().get(alertId);
        let shown = base;
        if (project !== undefined && shown !== undefined) {
          for (const entry of byAlert.get(alertId)!) shown = project(entry.command, shown, entry.sentAt) ?? shown;
        }
        if (shown === base || shown === undefined) projected.delete(alertId);
        else projected.set(alertId, shown);
      }
    },
    view: () => overlaidMap(confirmed(), projected),
    pendingAlertIds: () => byAlert.keys(),
    clear() {
      projected.clear();
      byAlert = new Map();
    },
  };
}

function overlaidMap(confirmed: ReadonlyMap<string, Alert>, projected: ReadonlyMap<string, Alert>): ReadonlyMap<string, Alert> {
  function* entries(): MapIterator<[string, Alert]> {
    for (const [id, alert] of confirmed) yield [id, projected.get(id) ?? alert];
  }
  function* values(): MapIterator<Alert> {
    for (const [id, alert] of confirmed) yield projected.get(id) ?? alert;
  }
  const view: ReadonlyMap<string, Alert> = {
    get size() {
      return confirmed.size;
    },
    get: (id) => projected.get(id) ?? confirmed.get(id),
    has: (id) => confirmed.has(id),
    keys: () => confirmed.keys(),
    values,
    entries,
    forEach(callback, thisArg) {
      for (const [id, alert] of entries()) callback.call(thisArg, alert, id, view);
    },
    [Symbol.iterator]: entries,
  };
  return view;
}
