import { actorOf, hitRaised, officers, T0 } from '@watchfloor/shared/testing';
import { createReplayIndex, mulberry32, type Alert, type OpsEvent, type ReplayIndex } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import { HIDDEN_KEY, severityStatusKey } from './categories';
import { createHitColumns, type HitColumns } from './hit-columns';
import { createMapProjection, type MapProjection } from './projection';

const by = actorOf(officers.duty);
const at = (seq: number) => T0 + seq * 1000;
const raise = (seq: number, n: number): OpsEvent => hitRaised(seq, { id: `hit-${n}`, at: at(seq), severity: n % 2 === 0 ? 'critical' : 'low' });
const acknowledge = (seq: number, n: number): OpsEvent => ({ seq, at: at(seq), type: 'alert.acknowledged', alertId: `hit-${n}`, by });
const resolve = (seq: number, n: number): OpsEvent => ({ seq, at: at(seq), type: 'alert.resolved', alertId: `hit-${n}`, outcome: 'no-action', final: true, by });

/** What a row shows: its alert's status in the picture, or hidden when the picture has not the alert. */
function expectShows(hits: HitColumns, alerts: ReadonlyMap<string, Alert>): void {
  for (let row = 0; row < hits.length; row++) {
    const alert = alerts.get(hits.alertIdAt(row)!);
    const expected = alert === undefined ? HIDDEN_KEY : severityStatusKey(alert.hit.severity, alert.status);
    expect({ row, key: hits.categories[row * 4] }).toEqual({ row, key: expected });
  }
}

/** A console that has applied `log` live, batch by batch, with the replay index of the same log. */
function liveConsole(log: readonly OpsEvent[]) {
  const index = createReplayIndex({ snapshotEvery: 16 });
  const hits = createHitColumns({ originMs: T0, initialCapacity: 4 });
  const projection = createMapProjection(hits);
  const live = () => index.stateAtSeq(index.lastSeq).alerts;
  const applyLive = (events: readonly OpsEvent[]) => {
    const before = index.stateAtSeq(index.lastSeq).alerts;
    index.append(events);
    const after = live();
    const touched = [...new Set(events.map((event) => (event.type === 'hit.raised' ? event.hit.id : 'alertId' in event ? event.alertId : '')))];
    const raised = touched.filter((id) => !before.has(id) && after.has(id)).map((id) => after.get(id)!);
    const updated = touched.filter((id) => before.has(id)).map((id) => after.get(id)!);
    projection.applyLive(raised, updated);
  };
  for (let i = 0; i < log.length; i += 5) applyLive(log.slice(i, i + 5));
  return { index, hits, projection, live, applyLive };
}

/** Alerts 1..20 raised, each acknowledged a little later, every third one resolved later still. */
function operationLog(): OpsEvent[] {
  const log: OpsEvent[] = [];
  let seq = 0;
  for (let n = 1; n <= 20; n++) {
    log.push(raise(++seq, n));
    if (n > 2) log.push(acknowledge(++seq, n - 2));
    if (n > 5 && (n - 5) % 3 === 0) log.push(resolve(++seq, n - 5));
  }
  return log;
}

const pastAt = (projection: MapProjection, index: ReplayIndex, time: number) => projection.showPast(time, index.stateAt(time).alerts, index);

describe('MapProjection', () => {
  it('given a live map, when paused at T, then every row shows its status at T and alerts raised since are hidden', () => {
    const { index, hits, projection, live } = liveConsole(operationLog());
    expectShows(hits, live());

    pastAt(projection, index, at(12));

    expect(projection.pastAt).toBe(at(12));
    expectShows(hits, index.stateAt(at(12)).alerts);
    expect(hits.categories[hits.rowOf('hit-20')! * 4]).toBe(HIDDEN_KEY);
  });

  it('given the past on the map, when the officer goes back to live, then every row shows its live status again', () => {
    const { index, hits, projection, live } = liveConsole(operationLog());
    pastAt(projection, index, at(7));
    pastAt(projection, index, at(30));

    projection.showLive(live());

    expect(projection.pastAt).toBeUndefined();
    expectShows(hits, live());
  });

  it('given a paused map, when live batches resolve a held alert and raise new ones, then the map still shows T until it returns to live', () => {
    const log = operationLog();
    const { index, hits, projection, live, applyLive } = liveConsole(log);
    const time = at(log.length - 3);
    pastAt(projection, index, time);
    const atT = index.stateAt(time).alerts;
    const open = [...atT.values()].find((alert) => alert.status === 'acknowledged')!;

    const next = index.lastSeq;
    applyLive([resolve(next + 1, Number(open.id.slice(4))), raise(next + 2, 21)]);

    expectShows(hits, atT);
    expect(hits.categories[hits.rowOf(open.id)! * 4]).toBe(severityStatusKey(open.hit.severity, 'acknowledged'));
    projection.showLive(live());
    expectShows(hits, live());
    expect(hits.categories[hits.rowOf(open.id)! * 4]).toBe(severityStatusKey(open.hit.severity, 'resolved'));
  });

  it('given playback, when the moment moves a little, then only the rows of alerts touched in between are restyled', () => {
    const { index, hits, projection } = liveConsole(operationLog());
    pastAt(projection, index, at(10));
    const setStatus = vi.spyOn(hits, 'setStatus');

    pastAt(projection, index, at(12));

    const touched = index.eventsBetween(at(10), at(12)).length;
    expect(setStatus.mock.calls.length).toBeLessThanOrEqual(touched);
    expect(setStatus.mock.calls.length).toBeGreaterThan(0);
    expectShows(hits, index.stateAt(at(12)).alerts);
    setStatus.mockClear();
    pastAt(projection, index, at(12));
    expect(setStatus).not.toHaveBeenCalled();
  });

  it('given any walk of pauses, seeks, live batches and returns to live, then the map always shows the picture on screen', () => {
    const random = mulberry32(17);
    const log = operationLog();
    const { index, hits, projection, live, applyLive } = liveConsole(log.slice(0, 30));
    let fed = 30;
    let shown: ReadonlyMap<string, Alert> | undefined;
    for (let step = 0; step < 200; step++) {
      const choice = random();
      if (choice < 0.5) {
        const time = at(Math.floor(random() * (index.lastSeq + 2)));
        pastAt(projection, index, time);
        shown = index.stateAt(time).alerts;
      } else if (choice < 0.65) {
        projection.showLive(live());
        shown = undefined;
      } else {
        const seq = index.lastSeq;
        const n = 1 + Math.floor(random() * 25);
        const kind = random();
        const event: OpsEvent =
          fed < log.length ? { ...log[fed++]!, seq: seq + 1, at: at(seq + 1) } : kind < 0.5 ? acknowledge(seq + 1, n) : resolve(seq + 1, n);
        applyLive([event]);
      }
      expectShows(hits, shown ?? live());
    }
  });
});
