import { EMPTY_OPS_STATE, foldEvents, type OpsEvent } from '@watchfloor/shared';
import { T0, aCheckpoint, anOperation, hitRaised, officers } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache, type LocalCacheOptions } from './cache';
import { HIT_CHUNK_ROWS } from './hit-chunks';
import type { SnapshotPart } from './picture-write';

/** The cache storing the hub's snapshot as its picture, page by page, so a reload shows it and resumes from its seq. */
const identity = { officerId: officers.duty.id, hubId: 'hub-a' };
const env = (): LocalCacheOptions => ({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'snapshot-cache', now: () => T0 + 60_000 });
const opened: LocalCache[] = [];
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
});

async function open(options: LocalCacheOptions): Promise<LocalCache> {
  const { cache } = await openLocalCache(identity, options);
  opened.push(cache);
  return cache;
}

const raised = (from: number, count: number): OpsEvent[] => Array.from({ length: count }, (_, i) => hitRaised(from + i, { id: `hit-${from + i}` }));
const alertsOf = (events: readonly OpsEvent[]) => [...foldEvents(EMPTY_OPS_STATE, events).state.alerts.values()];

function part(index: number, pages: number, events: readonly OpsEvent[]): SnapshotPart {
  return {
    seq: 9000,
    lastAt: T0 + 9000,
    index,
    pages,
    operations: index === 0 ? [anOperation()] : [],
    checkpoints: index === 0 ? [aCheckpoint()] : [],
    alerts: alertsOf(events),
  };
}

describe('storing the snapshot as the picture', () => {
  it('given a cached picture, when a snapshot is stored page by page, then it replaces the picture and through is its seq only after the last page', async () => {
    const options = env();
    const cache = await open(options);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });

    const first = raised(100, HIT_CHUNK_ROWS + 10);
    expect(await cache.storeSnapshotPage(part(0, 2, first))).toEqual({ ok: true, applied: first.length, through: 0 });
    const midway = await cache.loadPicture();
    expect(midway.through).toBe(0);
    expect(midway.state.alerts.has('hit-1')).toBe(false);
    expect(midway.state.alerts.size).toBe(first.length);

    const second = raised(5000, 20);
    expect(await cache.storeSnapshotPage(part(1, 2, second))).toEqual({ ok: true, applied: 20, through: 9000 });
    cache.close();
    const reloaded = await (await open(options)).loadPicture();
    expect(reloaded.through).toBe(9000);
    expect(reloaded.state.lastAt).toBe(T0 + 9000);
    expect(reloaded.state.alerts).toEqual(foldEvents(EMPTY_OPS_STATE, [...first, ...second]).state.alerts);
    expect([...reloaded.state.operations.keys()]).toEqual(['op-1']);
    expect(reloaded.hits.length).toBe(first.length + second.length);
  });

  it('given a stored snapshot, then the log after its seq is stored onto it without a gap', async () => {
    const cache = await open(env());
    await cache.storeSnapshotPage(part(0, 1, raised(1, 5)));
    expect(await cache.applyBatch([hitRaised(9001, { id: 'hit-late' })], { after: 9000, through: 9001 })).toMatchObject({ ok: true, through: 9001 });
    const picture = await cache.loadPicture();
    expect(picture.state.alerts.size).toBe(6);
    expect(picture.through).toBe(9001);
  });
});
