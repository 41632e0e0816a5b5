import { mayAct, type Alert, type Officer } from '@watchfloor/shared';

/**
 * Bulk acknowledge: of the alerts the officer selected, which to send and which to skip. Only alerts the
 * officer may acknowledge now (the shared `mayAct`: role, country scope, status, holder) are sent, so a
 * bulk action never fires commands the hub would refuse; the rest are grouped by the reason they were
 * skipped, in the words the hub would have used.
 */
export interface BulkAcknowledgement {
  readonly send: readonly string[];
  /** One group per reason, the largest first. */
  readonly skipped: readonly SkippedAlerts[];
}

export interface SkippedAlerts {
  readonly reason: string;
  readonly alertIds: readonly string[];
}

export function planBulkAcknowledge(officer: Officer, selected: Iterable<string>, alerts: ReadonlyMap<string, Alert>): BulkAcknowledgement {
  const send: string[] = [];
  const skipped = new Map<string, string[]>();
  for (const id of selected) {
    const alert = alerts.get(id);
    const decision = alert === undefined ? { ok: false as const, message: `No alert ${id}.` } : mayAct(officer, 'acknowledge', alert);
    if (decision.ok) {
      send.push(id);
      continue;
    }
    const group = skipped.get(decision.message) ?? [];
    group.push(id);
    skipped.set(decision.message, group);
  }
  const groups = [...skipped].map(([reason, alertIds]) => ({ reason, alertIds }));
  return { send, skipped: groups.sort((a, b) => b.alertIds.length - a.alertIds.length) };
}

/** The skipped groups as one line: "Already acknowledged by Lea Lead (2); This alert was already resolved (1)". */
export function describeSkipped(skipped: readonly SkippedAlerts[]): string {
  return skipped.map((group) => `${group.reason.replace(/\.$/, '')} (${group.alertIds.length})`).join('; ');
}
