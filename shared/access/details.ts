import type { Officer } from '../domain/model';
import type { Alert } from '../alerts/lifecycle';
import { requireCapability } from './capabilities';
import type { Decision, Forbidden } from './decision';
import { requireScope } from './scope';

/**
 * Who may reveal a hit's personal details: a role that may, on a hit within their country scope. The reason
 * they give and the audit record are the hub's business; this is only the "may they".
 */
export function mayRevealDetails(officer: Officer, alert: Alert): Decision<Forbidden> {
  const byRole = requireCapability(officer, 'reveal-details');
  return byRole.ok ? requireScope(officer, alert) : byRole;
}
