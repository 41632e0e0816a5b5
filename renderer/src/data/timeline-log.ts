import {
  type Alert,
  createHitHistogram,
  createMarkerTrack,
  createReplayIndex,
  isAlertEvent,
  type HitHistogram,
  type MarkerTrack,
  type OpsEvent,
  type ReplayIndex,
} from '@watchfloor/shared';
import { createSharedStrings } from './shared-strings';

/**
 * What the console's timeline keeps of the operation's log: the replay index (the picture at any moment),
 * the hit histogram and the markers, each taking the events after the last one held. The log comes from the
 * cache or the hub's history as copies of its own, apart from the live picture's. An event is the same
 * wherever it travels (the hub logs each once), so where the live picture already holds a hit or an alert
 * event (in the alert's history) the log keeps that object instead of its copy, and where the live picture
 * holds an alert in the version the log has folded to, the index keeps the live object; the strings the
 * events repeat are kept once (`shared-strings.ts`).
 */
export interface TimelineLog {
  readonly index: ReplayIndex;
  readonly histogram: HitHistogram;
  readonly markers: MarkerTrack;
  /** Takes copies of the log (from the cache or the hub's history) after the last event held, in seq order. */
  take(events: readonly OpsEvent[]): void;
  /** Takes the live store's own events, as it applied them: already the objects and strings it holds. */
  takeLive(events: readonly OpsEvent[]): void;
}

/** The live picture's alerts, read once per `take`. */
export type HeldAlerts = () => ReadonlyMap<string, Alert>;

export function createTimelineLog(start: number, heldAlerts?: HeldAlerts): TimelineLog {
  let held: ReadonlyMap<string, Alert> | undefined;
  const index = createReplayIndex({ canonical: (alert) => sameVersion(held?.get(alert.id), alert) });
  const histogram = createHitHistogram(start);
  const markers = createMarkerTrack();
  const strings = createSharedStrings();
  /** The events after the last one held, each in the form `keep` gives it. */
  function append(events: readonly OpsEvent[], keep: (event: OpsEvent) => OpsEvent): void {
    const fresh = events.filter((event) => event.seq > index.lastSeq);
    if (fresh.length === 0) return;
    held = heldAlerts?.();
    const kept = fresh.map(keep);
    index.append(kept);
    histogram.add(kept);
    markers.add(kept);
    held = undefined;
  }
  return {
    index,
    histogram,
    markers,
    take(events) {
      append(events, (event) => {
        const kept = held === undefined ? event : heldCopy(held, event);
        strings.shareEvent(kept);
        return kept;
      });
    },
    takeLive(events) {
      append(events, (event) => event);
    },
  };
}

/** `event` with what the live picture already holds of it: the hit it raises, or the alert event itself. */
function heldCopy(held: ReadonlyMap<string, Alert>, event: OpsEvent): OpsEvent {
  if (event.type === 'hit.raised') {
    const hit = held.get(event.hit.id)?.hit;
    return hit === undefined || hit === event.hit ? event : { ...event, hit };
  }
  if (!isAlertEvent(event)) return event;
  return held.get(event.alertId)?.history.find((entry): entry is typeof event => entry.seq === event.seq) ?? event;
}

/**
 * The live alert if it is the same version as `folded`: the reducer is one pure function of the alert's
 * events, so the same history (same length, same last event) is the same alert.
 */
function sameVersion(live: Alert | undefined, folded: Alert): Alert {
  if (live === undefined || live.history.length !== folded.history.length) return folded;
  return live.history.at(-1)!.seq === folded.history.at(-1)!.seq ? live : folded;
}
