import type { Officer } from '../domain/model';
import type { Alert } from '../alerts/lifecycle';
import type { OpsEvent } from '../protocol/events';
import { maySeeAudit } from './capabilities';
import { checkpointWithinScope, hitWithinScope, operationWithinScope, withinScope } from './scope';

/**
 * Which events an officer receives, live and in history: everything within their country scope, audit
 * events only if they may read the audit trail. `alert` is the alert the event is about, as the reader
 * knows it (undefined when unknown: a scoped officer is then not shown the event).
 *
 * For an officer without a scope the answer depends on `maySeeAudit` alone, so the hub may send one batch
 * to all unscoped officers alike in that.
 */
export function maySeeEvent(officer: Officer, event: OpsEvent, alert?: Alert): boolean {
  switch (event.type) {
    case 'hit.raised':
      return hitWithinScope(officer, event.hit);
    case 'operation.updated':
      return operationWithinScope(officer, event.operation);
    case 'checkpoint.updated':
      return checkpointWithinScope(officer, event.checkpoint);
    case 'audit.details-viewed':
      return maySeeAudit(officer) && alertWithinScope(officer, alert);
    default:
      return alertWithinScope(officer, alert);
  }
}

function alertWithinScope(officer: Officer, alert: Alert | undefined): boolean {
  return officer.scope === undefined || (alert !== undefined && withinScope(officer, alert));
}

/** The alert an event is about, if any: its `alertId`, or the hit an audit event records a look at. */
export function alertIdOf(event: OpsEvent): string | undefined {
  switch (event.type) {
    case 'hit.raised':
      return event.hit.id;
    case 'operation.updated':
    case 'checkpoint.updated':
      return undefined;
    case 'audit.details-viewed':
      return event.hitId;
    default:
      return event.alertId;
  }
}
