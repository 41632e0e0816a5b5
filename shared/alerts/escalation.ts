import type { EpochMs, EscalationLevel, Severity } from '../domain/model';
import { isOpen, type Alert } from './lifecycle';

/**
 * When the hub escalates by itself. An unacknowledged alert climbs one level after `unacknowledged` ms; an
 * acknowledged one with no activity for `stale` ms is re-triggered: it climbs one level and is released, so
 * a sleeping client can never stop an escalation. Level 3 is the ceiling.
 */
export interface EscalationPolicy {
  readonly unacknowledged: Readonly<Record<Severity, number>>;
  readonly stale: Readonly<Record<Severity, number>>;
}

const MINUTE = 60_000;

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  unacknowledged: { critical: 2 * MINUTE, high: 5 * MINUTE, medium: 15 * MINUTE, low: 60 * MINUTE },
  stale: { critical: 10 * MINUTE, high: 20 * MINUTE, medium: 60 * MINUTE, low: 240 * MINUTE },
};

/**
 * Why the hub escalated by itself, as the event stores it: a code with its parameters, which the console
 * words. Events logged before these codes hold an English sentence instead, shown as it is.
 */
export type AutoEscalationReason =
  | { readonly reason: 'not-acknowledged'; readonly reasonParams: { readonly minutes: number; readonly severity: Severity } }
  | { readonly reason: 'no-activity'; readonly reasonParams: { readonly holder: string; readonly minutes: number; readonly severity: Severity } };
export const AUTO_ESCALATION_REASONS: readonly AutoEscalationReason['reason'][] = ['not-acknowledged', 'no-activity'];

export type EscalationDeadline = { readonly at: EpochMs; readonly level: EscalationLevel } & AutoEscalationReason;

/** The next automatic escalation of this alert, or undefined when none is due (resolved, pending, level 3). */
export function escalationDeadline(alert: Alert, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY): EscalationDeadline | undefined {
  if (!isOpen(alert) || alert.status === 'confirmation-pending' || alert.level >= 3) return undefined;
  const level = (alert.level + 1) as EscalationLevel;
  const severity = alert.hit.severity;
  if (alert.holder === undefined) {
    const waitingSince = lastUnheldStart(alert);
    const delay = policy.unacknowledged[severity];
    return { at: waitingSince + delay, level, reason: 'not-acknowledged', reasonParams: { minutes: delay / MINUTE, severity } };
  }
  const delay = policy.stale[severity];
  return { at: alert.updatedAt + delay, level, reason: 'no-activity', reasonParams: { holder: alert.holder.name, minutes: delay / MINUTE, severity } };
}

/** When the alert last became nobody's: raised, or released by an automatic escalation. */
function lastUnheldStart(alert: Alert): EpochMs {
  for (let index = alert.history.length - 1; index >= 0; index -= 1) {
    const entry = alert.history[index]!;
    if (entry.type === 'hit.raised' || (entry.type === 'alert.escalated' && entry.auto)) return entry.at;
  }
  return alert.raisedAt;
}
