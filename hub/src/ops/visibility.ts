import { alertIdOf, maySeeEvent, type Officer, type OpsEvent, type OpsState } from '@watchfloor/shared';

/**
 * Which events an officer receives, live and in history: the shared `maySeeEvent`, asked about the alert
 * as the hub's state knows it.
 */
export function isVisibleTo(officer: Officer, event: OpsEvent, state: OpsState): boolean {
  const alertId = alertIdOf(event);
  return maySeeEvent(officer, event, alertId === undefined ? undefined : state.alerts.get(alertId));
}
