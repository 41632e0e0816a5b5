import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../domain/model';
import type { OpsEvent } from '../protocol/events';
import { T0, hitRaised } from '../testing/builders';
import { createHitHistogram } from './histogram';
import { createMarkerTrack } from './markers';
import { syntheticLog } from './synthetic-log';

const MIN = 60_000;
const checkpoint = (seq: number, status: Checkpoint['status']): OpsEvent => ({
  seq,
  at: T0 + seq * MIN,
  type: 'checkpoint.updated',
  checkpoint: { id: 'cp-1', name: 'Seme border', kind: 'land-border', country: 'BJ', lon: 2.7, lat: 6.4, status },
});

describe('hit histogram', () => {
  it('given hits appended in batches, when binned, then every hit is counted once in its minute', () => {
    const histogram = createHitHistogram(T0);
    histogram.add([hitRaised(1, { at: T0 + 10_000 }), hitRaised(2, { id: 'h2', at: T0 + 50_000 })]);
    histogram.add([hitRaised(3, { id: 'h3', at: T0 + 2 * MIN + 1 }), checkpoint(4, 'offline')]);
    expect(histogram.total).toBe(3);
    expect([...histogram.bins(T0, T0 + 3 * MIN, 3)]).toEqual([2, 0, 1]);
  });

  it('given a zoomed-out bar, when binned into fewer columns, then the totals are kept', () => {
    const histogram = createHitHistogram(T0);
    histogram.add(syntheticLog({ seed: 3, events: 3000, start: T0, durationMs: 6 * 60 * MIN }));
    const columns = histogram.bins(T0, T0 + 6 * 60 * MIN, 7);
    expect(columns.reduce((sum, value) => sum + value, 0)).toBeCloseTo(histogram.total, 6);
  });

  it('given a zoomed-in bar, when a minute spans two columns, then its hits are shared between them', () => {
    const histogram = createHitHistogram(T0);
    histogram.add([hitRaised(1, { at: T0 + 1 }), hitRaised(2, { id: 'h2', at: T0 + 2 })]);
    expect([...histogram.bins(T0, T0 + MIN, 2)]).toEqual([1, 1]);
  });

  it('given a hit timed before the operation start, when added, then it is counted in the first bucket, not lost', () => {
    const histogram = createHitHistogram(T0);
    histogram.add([hitRaised(1, { at: T0 - 5 * MIN })]);
    expect([...histogram.bins(T0, T0 + MIN, 1)]).toEqual([1]);
  });
});

describe('timeline markers', () => {
  it('given a checkpoint going degraded, offline and back online, then one outage spans it at its worst status', () => {
    const track = createMarkerTrack();
    track.add([checkpoint(1, 'online'), checkpoint(2, 'degraded'), checkpoint(3, 'offline'), checkpoint(4, 'online')]);
    expect(track.markers).toEqual([{ kind: 'outage', at: T0 + 2 * MIN, seq: 2, checkpointId: 'cp-1', status: 'offline', until: T0 + 4 * MIN }]);
  });

  it('given phase changes and escalations, then each becomes a marker, and an unchanged phase does not', () => {
    const events = syntheticLog({ seed: 5, events: 4000, start: T0, durationMs: 4 * 60 * MIN });
    const track = createMarkerTrack();
    track.add(events);
    const phases = track.markers.filter((marker) => marker.kind === 'phase').map((marker) => marker.kind === 'phase' && marker.phase);
    expect(phases).toEqual(['Briefing', 'Screening', 'Surge', 'Wind-down', 'Debrief']);
    const escalations = events.filter((event) => event.type === 'alert.escalated').length;
    expect(track.markers.filter((marker) => marker.kind === 'escalation')).toHaveLength(escalations);
  });

  it('given an outage that began before a range and lasts into it, when markers in the range are asked, then it is included', () => {
    const track = createMarkerTrack();
    track.add([checkpoint(1, 'offline'), hitRaised(2), checkpoint(10, 'online')]);
    expect(track.between(T0 + 5 * MIN, T0 + 6 * MIN)).toHaveLength(1);
    expect(track.between(T0 + 11 * MIN, T0 + 12 * MIN)).toHaveLength(0);
  });
});
