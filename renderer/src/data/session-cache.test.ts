import { officers, T0, hitRaised } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openLocalCache, rightsOf, type LocalCacheOptions } from '../cache';
import { ALERT_PAGE_ROWS } from '../cache/alert-pages';
import { createLiveStore, type PictureLoading } from './live-store';
import { createSessionCache } from './session-cache';

/** The session's cache at start: the queue shows the first page of the cached picture while the rest is read. */
const now = (flush: () => void) => flush();

async function aCacheHolding(env: LocalCacheOptions, alerts: number): Promise<void> {
  const { cache } = await openLocalCache({ officerId: officers.duty.id, rights: rightsOf(officers.duty) }, env);
  await cache.bindHub('hub-a', rightsOf(officers.duty));
  const events = Array.from({ length: alerts }, (_, index) => hitRaised(index + 1, { id: `hit-${index + 1}` }));
  await cache.applyBatch(events, { after: 0, through: alerts });
  cache.close();
}

describe('session cache: the cached picture at start', () => {
  it('given more cached alerts than a page, when the cache opens, then the first page is on screen with progress before the last is read, and the hub resumes from the cache’s seq', async () => {
    const env: LocalCacheOptions = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'session-cache', now: () => T0 + 60_000 };
    const held = ALERT_PAGE_ROWS + 3;
    await aCacheHolding(env, held);
    const store = createLiveStore(now);
    const shown: { alerts: number; loading: PictureLoading | undefined }[] = [];
    store.subscribe(() => shown.push({ alerts: store.getSnapshot().state.alerts.size, loading: store.getSnapshot().loading }));
    const seeded: string[] = [];
    const cache = createSessionCache({
      options: { cache: env },
      store,
      map: { seed: () => seeded.push('hits'), drop: () => seeded.push('drop') },
      history: () => Promise.reject(new Error('no hub here')),
      kick: () => undefined,
    });

    const resume = await cache.open(officers.duty);
    cache.close();

    expect(shown[0]?.alerts).toBe(ALERT_PAGE_ROWS);
    expect(shown[0]?.loading?.received).toBe(ALERT_PAGE_ROWS);
    expect([undefined, held]).toContain(shown[0]?.loading?.total);
    expect(shown.at(-1)).toEqual({ alerts: held, loading: undefined });
    expect(seeded).toEqual(['hits']);
    expect(resume).toEqual({ since: held, hubId: 'hub-a' });
    expect(store.getSnapshot().fromCache).toBe(true);
  });
});

describe('session cache: retention', () => {
  it("given the bureau's event retention, when the console runs past it, then the writer purges what has aged at start and again each hour", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const DAY = 86_400_000;
      const clock = { now: T0 };
      const env: LocalCacheOptions = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'session-retention', now: () => clock.now };
      const { cache: held } = await openLocalCache({ officerId: officers.duty.id, rights: rightsOf(officers.duty) }, env);
      await held.bindHub('hub-a', rightsOf(officers.duty));
      await held.applyBatch([1, 2, 3].map((seq) => hitRaised(seq, { id: `hit-${seq}` })), { after: 0, through: 3 });
      const fresh = T0 + 2 * DAY;
      await held.applyBatch([{ ...hitRaised(4, { id: 'hit-4', at: fresh }), at: fresh }], { after: 3, through: 4 });
      held.close();

      clock.now = fresh + 60_000;
      const cache = createSessionCache({
        options: { cache: env, retentionMs: DAY },
        store: createLiveStore(now),
        map: { seed: () => undefined, drop: () => undefined },
        history: () => Promise.reject(new Error('no hub here')),
        kick: () => undefined,
      });
      await cache.open(officers.duty);
      const { cache: reader } = await openLocalCache({ officerId: officers.duty.id, rights: rightsOf(officers.duty) }, env);
      const cachedSeqs = async () => (await reader.readEvents(0, 10)).map((event) => event.seq);
      await vi.waitFor(async () => expect(await cachedSeqs()).toEqual([4]));

      clock.now = fresh + DAY + 60_000;
      vi.advanceTimersByTime(3_600_000);
      await vi.waitFor(async () => expect(await cachedSeqs()).toEqual([]));
      cache.close();
      reader.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
