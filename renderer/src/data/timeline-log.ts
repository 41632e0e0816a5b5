import {
  createHitHistogram,
  createMarkerTrack,
  createReplayIndex,
  type HitHistogram,
  type MarkerTrack,
  type OpsEvent,
  type ReplayIndex,
} from '@watchfloor/shared';
import { createSharedStrings } from './shared-strings';

/**
 * What the console's timeline keeps of the operation's log: the replay index (the picture at any moment),
 * the hit histogram and the markers, each taking the events after the last one held. The log comes from the
 * cache or the hub's history as copies of its own, apart from the live picture's, so the strings its hits
 * repeat are kept once here too (`shared-strings.ts`).
 */
export interface TimelineLog {
  readonly index: ReplayIndex;
  readonly histogram: HitHistogram;
  readonly markers: MarkerTrack;
  /** Takes the events after the last one held, in seq order; earlier ones are ignored. */
  take(events: readonly OpsEvent[]): void;
}

export function createTimelineLog(start: number): TimelineLog {
  const index = createReplayIndex();
  const histogram = createHitHistogram(start);
  const markers = createMarkerTrack();
  const strings = createSharedStrings();
  return {
    index,
    histogram,
    markers,
    take(events) {
      const fresh = events.filter((event) => event.seq > index.lastSeq);
      if (fresh.length === 0) return;
      for (const event of fresh) if (event.type === 'hit.raised') strings.share(event.hit);
      index.append(fresh);
      histogram.add(fresh);
      markers.add(fresh);
    },
  };
}
