import type { HistoryRequest, HistoryResponse, OpsEvent } from '@watchfloor/shared';
import { T0, hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createTimeline } from './timeline';

/** A hub log of `count` hits one minute apart, served in pages of `page`. */
function hubLog(count: number) {
  const events: OpsEvent[] = Array.from({ length: count }, (_, i) => ({ ...hitRaised(i + 1, { id: `hit-${i + 1}`, at: T0 + i * 60_000 }), at: T0 + i * 60_000 }));
  const requests: HistoryRequest[] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  return {
    events,
    requests,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
    async history(request: HistoryRequest): Promise<HistoryResponse> {
      requests.push(request);
      await gate;
      const from = (request.fromSeq ?? 1) - 1;
      const page = events.slice(from, from + 2);
      return from + 2 < events.length ? { events: page, next: from + 3 } : { events: page };
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('console timeline', () => {
  it('given the hub log, then it loads it page by page and shows the picture at a sought moment', async () => {
    const log = hubLog(5);
    let clock = T0 + 10 * 60_000;
    const timeline = createTimeline({ start: T0, history: (r) => log.history(r), now: () => clock, frame: () => () => undefined });
    for (let i = 0; i < 10 && timeline.getSnapshot().log.loading; i += 1) await settled();
    expect(timeline.getSnapshot().log).toMatchObject({ held: 5, loading: false });
    expect(log.requests.map((r) => r.fromSeq)).toEqual([1, 3, 5]);

    timeline.dispatch({ type: 'pause' });
    timeline.dispatch({ type: 'seek', to: T0 + 2 * 60_000 });
    const { player, picture } = timeline.getSnapshot();
    expect(player.mode).toBe('replay');
    expect([...picture!.alerts.keys()]).toEqual(['hit-1', 'hit-2', 'hit-3']);
    expect(timeline.getSnapshot().player.capabilities.commands).toBe(false);
    clock += 1000;
    timeline.dispatch({ type: 'return-to-live' });
    expect(timeline.getSnapshot().picture).toBeUndefined();
    timeline.dispose();
  });

  it('given live batches before the log has loaded, then they join it afterwards, in order, without a hole', async () => {
    const log = hubLog(4);
    log.hold();
    const timeline = createTimeline({ start: T0, history: (r) => log.history(r), now: () => T0 + 3_600_000, frame: () => () => undefined });
    timeline.record([{ ...hitRaised(5, { id: 'hit-5', at: T0 + 5 * 60_000 }), at: T0 + 5 * 60_000 }]);
    expect(timeline.index.eventCount).toBe(0);
    log.release();
    for (let i = 0; i < 10 && timeline.getSnapshot().log.loading; i += 1) await settled();
    expect(timeline.index.eventCount).toBe(5);
    expect(timeline.index.lastSeq).toBe(5);
    expect(timeline.histogram.total).toBe(5);
    timeline.dispose();
  });

  it('given a critical hit while the live view is paused, then it is counted for "Return to live"', async () => {
    const log = hubLog(1);
    const timeline = createTimeline({ start: T0, history: (r) => log.history(r), now: () => T0 + 60_000, frame: () => () => undefined });
    for (let i = 0; i < 10 && timeline.getSnapshot().log.loading; i += 1) await settled();
    timeline.dispatch({ type: 'pause' });
    timeline.record([hitRaised(2, { id: 'hit-2', severity: 'critical' })]);
    expect(timeline.getSnapshot().player.timeshift?.missedCritical).toBe(1);
    timeline.dispose();
  });
});

describe('console timeline of a concluded operation', () => {
  it('starts at the beginning, plays to the end and stops there, with no live edge', async () => {
    const log = hubLog(3);
    let clock = T0 + 86_400_000;
    const timeline = createTimeline({ start: T0, end: T0 + 2 * 60_000, history: (r) => log.history(r), now: () => clock, frame: () => () => undefined });
    for (let i = 0; i < 10 && timeline.getSnapshot().log.loading; i += 1) await settled();
    const first = timeline.getSnapshot();
    expect(first.player).toMatchObject({ mode: 'replay', currentTime: T0, liveEdge: undefined });
    expect(first.player.capabilities.returnToLive).toBe(false);
    timeline.dispatch({ type: 'speed', speed: 3600 });
    timeline.dispatch({ type: 'play' });
    clock += 1000;
    timeline.dispatch({ type: 'tick' });
    expect(timeline.getSnapshot().player).toMatchObject({ currentTime: T0 + 2 * 60_000, ended: true, playing: false });
    expect([...timeline.getSnapshot().picture!.alerts.keys()]).toEqual(['hit-1', 'hit-2', 'hit-3']);
    timeline.dispose();
  });
});

describe('console timeline with a local cache', () => {
  it('reads the log from the cache while it has no hole, fetches the rest from the hub, and caches what the hub sent', async () => {
    const log = hubLog(6);
    const kept = new Map<number, OpsEvent>(log.events.slice(0, 2).map((event) => [event.seq, event]));
    kept.set(5, log.events[4]!); // seq 3-4 purged: a hole
    const cache = {
      read: async (fromSeq: number, limit: number) => [...kept.values()].filter((event) => event.seq >= fromSeq).sort((a, b) => a.seq - b.seq).slice(0, limit),
      keep: async (events: readonly OpsEvent[]) => events.forEach((event) => kept.set(event.seq, event)),
    };
    const timeline = createTimeline({ start: T0, history: (r) => log.history(r), cache, now: () => T0 + 3_600_000, frame: () => () => undefined });
    for (let i = 0; i < 20 && timeline.getSnapshot().log.loading; i += 1) await settled();
    expect(timeline.getSnapshot().log).toMatchObject({ held: 6, fromCache: 3, loading: false });
    expect(log.requests.map((r) => r.fromSeq)).toEqual([3, 6]);
    expect([...kept.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    timeline.dispose();

    const again = createTimeline({ start: T0, history: (r) => log.history(r), cache, now: () => T0 + 3_600_000, frame: () => () => undefined });
    for (let i = 0; i < 20 && again.getSnapshot().log.loading; i += 1) await settled();
    expect(again.getSnapshot().log).toMatchObject({ held: 6, fromCache: 6 });
    again.dispose();
  });
});
