import { EMPTY_OPS_STATE, foldEvents, foldEventsInPlace, type OpsEvent, type SnapshotPage } from '@watchfloor/shared';
import { aCheckpoint, actorOf, anOperation, hitRaised, logged, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from './snapshot';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

function pagesOf(snapshot: ReturnType<typeof takeSnapshot>): SnapshotPage[] {
  const pages: SnapshotPage[] = [];
  for (let page = snapshot.next(); page !== undefined; page = snapshot.next()) pages.push(page);
  return pages;
}

describe('takeSnapshot', () => {
  const events: OpsEvent[] = [
    logged({ type: 'operation.updated', operation: anOperation({ countries: ['BJ'] }) }, 1),
    logged({ type: 'checkpoint.updated', checkpoint: aCheckpoint({ id: 'cp-bj', country: 'BJ' }) }, 2),
    logged({ type: 'checkpoint.updated', checkpoint: aCheckpoint() }, 3),
    ...Array.from({ length: 23 }, (_, i) =>
      hitRaised(10 + i, { id: `hit-${i}`, severity: SEVERITIES[i % 4]!, at: 1000 - i, country: i % 2 === 0 ? 'NG' : 'BJ', recordOwner: 'FR' }),
    ),
  ];
  const state = foldEvents(EMPTY_OPS_STATE, events).state;

  it('given more alerts than a page, then pages carry one seq, their index and the total, most urgent first', () => {
    const snapshot = takeSnapshot(officers.lead, state, 40, 5);
    const pages = pagesOf(snapshot);
    expect(pages.map((page) => [page.seq, page.index, page.pages, page.total])).toEqual(Array.from({ length: 5 }, (_, i) => [40, i, 5, 23]));
    expect(pages.map((page) => page.alerts.length)).toEqual([5, 5, 5, 5, 3]);
    const order = pages.flatMap((page) => page.alerts.map((entry) => [entry.hit.severity, entry.hit.at] as const));
    const expected = [...order].sort((a, b) => SEVERITIES.indexOf(b[0]) - SEVERITIES.indexOf(a[0]) || a[1] - b[1]);
    expect(order).toEqual(expected);
    expect(pages[0]!.operations).toHaveLength(1);
    expect(pages.slice(1).every((page) => page.operations.length === 0 && page.checkpoints.length === 0)).toBe(true);
    expect(snapshot.next()).toBeUndefined();
  });

  it('given a scoped officer, then only what concerns their country is in it', () => {
    const pages = pagesOf(takeSnapshot(officers.abuja, state, 40, 100));
    expect(pages[0]!.alerts.every((entry) => entry.hit.country === 'NG')).toBe(true);
    expect(pages[0]!.total).toBe(12);
    expect(pages[0]!.operations).toEqual([]);
    expect(pages[0]!.checkpoints.map((checkpoint) => checkpoint.id)).toEqual(['cp-los']);
  });

  it('given the hub folding events in place while the pages go out, then the later pages still show the picture at the snapshot seq', () => {
    const live = foldEvents(EMPTY_OPS_STATE, events).state;
    const snapshot = takeSnapshot(officers.lead, live, 40, 5);
    const first = snapshot.next()!;
    foldEventsInPlace(live, [
      { seq: 41, at: 2000, type: 'alert.acknowledged', alertId: 'hit-22', by: actorOf(officers.duty) },
      hitRaised(42, { id: 'hit-late', severity: 'critical', at: 2000 }),
    ]);
    const rest = pagesOf(snapshot);
    const alerts = [first, ...rest].flatMap((page) => page.alerts);
    expect(alerts).toHaveLength(23);
    expect(alerts.some((entry) => entry.hit.id === 'hit-late')).toBe(false);
    expect(alerts.find((entry) => entry.hit.id === 'hit-22')!.events).toBeUndefined();
    expect(live.alerts.get('hit-22')!.status).toBe('acknowledged');
  });

  it('given nothing held, then one empty page says so', () => {
    expect(pagesOf(takeSnapshot(officers.lead, EMPTY_OPS_STATE, 0))).toEqual([
      { seq: 0, lastAt: 0, index: 0, pages: 1, total: 0, operations: [], checkpoints: [], alerts: [] },
    ]);
  });
});
