import type { Actor, Officer } from '../domain/model';
import type { Command, Refusal } from '../protocol/commands';
import type { PendingEvent } from '../protocol/events';
import type { Alert } from './lifecycle';

/**
 * Who may do what to which alert. Pure, so the hub enforces it, the client greys out what it would refuse,
 * and tests can enumerate every role x command pair.
 *
 * Rules: observers never act; a scoped officer acts only on alerts that concern their country (screened
 * there, or the record is theirs); a resolved alert takes notes only; acknowledging takes ownership and is
 * refused if someone holds it; escalating and resolving need the holder or a shift lead/admin; assigning
 * is for shift leads and admins; a duty officer's "confirmed" waits for a shift lead's confirmation.
 */
export type Decision = { readonly ok: true } | Refusal;

const SUPERVISORS: ReadonlySet<Officer['role']> = new Set(['shift-lead', 'admin']);

export function isSupervisor(officer: Officer): boolean {
  return SUPERVISORS.has(officer.role);
}

export function concernsCountry(alert: Alert, country: string): boolean {
  return alert.hit.country === country || alert.hit.recordOwner === country;
}

/**
 * What the officer's role alone decides, whatever the command and the alert: the hub refuses these before
 * it looks at any state.
 */
export function authorizeRole(officer: Officer): Decision {
  if (officer.role === 'observer') return forbidden('Observers have a read-only view and cannot act on alerts.');
  return allowed;
}

export function authorize(officer: Officer, command: Command, alert: Alert): Decision {
  const byRole = authorizeRole(officer);
  if (!byRole.ok) return byRole;
  if (officer.scope !== undefined && !concernsCountry(alert, officer.scope)) {
    return forbidden(`This alert does not concern your country scope (${officer.scope}).`);
  }
  if (alert.status === 'resolved' && command.type !== 'note') {
    return conflict(`This alert was already resolved (${alert.outcome ?? 'no outcome'}).`);
  }
  const holds = alert.holder?.id === officer.id;
  switch (command.type) {
    case 'acknowledge':
      if (alert.holder !== undefined) {
        return conflict(holds ? 'You already hold this alert.' : `Already acknowledged by ${alert.holder.name}.`);
      }
      if (alert.status !== 'new' && alert.status !== 'escalated') {
        return conflict(`A ${alert.status} alert cannot be acknowledged.`);
      }
      return allowed;
    case 'escalate':
      if (!holds && !isSupervisor(officer)) return forbidden('Acknowledge the alert before escalating it.');
      if (alert.status === 'confirmation-pending') return conflict('The alert is awaiting confirmation.');
      if (command.level <= alert.level) return conflict(`The alert is already at escalation level ${alert.level}.`);
      return allowed;
    case 'resolve':
      if (alert.status === 'confirmation-pending' && !isSupervisor(officer)) {
        return forbidden('Awaiting confirmation by a shift lead.');
      }
      if (!holds && !isSupervisor(officer)) return forbidden('Acknowledge the alert before resolving it.');
      return allowed;
    case 'note':
      return allowed;
    case 'assign':
      if (!isSupervisor(officer)) return forbidden('Only a shift lead or an admin can assign alerts.');
      return allowed;
  }
}

/**
 * The event a command produces when allowed. `assignee` is the officer named by an `assign` command, looked
 * up by the caller (the hub owns the officer directory); without it an assign is `not-found`.
 */
export function decideCommand(
  officer: Officer,
  command: Command,
  alert: Alert,
  assignee?: Actor,
): { readonly ok: true; readonly event: PendingEvent } | Refusal {
  const decision = authorize(officer, command, alert);
  if (!decision.ok) return decision;
  const by: Actor = { id: officer.id, name: officer.name };
  const alertId = alert.id;
  switch (command.type) {
    case 'acknowledge':
      return { ok: true, event: { type: 'alert.acknowledged', alertId, by } };
    case 'escalate':
      return {
        ok: true,
        event: { type: 'alert.escalated', alertId, level: command.level, reason: command.reason, by, auto: false },
      };
    case 'resolve': {
      const final = command.outcome !== 'confirmed' || isSupervisor(officer);
      return { ok: true, event: { type: 'alert.resolved', alertId, outcome: command.outcome, final, by } };
    }
    case 'note':
      return { ok: true, event: { type: 'alert.noted', alertId, text: command.text, by } };
    case 'assign':
      if (assignee === undefined) return { ok: false, code: 'not-found', message: `No officer ${command.officerId}.` };
      if (alert.holder?.id === assignee.id) return conflict(`${assignee.name} already holds this alert.`);
      return { ok: true, event: { type: 'alert.assigned', alertId, officer: assignee, by } };
  }
}

const allowed: Decision = { ok: true };

function forbidden(message: string): Refusal {
  return { ok: false, code: 'forbidden', message };
}

function conflict(message: string): Refusal {
  return { ok: false, code: 'conflict', message };
}
