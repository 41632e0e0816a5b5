import { concernsCountry, type Officer, type OpsEvent, type OpsState } from '@watchfloor/shared';

/**
 * Which events an officer receives. Country-scoped officers get only what concerns their country: hits
 * screened there or whose record their bureau owns, those alerts' handling, operations they take part in
 * and their own checkpoints. Audit events go to shift leads and admins only.
 */
export function isVisibleTo(officer: Officer, event: OpsEvent, state: OpsState): boolean {
  if (event.type === 'audit.details-viewed') {
    if (officer.role !== 'shift-lead' && officer.role !== 'admin') return false;
    if (officer.scope === undefined) return true;
    const alert = state.alerts.get(event.hitId);
    return alert !== undefined && concernsCountry(alert, officer.scope);
  }
  const scope = officer.scope;
  if (scope === undefined) return true;
  switch (event.type) {
    case 'hit.raised':
      return event.hit.country === scope || event.hit.recordOwner === scope;
    case 'operation.updated':
      return event.operation.countries.includes(scope);
    case 'checkpoint.updated':
      return event.checkpoint.country === scope;
    default: {
      const alert = state.alerts.get(event.alertId);
      return alert !== undefined && concernsCountry(alert, scope);
    }
  }
}
