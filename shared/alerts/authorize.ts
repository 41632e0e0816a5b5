import { isSupervisor, requireCapability } from '../access/capabilities';
import { allowed, conflict, forbidden, refuse, type Decision } from '../access/decision';
import { requireScope } from '../access/scope';
import type { Actor, Officer } from '../domain/model';
import type { Command, Refusal } from '../protocol/commands';
import type { PendingEvent } from '../protocol/events';
import type { Alert } from './lifecycle';

/**
 * Who may do what to which alert. Pure, so the hub enforces it, the console greys out, skips and explains
 * what it would refuse, and tests can enumerate every role x command pair.
 *
 * Rules: only roles that may act do (observers never); a scoped officer acts only on alerts within their
 * country scope; a resolved alert takes notes only; acknowledging takes ownership and is refused if someone
 * holds it; escalating and resolving need the holder or a supervisor; escalating goes up to level 3 only;
 * assigning is for supervisors; a duty officer's "confirmed" waits for a supervisor's confirmation.
 */

/** Escalation stops at level 3, the operation commander. */
const TOP_LEVEL = 3;

/**
 * Whether the officer may give a command of this type on the alert now, whatever its details: what the
 * console asks to enable a button, a shortcut or a bulk action.
 */
export function mayAct(officer: Officer, commandType: Command['type'], alert: Alert): Decision {
  const byRole = requireCapability(officer, 'act');
  if (!byRole.ok) return byRole;
  const byScope = requireScope(officer, alert);
  if (!byScope.ok) return byScope;
  if (alert.status === 'resolved' && commandType !== 'note') {
    return conflict('already-resolved', { outcome: alert.outcome ?? 'none' });
  }
  const holds = alert.holder?.id === officer.id;
  switch (commandType) {
    case 'acknowledge':
      if (alert.holder !== undefined) {
        return holds ? conflict('you-hold-it', {}) : conflict('held-by-other', { name: alert.holder.name });
      }
      if (alert.status !== 'new' && alert.status !== 'escalated') {
        return conflict('status-not-acknowledgeable', { status: alert.status });
      }
      return allowed;
    case 'escalate':
      if (!holds && !isSupervisor(officer)) return forbidden('acknowledge-before-escalating', {});
      if (alert.status === 'confirmation-pending') return conflict('awaiting-confirmation', {});
      if (alert.level === TOP_LEVEL) return conflict('at-top-level', { level: TOP_LEVEL });
      return allowed;
    case 'resolve':
      if (alert.status === 'confirmation-pending' && !isSupervisor(officer)) {
        return forbidden('confirmation-by-shift-lead', {});
      }
      if (!holds && !isSupervisor(officer)) return forbidden('acknowledge-before-resolving', {});
      return allowed;
    case 'note':
      return allowed;
    case 'assign':
      return requireCapability(officer, 'supervise', 'assign-alerts');
  }
}

/** Whether the hub accepts this very command: `mayAct`, and an escalation must go up. */
export function authorize(officer: Officer, command: Command, alert: Alert): Decision {
  const decision = mayAct(officer, command.type, alert);
  if (!decision.ok) return decision;
  if (command.type === 'escalate' && command.level <= alert.level) {
    return conflict('level-not-higher', { level: alert.level });
  }
  return allowed;
}

/**
 * The event a command produces when allowed, carrying the time the officer gave it (settled by the caller
 * with `settleGivenAt`) and a resolution's comment. `assignee` is the officer named by an `assign` command, looked
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
  const given = command.givenAt === undefined ? {} : { givenAt: command.givenAt };
  switch (command.type) {
    case 'acknowledge':
      return { ok: true, event: { type: 'alert.acknowledged', alertId, by, ...given } };
    case 'escalate':
      return {
        ok: true,
        event: { type: 'alert.escalated', alertId, level: command.level, reason: command.reason, by, auto: false, ...given },
      };
    case 'resolve': {
      const final = command.outcome !== 'confirmed' || isSupervisor(officer);
      const comment = command.comment === undefined ? {} : { comment: command.comment };
      return { ok: true, event: { type: 'alert.resolved', alertId, outcome: command.outcome, final, by, ...comment, ...given } };
    }
    case 'note':
      return { ok: true, event: { type: 'alert.noted', alertId, text: command.text, by, ...given } };
    case 'assign':
      if (assignee === undefined) return refuse('not-found', 'no-such-officer', { officerId: command.officerId });
      if (alert.holder?.id === assignee.id) return conflict('assignee-holds', { name: assignee.name });
      return { ok: true, event: { type: 'alert.assigned', alertId, officer: assignee, by, ...given } };
  }
}
