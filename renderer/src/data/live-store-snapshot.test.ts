import { EMPTY_OPS_STATE, foldEvents, raiseAlert, type Command } from '@watchfloor/shared';
import { aCheckpoint, anOperation, hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createLiveStore } from './live-store';
import type { PicturePage } from './worker-protocol';

/** The live store loading the hub's snapshot page by page. */
const now = (flush: () => void) => flush();
const alertOf = (seq: number, id: string) => raiseAlert(hitRaised(seq, { id }));

function page(index: number, ids: readonly [number, string][], pages = 2): PicturePage {
  return {
    seq: 40,
    lastAt: 1234,
    index,
    pages,
    total: 3,
    operations: index === 0 ? [anOperation()] : [],
    checkpoints: index === 0 ? [aCheckpoint()] : [],
    alerts: ids.map(([seq, id]) => alertOf(seq, id)),
  };
}

describe('live store loading a snapshot', () => {
  it('given a held picture, when the first page comes, then it replaces the picture, shows progress and keeps through until the last page', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1, { id: 'hit-old' })], { after: 0, through: 1 });
    store.reset();
    store.loadSnapshotPage(page(0, [[10, 'hit-a'], [11, 'hit-b']]));
    const first = store.getSnapshot();
    expect([...first.state.alerts.keys()]).toEqual(['hit-a', 'hit-b']);
    expect([...first.confirmed.operations.keys()]).toEqual(['op-1']);
    expect(first.loading).toEqual({ received: 2, total: 3 });
    expect(first.through).toBe(0);
    expect(store.alertChangesSince(first.revision - 1)).toBeUndefined();

    store.loadSnapshotPage(page(1, [[12, 'hit-c']]));
    const last = store.getSnapshot();
    expect([...last.state.alerts.keys()]).toEqual(['hit-a', 'hit-b', 'hit-c']);
    expect([...store.alertChangesSince(first.revision)!.keys()]).toEqual(['hit-c']);
    expect(last.loading).toBeUndefined();
    expect(last.through).toBe(40);
    expect(last.confirmed.lastSeq).toBe(40);
    expect(last.confirmed.lastAt).toBe(1234);
  });

  it('given the whole snapshot, then the log after its seq follows without a gap and folds onto it', () => {
    const store = createLiveStore(now);
    store.loadSnapshotPage(page(0, [[10, 'hit-a']], 1));
    const range = { after: 40, through: 41 };
    expect(store.hasGapBefore(range)).toBe(false);
    const effect = store.applyBatch([hitRaised(41, { id: 'hit-d' })], range);
    expect(effect.raised.map((alert) => alert.id)).toEqual(['hit-d']);
    expect(store.getSnapshot().through).toBe(41);
    const expected = foldEvents(EMPTY_OPS_STATE, [hitRaised(10, { id: 'hit-a' }), hitRaised(41, { id: 'hit-d' })]).state.alerts;
    expect(new Map(store.getSnapshot().confirmed.alerts)).toEqual(expected);
  });

  it('given a command the hub logged at or before the snapshot seq, then the last page settles it', () => {
    const store = createLiveStore(now);
    const command: Command = { type: 'acknowledge', alertId: 'hit-a', mutationId: 'm-0000000001' };
    store.commandQueued(command, 1);
    store.commandAnswered(command, { ok: true, seq: 30 });
    store.loadSnapshotPage(page(0, [[10, 'hit-a']]));
    expect(store.getSnapshot().pending.size).toBe(1);
    store.loadSnapshotPage(page(1, []));
    expect(store.getSnapshot().pending.size).toBe(0);
  });
});

describe('live store seeded from the cache in pages', () => {
  it('given the first cached page, when later pages follow, then each adds its alerts with progress, the picture stays the cache’s, and the last ends the progress', () => {
    const store = createLiveStore(now);
    const first = new Map([['hit-a', alertOf(10, 'hit-a')]]);
    store.seed({ state: { ...EMPTY_OPS_STATE, lastSeq: 40, alerts: first }, through: 40, ageMs: 5_000, pending: [], loading: { received: 1, total: 3 } });
    const seeded = store.getSnapshot();
    expect(seeded.loading).toEqual({ received: 1, total: 3 });
    expect(seeded.fromCache).toBe(true);

    store.seedMore([alertOf(11, 'hit-b')], { received: 2, total: 3 });
    const middle = store.getSnapshot();
    expect(middle.loading).toEqual({ received: 2, total: 3 });
    expect([...store.alertChangesSince(seeded.revision)!.keys()]).toEqual(['hit-b']);

    store.seedMore([alertOf(12, 'hit-c')], undefined);
    const last = store.getSnapshot();
    expect([...last.state.alerts.keys()]).toEqual(['hit-a', 'hit-b', 'hit-c']);
    expect(last.loading).toBeUndefined();
    expect(last.fromCache).toBe(true);
    expect(last.through).toBe(40);
    expect(last.receivedAt).toBe(seeded.receivedAt);
    expect(first.size).toBe(1);
  });
});
