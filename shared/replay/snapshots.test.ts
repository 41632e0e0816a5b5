import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_OPS_STATE, foldEvents, foldEventsInPlace, type OpsState } from '../ops/state';
import type { Alert } from '../alerts/lifecycle';
import type { OpsEvent } from '../protocol/events';
import { T0, actorOf, hitRaised, officers } from '../testing/builders';
import { createReplayIndex } from './snapshots';
import { syntheticLog } from './synthetic-log';

/** States compare by content: a replay state's alerts are an AlertTable, the reference fold's a Map. */
const plain = (state: OpsState) => ({
  lastSeq: state.lastSeq,
  lastAt: state.lastAt,
  operations: new Map(state.operations),
  checkpoints: new Map(state.checkpoints),
  alerts: new Map(state.alerts),
});
const foldFromFirst = (events: readonly OpsEvent[]) => foldEvents(EMPTY_OPS_STATE, events).state;
const HOUR = 3_600_000;

describe('replay index', () => {
  it('given a canonical alert for what it folded, then its snapshots keep that object, and the pictures are the same', () => {
    const log = syntheticLog({ seed: 7, events: 400, start: T0, durationMs: 3_600_000 });
    const plain = createReplayIndex({ snapshotEvery: 16 });
    plain.append(log);
    const live = foldEvents({ ...EMPTY_OPS_STATE }, log).state.alerts;
    const sameVersion = (alert: Alert) => {
      const held = live.get(alert.id)!;
      return held.history.length === alert.history.length ? held : alert;
    };
    const sharing = createReplayIndex({ snapshotEvery: 16, canonical: sameVersion });
    sharing.append(log);

    const last = log.at(-1)!.seq;
    for (const seq of [1, 50, 200, last]) expect(sharing.stateAtSeq(seq)).toEqual(plain.stateAtSeq(seq));
    const kept = [...sharing.stateAtSeq(log[log.length - 17]!.seq).alerts.values()].filter((alert) => alert === live.get(alert.id));
    expect(kept.length).toBeGreaterThan(0);
  });

  it('given a synthetic operation, when folded from the first event, then the reducer refuses nothing', () => {
    const events = syntheticLog({ seed: 7, events: 5000, start: T0, durationMs: HOUR });
    expect(foldEvents(EMPTY_OPS_STATE, events).refused).toEqual([]);
    const types = new Set(events.map((event) => event.type));
    expect([...types].sort()).toEqual(
      ['alert.acknowledged', 'alert.assigned', 'alert.escalated', 'alert.noted', 'alert.resolved', 'checkpoint.updated', 'hit.raised', 'operation.updated'],
    );
  });

  it('given an indexed log, when asked for a time between two events, then the picture holds the earlier one only', () => {
    const index = createReplayIndex({ snapshotEvery: 2 });
    index.append([hitRaised(1), hitRaised(2, { id: 'hit-2' }), hitRaised(3, { id: 'hit-3' })]);
    const state = index.stateAt(T0 + 2500);
    expect(state.lastSeq).toBe(2);
    expect([...state.alerts.keys()]).toEqual(['hit-1', 'hit-2']);
    expect(index.seqAt(T0 + 2500)).toBe(2);
    expect(index.stateAt(T0).alerts.size).toBe(0);
  });

  it('given an indexed log, when stepping, then the adjacent event times are strictly before and after', () => {
    const index = createReplayIndex();
    index.append([hitRaised(1), hitRaised(2, { id: 'hit-2' }), hitRaised(3, { id: 'hit-3' })]);
    expect(index.adjacentEventTime(T0 + 2000, 'next')).toBe(T0 + 3000);
    expect(index.adjacentEventTime(T0 + 2000, 'previous')).toBe(T0 + 1000);
    expect(index.adjacentEventTime(T0 + 2000.5, 'previous')).toBe(T0 + 2000);
    expect(index.adjacentEventTime(T0 + 3000, 'next')).toBeUndefined();
    expect(index.adjacentEventTime(T0 + 1000, 'previous')).toBeUndefined();
  });

  it('given overlapping pages, when appended, then events already held are skipped, not folded twice', () => {
    const index = createReplayIndex({ snapshotEvery: 1 });
    index.append([hitRaised(1), hitRaised(2, { id: 'hit-2' })]);
    const again = index.append([hitRaised(2, { id: 'hit-2' }), hitRaised(3, { id: 'hit-3' })]);
    expect(again).toEqual({ appended: 1, skipped: 1, refused: [] });
    expect(index.stateAtSeq(3).alerts.size).toBe(3);
  });

  it('given a state from the index, when the caller folds more events into it in place, then the index is untouched', () => {
    const index = createReplayIndex({ snapshotEvery: 1 });
    index.append([hitRaised(1), hitRaised(2, { id: 'hit-2' })]);
    const mine = index.stateAtSeq(1);
    foldEventsInPlace(mine, [{ seq: 2, at: T0 + 2000, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }]);
    expect(index.stateAtSeq(1).alerts.get('hit-1')?.status).toBe('new');
    expect(index.stateAtSeq(2).alerts.get('hit-1')?.status).toBe('new');
    expect(index.stateAtSeq(2).alerts.has('hit-2')).toBe(true);
  });

  it('given a range, when events between are asked, then both ends are included', () => {
    const index = createReplayIndex();
    index.append([hitRaised(1), hitRaised(2, { id: 'hit-2' }), hitRaised(3, { id: 'hit-3' })]);
    expect(index.eventsBetween(T0 + 2000, T0 + 3000).map((event) => event.seq)).toEqual([2, 3]);
    expect(index.span).toEqual({ from: T0 + 1000, to: T0 + 3000 });
  });
});

describe('replay index properties', () => {
  const scenario = fc.record({
    seed: fc.integer(),
    length: fc.integer({ min: 0, max: 600 }),
    snapshotEvery: fc.integer({ min: 1, max: 64 }),
    batches: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 }),
    probes: fc.array(fc.double({ min: -0.05, max: 1.05, noNaN: true }), { minLength: 1, maxLength: 6 }),
  });

  it('given any operation appended in any batches, when asked for the state at T, then it equals a fold from the first event', () => {
    fc.assert(
      fc.property(scenario, ({ seed, length, snapshotEvery, batches, probes }) => {
        const events = syntheticLog({ seed, events: length, start: T0, durationMs: HOUR, checkpoints: 5 });
        const index = createReplayIndex({ snapshotEvery });
        for (let offset = 0, batch = 0; offset < events.length; batch += 1) {
          const size = batches[batch % batches.length]!;
          index.append(events.slice(offset, offset + size));
          offset += size;
        }
        for (const probe of probes) {
          const time = Math.round(T0 + probe * HOUR);
          const expected = foldFromFirst(events.filter((event) => event.at <= time));
          expect(plain(index.stateAt(time))).toEqual(plain(expected));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('given an operation of several thousand alerts, when asked at spread times, then each state equals a fold from the first event', () => {
    // Past 1,024 alerts the table spans several chunks: this covers copy-on-write across chunk borders.
    const events = syntheticLog({ seed: 11, events: 6000, start: T0, durationMs: HOUR });
    const index = createReplayIndex({ snapshotEvery: 700 });
    index.append(events.slice(0, 2500));
    index.append(events.slice(2500));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HOUR }), (offset) => {
        const time = T0 + offset;
        expect(plain(index.stateAt(time))).toEqual(plain(foldFromFirst(events.filter((event) => event.at <= time))));
      }),
      { numRuns: 25 },
    );
  });

  it('given states taken in any order, when each is folded forward by its caller, then later answers stay exact', () => {
    fc.assert(
      fc.property(scenario, ({ seed, length, snapshotEvery, probes }) => {
        const events = syntheticLog({ seed, events: length, start: T0, durationMs: HOUR, checkpoints: 5 });
        const index = createReplayIndex({ snapshotEvery });
        index.append(events);
        for (const probe of probes) {
          const seq = Math.floor(Math.max(0, Math.min(1, probe)) * events.length);
          // A player folding forward from a seek must never disturb the snapshots later seeks start from.
          const mine = index.stateAtSeq(seq);
          foldEventsInPlace(mine, events.slice(seq, seq + snapshotEvery * 2));
          expect(plain(index.stateAtSeq(seq))).toEqual(plain(foldFromFirst(events.slice(0, seq))));
        }
      }),
      { numRuns: 100 },
    );
  });
});
