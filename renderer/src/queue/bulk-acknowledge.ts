import { mayAct, refuse, type Alert, type Officer, type Refusal } from '@watchfloor/shared';
import type { TFunction } from 'i18next';
import { refusalText } from '../i18n/coded-text';

/**
 * Bulk acknowledge: of the alerts the officer selected, which to send and which to skip. Only alerts the
 * officer may acknowledge now (the shared `mayAct`: role, country scope, status, holder) are sent, so a
 * bulk action never fires commands the hub would refuse; the rest are grouped by the refusal the hub
 * would have given.
 */
export interface BulkAcknowledgement {
  readonly send: readonly string[];
  /** One group per refusal, the largest first. */
  readonly skipped: readonly SkippedAlerts[];
}

export interface SkippedAlerts {
  readonly refusal: Refusal;
  readonly alertIds: readonly string[];
}

export function planBulkAcknowledge(officer: Officer, selected: Iterable<string>, alerts: ReadonlyMap<string, Alert>): BulkAcknowledgement {
  const send: string[] = [];
  const skipped = new Map<string, SkippedAlerts & { readonly alertIds: string[] }>();
  for (const id of selected) {
    const alert = alerts.get(id);
    const decision = alert === undefined ? refuse('not-found', 'no-such-alert', { alertId: id }) : mayAct(officer, 'acknowledge', alert);
    if (decision.ok) {
      send.push(id);
      continue;
    }
    const key = JSON.stringify([decision.reason, decision.params]);
    const group = skipped.get(key) ?? { refusal: decision, alertIds: [] };
    group.alertIds.push(id);
    skipped.set(key, group);
  }
  return { send, skipped: [...skipped.values()].sort((a, b) => b.alertIds.length - a.alertIds.length) };
}

/** The skipped groups as one line: "Already acknowledged by Lea Lead (2); This alert was already resolved (No action) (1)". */
export function describeSkipped(t: TFunction, skipped: readonly SkippedAlerts[]): string {
  return skipped
    .map((group) => t('queue.skippedGroup', { reason: refusalText(t, group.refusal).replace(/\.$/, ''), count: group.alertIds.length }))
    .join('; ');
}
