import type { Alert } from '@watchfloor/shared';
import { useMemo } from 'react';
import type { MapProjection, PastLog } from './projection';

/** A past moment on screen: its time, the alerts at that time, and the log between it and now. */
export interface PastPicture {
  readonly at: number;
  readonly alerts: ReadonlyMap<string, Alert>;
  readonly log: PastLog;
}

/**
 * Keeps the map's rows on the picture on screen: `past` while the officer looks at the past, else the live
 * alerts. Returns the projection's revision, for the map's `revision`. The rows are restyled while the
 * screen renders, so the map, its tooltip and the queue of the same render show the same moment; doing it
 * again for the same moment costs nothing, as a second render in development does.
 */
export function useMapPicture(projection: MapProjection, past: PastPicture | undefined, liveAlerts: () => ReadonlyMap<string, Alert>): number {
  const at = past?.at;
  const alerts = past?.alerts;
  const log = past?.log;
  return useMemo(() => {
    if (at !== undefined && alerts !== undefined && log !== undefined) projection.showPast(at, alerts, log);
    else projection.showLive(liveAlerts());
    return projection.revision;
    // liveAlerts is read once per change of the moment shown: live batches restyle the rows themselves.
  }, [projection, at, alerts, log]);
}
