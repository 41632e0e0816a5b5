import { isArrest, isSeizedDocument, type Alert, type OpsEvent } from '@watchfloor/shared';
import type { Authority } from '../core/authority';

/**
 * The demo operation's hit, arrest and seized-document counters, kept up to date from the events the
 * authority folds (O(batch)) rather than counted over every alert each time the simulator publishes them.
 * What counts as an arrest or a seized document is the shared rule of `operationFigures`, which consoles use.
 */
export interface DemoTally {
  readonly hits: () => number;
  readonly arrests: () => number;
  readonly documentsSeized: () => number;
  close(): void;
}

export function tallyDemoOperation(authority: Pick<Authority, 'state' | 'subscribe'>, operationId: string): DemoTally {
  let hits = 0;
  let arrests = 0;
  let documentsSeized = 0;
  const ours = (alert: Alert | undefined): alert is Alert => alert !== undefined && alert.hit.operationId === operationId;
  const countArrest = (alert: Alert) => {
    arrests += 1;
    if (isSeizedDocument(alert)) documentsSeized += 1;
  };

  for (const alert of authority.state().alerts.values()) {
    if (!ours(alert)) continue;
    hits += 1;
    if (isArrest(alert)) countArrest(alert);
  }

  const close = authority.subscribe((events) => {
    const state = authority.state();
    for (const event of events) {
      if (event.type === 'hit.raised') {
        const alert = state.alerts.get(event.hit.id);
        if (ours(alert) && applied(alert, event)) hits += 1;
      } else if (event.type === 'alert.resolved' && event.final && event.outcome === 'confirmed') {
        const alert = state.alerts.get(event.alertId);
        if (ours(alert) && isArrest(alert) && applied(alert, event)) countArrest(alert);
      }
    }
  });

  return { hits: () => hits, arrests: () => arrests, documentsSeized: () => documentsSeized, close };
}

/** Whether the reducer took `event` into the alert's history (a refused duplicate is not counted). */
function applied(alert: Alert, event: OpsEvent): boolean {
  for (let index = alert.history.length - 1; index >= 0; index -= 1) {
    const seq = alert.history[index]!.seq;
    if (seq === event.seq) return true;
    if (seq < event.seq) return false;
  }
  return false;
}
