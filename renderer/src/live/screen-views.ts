import type { AlertSummary, Officer, OpsState } from '@watchfloor/shared';
import { useMemo } from 'react';
import { createAlertSummaryView } from '../desktop';
import { buildQueueIndex, type QueueView } from '../queue/queue-index';
import type { CheckpointLookup, QueueFilter } from '../queue/queue-model';
import { countHitsByMinute, type HitsByMinute } from '../status/hits-per-minute';
import { useLiveAlertView, useSession } from './hooks';

/**
 * What the screen derives from the alerts: the queue's rows and counts, the hit rate and the desktop
 * summary. Live, they follow the store alert by alert (a checkpoint's name and kind are read as the alert
 * last changed); a picture of the past is indexed afresh whenever it moves. The desktop summary is always
 * the live one: a shift lead looking at the past must still be told of what happens now.
 */
export interface ScreenViews {
  readonly queue: QueueView;
  readonly hitsByMinute: HitsByMinute;
  readonly desktopSummary: AlertSummary;
}

export function useScreenViews(past: OpsState | undefined, filter: QueueFilter, officer: Officer): ScreenViews {
  const { store } = useSession();
  const liveLookup = useMemo<CheckpointLookup>(() => lookupIn(() => store.getSnapshot().state), [store]);
  const liveQueue = useLiveAlertView([filter, officer, liveLookup], (alerts) => buildQueueIndex(alerts, filter, officer, liveLookup)).view();
  const liveHitsByMinute = useLiveAlertView([], countHitsByMinute);
  const desktopSummary = useLiveAlertView([officer], (alerts) => createAlertSummaryView(alerts, officer)).summary();
  const pastQueue = useMemo(
    () => (past === undefined ? undefined : buildQueueIndex(past.alerts.values(), filter, officer, lookupIn(() => past)).view()),
    [past, filter, officer],
  );
  const pastAlerts = past?.alerts;
  const pastHitsByMinute = useMemo(() => (pastAlerts === undefined ? undefined : countHitsByMinute(pastAlerts.values())), [pastAlerts]);
  return { queue: pastQueue ?? liveQueue, hitsByMinute: pastHitsByMinute ?? liveHitsByMinute, desktopSummary };
}

function lookupIn(state: () => OpsState): CheckpointLookup {
  return { name: (id) => state().checkpoints.get(id)?.name ?? id, kind: (id) => state().checkpoints.get(id)?.kind };
}
