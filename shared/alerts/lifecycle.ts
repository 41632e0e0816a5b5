import { z } from 'zod';
import { Actor, AlertStatus, EpochMs, Hit, Outcome, type EscalationLevel } from '../domain/model';
import { AlertAcknowledged, AlertAssigned, AlertEscalated, AlertNoted, AlertResolved, type AlertEvent, type EventOf } from '../protocol/events';

/**
 * The handling state of one hit: `new -> acknowledged -> escalated (L1..L3) -> confirmation-pending ->
 * resolved(outcome)`. Who holds it is tracked beside the status, because an escalated alert can be held or
 * waiting for someone to take it up again.
 */
export const AlertHistoryEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hit.raised'), seq: z.int().positive(), at: EpochMs }),
  AlertAcknowledged,
  AlertEscalated,
  AlertResolved,
  AlertNoted,
  AlertAssigned,
]);
export type AlertHistoryEntry = Readonly<z.infer<typeof AlertHistoryEntry>>;

export const Alert = z.object({
  id: z.string(),
  hit: Hit,
  status: AlertStatus,
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  holder: Actor.optional(),
  outcome: Outcome.optional(),
  raisedAt: EpochMs,
  updatedAt: EpochMs,
  acknowledgedAt: EpochMs.optional(),
  resolvedAt: EpochMs.optional(),
  history: z.array(AlertHistoryEntry),
});
export type Alert = Readonly<Omit<z.infer<typeof Alert>, 'level' | 'history'>> & {
  readonly level: 0 | EscalationLevel;
  readonly history: readonly AlertHistoryEntry[];
};

export type AlertTransition = { readonly ok: true; readonly alert: Alert } | { readonly ok: false; readonly reason: string };

export function isOpen(alert: Alert): boolean {
  return alert.status !== 'resolved';
}

/** Unacknowledged: nobody holds it and it is still open; these count against the auto-escalation clock. */
export function isUnacknowledged(alert: Alert): boolean {
  return alert.holder === undefined && isOpen(alert);
}

export function raiseAlert(event: EventOf<'hit.raised'>): Alert {
  return {
    id: event.hit.id,
    hit: event.hit,
    status: 'new',
    level: 0,
    raisedAt: event.at,
    updatedAt: event.at,
    history: [{ type: 'hit.raised', seq: event.seq, at: event.at }],
  };
}

/**
 * Applies one alert event to the alert it names. Pure: the same alert and event always give the same
 * answer, and a refused event leaves the alert as it was. The hub only logs events that `decideCommand`
 * allowed, so a refusal here means a corrupt or foreign log, never a normal race.
 */
export function reduceAlert(alert: Alert, event: AlertEvent): AlertTransition {
  if (event.alertId !== alert.id) return refuse(`event for ${event.alertId} applied to ${alert.id}`);
  const touched = { updatedAt: event.at, history: [...alert.history, event] };
  switch (event.type) {
    case 'alert.acknowledged': {
      if (alert.status !== 'new' && alert.status !== 'escalated') return refuse(`cannot acknowledge a ${alert.status} alert`);
      if (alert.holder !== undefined) return refuse(`already held by ${alert.holder.name}`);
      return accept({
        ...alert,
        ...touched,
        holder: event.by,
        status: alert.level > 0 ? 'escalated' : 'acknowledged',
        acknowledgedAt: event.at,
      });
    }
    case 'alert.escalated': {
      if (alert.status === 'resolved' || alert.status === 'confirmation-pending') {
        return refuse(`cannot escalate a ${alert.status} alert`);
      }
      if (event.level <= alert.level) return refuse(`already at level ${alert.level}`);
      const escalated: Alert = { ...alert, ...touched, status: 'escalated', level: event.level };
      return accept(event.auto ? withoutHolder(escalated) : escalated);
    }
    case 'alert.resolved': {
      if (alert.status === 'resolved') return refuse('already resolved');
      if (!event.final) {
        if (alert.status === 'confirmation-pending') return refuse('already awaiting confirmation');
        return accept({ ...alert, ...touched, status: 'confirmation-pending', outcome: event.outcome });
      }
      return accept({ ...alert, ...touched, status: 'resolved', outcome: event.outcome, resolvedAt: event.at });
    }
    case 'alert.noted':
      return accept({ ...alert, ...touched });
    case 'alert.assigned': {
      if (alert.status === 'resolved') return refuse('cannot assign a resolved alert');
      return accept({
        ...alert,
        ...touched,
        holder: event.officer,
        status: alert.status === 'new' ? 'acknowledged' : alert.status,
        acknowledgedAt: alert.acknowledgedAt ?? event.at,
      });
    }
  }
}

function withoutHolder(alert: Alert): Alert {
  const { holder: _released, ...rest } = alert;
  return rest;
}

function accept(alert: Alert): AlertTransition {
  return { ok: true, alert };
}

function refuse(reason: string): AlertTransition {
  return { ok: false, reason };
}
