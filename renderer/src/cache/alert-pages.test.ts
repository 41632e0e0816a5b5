import type { OpsEvent } from '@watchfloor/shared';
import { T0, hitRaised } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_PAGE_ROWS, readAlertPages, type AlertPage } from './alert-pages';
import { openLocalCache, type LocalCache, type LocalCacheOptions } from './cache';
import { CacheDatabase } from './database';

/** The cached alerts read page by page: the same picture as a whole read, the first page first, with progress. */
const identity = { officerId: 'officer-duty', hubId: 'hub-a' };

function anEnvironment(): LocalCacheOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange, name: 'paged-cache', now: () => T0 + 60_000 };
}

function raised(count: number): OpsEvent[] {
  return Array.from({ length: count }, (_, index) => hitRaised(index + 1, { id: `hit-${index + 1}`, lon: (index % 360) - 180 }));
}

const opened: { close(): void }[] = [];
async function aCacheHolding(env: LocalCacheOptions, alerts: number): Promise<LocalCache> {
  const { cache } = await openLocalCache(identity, env);
  opened.push(cache);
  await cache.applyBatch(raised(alerts), { after: 0, through: alerts });
  return cache;
}

async function rawDatabase(env: LocalCacheOptions): Promise<CacheDatabase> {
  const raw = new CacheDatabase(env.name!, env, 'default');
  await raw.open();
  opened.push(raw);
  return raw;
}

/** Reads a cache holding `held` alerts in pages of `pageRows`, as they come. */
async function pagesRead(held: number, pageRows: number): Promise<AlertPage[]> {
  const env = anEnvironment();
  await aCacheHolding(env, held);
  const raw = await rawDatabase(env);
  const pages: AlertPage[] = [];
  await raw.transaction('r', raw.alerts, () => readAlertPages(raw.alerts, (page) => pages.push(page), pageRows));
  return pages;
}

/**
 * What each page said, without its alerts. A page's total is the count, or undefined while the count (in a
 * transaction of its own) is not in yet: it must never be wrong, and the last page's is exact.
 */
function progressOf(pages: readonly AlertPage[]) {
  const counted = pages.at(-1)?.total;
  for (const page of pages) expect([undefined, counted]).toContain(page.total);
  return pages.map(({ alerts, received, last }) => ({ rows: alerts.length, received, last }));
}

afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
});

describe('cached alerts read in pages', () => {
  it('given more alerts than a page, when they are read in pages, then every alert comes once, most urgent first, with progress and the last marked', async () => {
    const pages = await pagesRead(7, 3);

    expect(progressOf(pages)).toEqual([
      { rows: 3, received: 3, last: false },
      { rows: 3, received: 6, last: false },
      { rows: 1, received: 7, last: true },
    ]);
    const ids = pages.flatMap((page) => page.alerts.map((alert) => alert.id));
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(7);
  });

  it('given a page-sized number of alerts, when they are read, then an empty last page says the read is done', async () => {
    const pages = await pagesRead(4, 2);

    expect(pages.at(-1)?.total).toBe(4);
    expect(progressOf(pages).map((page) => [page.rows, page.last])).toEqual([
      [2, false],
      [2, false],
      [0, true],
    ]);
  });

  it('given more alerts than a page, when the picture is loaded, then the pages make the same picture as the whole load and the first comes before the map', async () => {
    const env = anEnvironment();
    const held = ALERT_PAGE_ROWS + 5;
    const cache = await aCacheHolding(env, held);
    const order: string[] = [];
    const pages: AlertPage[] = [];
    const seenAtFirstPage: number[] = [];

    const picture = await cache.loadPicture(undefined, {
      onAlerts: (page, head) => {
        if (pages.length === 0) seenAtFirstPage.push(head.state.alerts.size, head.through);
        pages.push(page);
        order.push('alerts');
      },
      onHits: () => order.push('hits'),
    });

    expect(order[0]).toBe('alerts');
    expect(order).toContain('hits');
    expect(seenAtFirstPage).toEqual([ALERT_PAGE_ROWS, held]);
    expect(progressOf(pages)).toEqual([
      { rows: ALERT_PAGE_ROWS, received: ALERT_PAGE_ROWS, last: false },
      { rows: 5, received: held, last: true },
    ]);
    const paged = new Map(pages.flatMap((page) => page.alerts.map((alert) => [alert.id, alert] as const)));
    const whole = await cache.loadPicture();
    expect(paged).toEqual(whole.state.alerts);
    expect(picture.state.alerts).toEqual(whole.state.alerts);
    expect(picture.through).toBe(held);
  });

  it('given a damaged row in a later page, when the picture is loaded, then the pages start again from the rebuilt, empty cache', async () => {
    const env = anEnvironment();
    const held = ALERT_PAGE_ROWS + 5;
    const cache = await aCacheHolding(env, held);
    const raw = await rawDatabase(env);
    const lastId = (await raw.alerts.toCollection().primaryKeys()).at(-1)!;
    await raw.alerts.update(lastId, { 'alert.hit.lat': 999 });
    raw.close();
    const pages: AlertPage[] = [];

    const picture = await cache.loadPicture(undefined, { onAlerts: (page) => pages.push(page) });

    expect(picture.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows' }]);
    expect(progressOf(pages)).toEqual([
      { rows: ALERT_PAGE_ROWS, received: ALERT_PAGE_ROWS, last: false },
      { rows: 0, received: 0, last: true },
    ]);
    expect(picture.state.alerts.size).toBe(0);
  });
});
