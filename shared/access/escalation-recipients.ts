import type { Officer } from '../domain/model';
import type { Alert } from '../alerts/lifecycle';
import { hasCapability } from './capabilities';
import { withinScope } from './scope';

/**
 * Whom an escalated alert is addressed to: level 1 the shift lead, taken as any
 * supervisor; level 2 the record-owner bureau's liaison, taken as a supervisor scoped to the record-owner
 * country; level 3 the operation commander. Never outside the officer's country scope.
 */
export function isEscalatedTo(officer: Officer, alert: Alert): boolean {
  if (!withinScope(officer, alert)) return false;
  switch (alert.level) {
    case 0:
      return false;
    case 1:
      return hasCapability(officer, 'supervise');
    case 2:
      return hasCapability(officer, 'supervise') && officer.scope === alert.hit.recordOwner;
    case 3:
      return hasCapability(officer, 'command-operation');
  }
}
