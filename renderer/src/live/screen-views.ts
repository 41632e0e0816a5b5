import { operationFigures, type AlertSummary, type Officer, type OperationFigures, type OpsState } from '@watchfloor/shared';
import { useMemo } from 'react';
import { createAlertSummaryView } from '../desktop';
import { buildQueueIndex, type QueueView } from '../queue/queue-index';
import type { CheckpointLookup, QueueFilter } from '../queue/queue-model';
import { countFigures } from '../status/figures-view';
import { countHitRate, type HitRate } from '../status/hit-rate';
import { useLiveAlertView, useSession } from './hooks';

/**
 * What the screen derives from the alerts: the queue's rows and counts, the operation's figures, the hit
 * rate and the desktop summary, all from the one picture on screen (live, or the moment looked at). Live, they follow the store alert by alert (a checkpoint's name and kind are read as the alert
 * last changed); a picture of the past is indexed afresh whenever it moves. The desktop summary is always
 * the live one: a shift lead looking at the past must still be told of what happens now.
 */
export interface ScreenViews {
  readonly queue: QueueView;
  readonly figures: OperationFigures;
  readonly hitRate: HitRate;
  readonly desktopSummary: AlertSummary;
}

export function useScreenViews(past: OpsState | undefined, filter: QueueFilter, officer: Officer, operationId: string | undefined): ScreenViews {
  const { store } = useSession();
  const liveLookup = useMemo<CheckpointLookup>(() => lookupIn(() => store.getSnapshot().state), [store]);
  const liveQueue = useLiveAlertView([filter, officer, liveLookup], (alerts) => buildQueueIndex(alerts, filter, officer, liveLookup)).view();
  const liveHitRate = useLiveAlertView([], countHitRate);
  const liveFigures = useLiveAlertView([operationId], (alerts) => countFigures(alerts, operationId)).figures();
  const desktopSummary = useLiveAlertView([officer], (alerts) => createAlertSummaryView(alerts, officer)).summary();
  const pastQueue = useMemo(
    () => (past === undefined ? undefined : buildQueueIndex(past.alerts.values(), filter, officer, lookupIn(() => past)).view()),
    [past, filter, officer],
  );
  const pastAlerts = past?.alerts;
  const pastHitRate = useMemo(() => (pastAlerts === undefined ? undefined : countHitRate(pastAlerts.values())), [pastAlerts]);
  const pastFigures = useMemo(() => (pastAlerts === undefined ? undefined : operationFigures(pastAlerts.values(), operationId)), [pastAlerts, operationId]);
  return { queue: pastQueue ?? liveQueue, figures: pastFigures ?? liveFigures, hitRate: pastHitRate ?? liveHitRate, desktopSummary };
}

function lookupIn(state: () => OpsState): CheckpointLookup {
  return { name: (id) => state().checkpoints.get(id)?.name ?? id, kind: (id) => state().checkpoints.get(id)?.kind };
}
