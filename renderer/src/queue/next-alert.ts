import { isUnacknowledged, mayAct, type Alert, type Officer } from '@watchfloor/shared';
import type { QueueRows } from './ordered-rows';

/**
 * Where the selection goes after the officer acknowledges: the next row in queue order that still needs
 * someone to take it (unacknowledged, and the officer may acknowledge it), searching on from the row just
 * handled and then from the top; undefined when no row needs action, so the selection stays put.
 */
export function nextNeedingAction(rows: QueueRows, handled: Alert, officer: Officer): Alert | undefined {
  const from = rows.indexOf(handled);
  const needs = (alert: Alert) => alert.id !== handled.id && isUnacknowledged(alert) && mayAct(officer, 'acknowledge', alert).ok;
  for (let index = from + 1; index < rows.length; index += 1) {
    if (needs(rows.at(index))) return rows.at(index);
  }
  for (let index = 0; index < Math.max(0, from); index += 1) {
    if (needs(rows.at(index))) return rows.at(index);
  }
  return undefined;
}
