import { compareUrgency, type OpsEvent } from '@watchfloor/shared';
import { T0, actorOf, aCommand, hitRaised, officers } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { statusOfKey } from '../map/categories';
import { openLocalCache, type LocalCache, type LocalCacheOptions } from './cache';
import type { CacheIdentity } from './types';
import { CacheDatabase, deleteDatabase, SCHEMA_VERSIONS } from './database';
import { EVENT_BLOCK_EVENTS } from './event-blocks';
import { appendToChunk, emptyChunk } from './hit-chunks';

const duty = actorOf(officers.duty);
const identity = { officerId: officers.duty.id, hubId: 'hub-a' };

function anEnvironment(): LocalCacheOptions & { clock: { now: number } } {
  const clock = { now: T0 + 60_000 };
  return { indexedDB: new IDBFactory(), IDBKeyRange, name: 'test-cache', now: () => clock.now, clock };
}

function raised(from: number, count: number): OpsEvent[] {
  return Array.from({ length: count }, (_, index) => hitRaised(from + index, { id: `hit-${from + index}`, lon: (index % 360) - 180 }));
}

const acknowledged = (seq: number, alertId: string): OpsEvent => ({ seq, at: T0 + seq * 1000, type: 'alert.acknowledged', alertId, by: duty });

/** A raw connection beside the cache's, to look at or damage what is on disk. */
async function rawDatabase(env: LocalCacheOptions): Promise<CacheDatabase> {
  const raw = new CacheDatabase(env.name!, env, 'default');
  await raw.open();
  return raw;
}

/** Every seq the log holds, block by block, as stored (a seq held twice shows twice). */
async function storedSeqs(raw: CacheDatabase): Promise<number[]> {
  return (await raw.eventBlocks.toArray()).flatMap((block) => block.events.map((event) => event.seq));
}

const opened: LocalCache[] = [];
async function open(env: LocalCacheOptions, who: CacheIdentity = identity) {
  const result = await openLocalCache(who, env);
  opened.push(result.cache);
  return result;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const cache of opened.splice(0)) cache.close();
});

describe('local cache: batches', () => {
  it('given batches, when the picture is loaded, then state, through, map rows and age come back', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    expect(await cache.applyBatch(raised(1, 3), { after: 0, through: 3 })).toEqual({ ok: true, applied: 3, through: 3 });
    expect(await cache.applyBatch([acknowledged(5, 'hit-2')], { after: 3, through: 6 })).toMatchObject({ ok: true, through: 6 });
    env.clock.now += 5_000;

    const picture = await cache.loadPicture();

    expect(picture.through).toBe(6);
    expect(picture.state.lastSeq).toBe(6);
    expect([...picture.state.alerts.keys()].sort()).toEqual(['hit-1', 'hit-2', 'hit-3']);
    expect(picture.state.alerts.get('hit-2')?.status).toBe('acknowledged');
    expect(picture.hits.length).toBe(3);
    const row = picture.hits.rowOf('hit-2')!;
    expect(statusOfKey(picture.hits.categories[row * 4]!)).toBe('acknowledged');
    expect(picture.hits.positions[row * 2]).toBeCloseTo(-179);
    expect(picture.ageMs).toBe(5_000);
  });

  it('given an empty cache, when loaded, then the picture is empty and has no age', async () => {
    const { cache } = await open(anEnvironment());
    const picture = await cache.loadPicture();
    expect(picture.state.alerts.size).toBe(0);
    expect(picture.hits.length).toBe(0);
    expect(picture.ageMs).toBeUndefined();
  });

  it('given a batch already stored, when it arrives again, then nothing is applied twice', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    expect(await cache.applyBatch(raised(1, 3), { after: 0, through: 3 })).toEqual({ ok: true, applied: 0, through: 3 });
    expect(await cache.applyBatch(raised(2, 3), { after: 1, through: 4 })).toEqual({ ok: true, applied: 1, through: 4 });
    const picture = await cache.loadPicture();
    expect(picture.hits.length).toBe(4);
    expect(picture.state.alerts.size).toBe(4);
  });

  it('given a hit already cached and acknowledged, when a later batch raises it again, then the raise is refused and nothing is duplicated', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    await cache.applyBatch([acknowledged(3, 'hit-1')], { after: 2, through: 3 });
    const again = hitRaised(4, { id: 'hit-1' });

    expect(await cache.applyBatch([again, ...raised(5, 1)], { after: 3, through: 5 })).toEqual({ ok: true, applied: 2, through: 5 });

    const picture = await cache.loadPicture();
    expect(picture.state.alerts.get('hit-1')?.status).toBe('acknowledged');
    expect(picture.hits.length).toBe(3);
    expect(statusOfKey(picture.hits.categories[picture.hits.rowOf('hit-1')! * 4]!)).toBe('acknowledged');
    expect(picture.through).toBe(5);
  });

  it('given cached hits, when the picture is loaded with onHits, then the map comes first, complete, and is the picture’s map', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const seen: { rows: number; through: number }[] = [];
    let early: unknown;

    const picture = await cache.loadPicture(undefined, {
      onHits: (map) => {
        seen.push({ rows: map.hits.length, through: map.through });
        early = map.hits;
      },
    });

    expect(seen).toEqual([{ rows: 3, through: 3 }]);
    expect(early).toBe(picture.hits);
    expect(picture.state.alerts.size).toBe(3);
  });

  it('given cached hits, when only the map part is loaded, then hits, checkpoints and through come back', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    env.clock.now += 2_000;

    const map = await cache.loadHits();

    expect(map.hits.length).toBe(3);
    expect(map.hits.alertIdAt(2)).toBe('hit-3');
    expect(map.through).toBe(3);
    expect(map.ageMs).toBe(2_000);
    expect(map.notices).toEqual([]);
  });

  it('given a batch starting after what is stored, when applied, then a gap is reported and nothing moves', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    expect(await cache.applyBatch(raised(6, 1), { after: 5, through: 6 })).toMatchObject({ ok: false, reason: 'gap', through: 2 });
    expect((await cache.loadPicture()).through).toBe(2);
  });

  it('given a batch whose range covers events hidden from the officer, then through moves past them', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch([], { after: 0, through: 10 });
    expect((await cache.loadPicture()).through).toBe(10);
  });

  it('given more hits than one chunk holds, then they span chunks and all load in order', async () => {
    const { cache } = await open(anEnvironment());
    for (let from = 1; from <= 2500; from += 500) await cache.applyBatch(raised(from, 500), { after: from - 1, through: from + 499 });
    const picture = await cache.loadPicture();
    expect(picture.hits.length).toBe(2500);
    expect(picture.hits.alertIdAt(0)).toBe('hit-1');
    expect(picture.hits.alertIdAt(2499)).toBe('hit-2500');
  });

  it('given a write failing in the second thousand of a batch, then the first thousand and its through are stored and nothing of the rest', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    const put = IDBObjectStore.prototype.put;
    let blocks = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      // The first thousand events fill the first blocks; this one is well into the second thousand.
      if (this.name === 'eventBlocks' && ++blocks === 1000 / EVENT_BLOCK_EVENTS + 3) throw new DOMException('disk error', 'UnknownError');
      return put.apply(this, args);
    });

    const result = await cache.applyBatch(raised(1, 2500), { after: 0, through: 2500 });

    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    vi.restoreAllMocks();
    const raw = await rawDatabase(env);
    expect(await storedSeqs(raw)).toHaveLength(1000);
    expect(await raw.alerts.count()).toBe(1000);
    expect((await raw.meta.get('cache'))?.through).toBe(1000);
    raw.close();
    expect(await cache.applyBatch(raised(1, 2500), { after: 0, through: 2500 })).toEqual({ ok: true, applied: 1500, through: 2500 });
  });
});

describe('local cache: privacy and retention', () => {
  it('given history kept for replay, then it is read back in seq order, stripped of personal fields, and the picture is untouched', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    const event = hitRaised(7, { id: 'hit-7' });
    const tainted = { ...event, hit: { ...event.hit, subject: { name: 'Jane Roe' } } } as unknown as OpsEvent;
    expect(await cache.keepEvents([...raised(1, 3), tainted])).toMatchObject({ ok: true });
    expect((await cache.readEvents(2, 10)).map((e) => e.seq)).toEqual([2, 3, 7]);
    expect(JSON.stringify(await cache.readEvents(7, 1))).not.toContain('Jane Roe');
    const picture = await cache.loadPicture();
    expect(picture.through).toBe(0);
    expect(picture.state.alerts.size).toBe(0);
  });

  it('given an event carrying personal fields, when stored, then the stored rows hold only protocol fields', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    const event = hitRaised(1);
    const tainted = {
      ...event,
      personal: { name: 'Jane Roe' },
      hit: { ...event.hit, subject: { name: 'Jane Roe', passport: 'X1234567' }, dateOfBirth: '1990-01-01' },
    } as unknown as OpsEvent;

    await cache.applyBatch([tainted], { after: 0, through: 1 });

    const raw = await rawDatabase(env);
    const stored = JSON.stringify([await raw.eventBlocks.toArray(), await raw.alerts.toArray()]);
    raw.close();
    expect(stored).not.toMatch(/Jane Roe|X1234567|1990-01-01|subject"|personal|dateOfBirth/);
    expect(stored).toContain('subjectRef');
  });

  it('given old and new data and a queued command, when purged by retention, then old events go and the outbox stays', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    await cache.enqueue(aCommand({ type: 'acknowledge', alertId: 'hit-1' }));
    env.clock.now = T0 + 10 * 86_400_000;
    await cache.applyBatch([hitRaised(4, { id: 'hit-4', at: env.clock.now })].map((e) => ({ ...e, at: env.clock.now })), { after: 3, through: 4 });

    const purged = await cache.purgeOlderThan(86_400_000);

    expect(purged.events).toBe(3);
    const raw = await rawDatabase(env);
    expect(await storedSeqs(raw)).toEqual([4]);
    raw.close();
    expect(await cache.pending()).toHaveLength(1);
  });
});

describe('local cache: event log', () => {
  it('given a live log spanning blocks, when read from the middle with a limit, then exactly those events come back in order', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 250), { after: 0, through: 250 });
    expect((await cache.readEvents(95, 10)).map((event) => event.seq)).toEqual([95, 96, 97, 98, 99, 100, 101, 102, 103, 104]);
    expect((await cache.readEvents(249, 10)).map((event) => event.seq)).toEqual([249, 250]);
    expect(await cache.readEvents(251, 10)).toEqual([]);
  });

  it('given history kept below and above the live log, when live batches reach it, then every seq is stored once and reads stay in order', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 5), { after: 0, through: 5 });
    // Replay fetched 3..9 from the hub: 3..5 are held already, 6..9 lie ahead of the live log.
    expect(await cache.keepEvents(raised(3, 7))).toMatchObject({ ok: true, applied: 4 });
    expect(await cache.keepEvents(raised(3, 7))).toMatchObject({ ok: true, applied: 0 });

    expect(await cache.applyBatch(raised(6, 7), { after: 5, through: 12 })).toMatchObject({ ok: true, applied: 7, through: 12 });

    const raw = await rawDatabase(env);
    expect(await storedSeqs(raw)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect((await raw.meta.get('cache'))?.keptThrough).toBeUndefined();
    raw.close();
    expect((await cache.readEvents(1, 100)).map((event) => event.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    const picture = await cache.loadPicture();
    expect(picture.state.alerts.size).toBe(12);
    expect(picture.hits.length).toBe(12);
  });

  it('given history kept inside a hole of the live log, then it fills the hole without a seq held twice', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    // A scoped officer is not sent every seq: the live log has 1-2 and 6-7, the hub's history has 1-7.
    await cache.applyBatch([...raised(1, 2), ...raised(6, 2)], { after: 0, through: 7 });
    expect(await cache.keepEvents(raised(1, 7))).toMatchObject({ ok: true, applied: 3 });
    const raw = await rawDatabase(env);
    expect(await storedSeqs(raw)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    raw.close();
  });

  it('given a cache written by schema version 1, when opened, then its events move into blocks and the picture and outbox stay', async () => {
    const env = anEnvironment();
    const { cache: first } = await open(env);
    await first.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await first.enqueue(command);
    first.close();
    // Turn it back into what version 1 left: a row per event, and no event blocks.
    const current = await rawDatabase(env);
    const [alerts, chunks, meta, outbox] = await Promise.all([
      current.alerts.toArray(),
      current.hitChunks.toArray(),
      current.meta.toArray(),
      current.outbox.toArray(),
    ]);
    current.close();
    await deleteDatabase(env.name!, env);
    const v1 = new Dexie(env.name!, { indexedDB: env.indexedDB!, IDBKeyRange });
    v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    await v1.open();
    const log = raised(1, 250);
    await v1.table('events').bulkPut([...log, { seq: 'not a seq' }]);
    await v1.table('alerts').bulkPut(alerts);
    await v1.table('hitChunks').bulkPut(chunks);
    await v1.table('meta').bulkPut(meta.map((row) => ({ ...row, schemaVersion: 1 })));
    await v1.table('outbox').bulkPut(outbox);
    v1.close();

    const { cache, notices } = await open(env);

    expect(notices).toEqual([]);
    expect((await cache.readEvents(1, 1000)).map((event) => event.seq)).toEqual(log.map((event) => event.seq));
    const picture = await cache.loadPicture();
    expect(picture.through).toBe(3);
    expect(picture.state.alerts.size).toBe(3);
    expect(picture.pending.map((entry) => entry.command)).toEqual([command]);
    const raw = await rawDatabase(env);
    expect(raw.backendDB().objectStoreNames.contains('events')).toBe(false);
    raw.close();
  });

  /**
   * Turns the cache at `env` back into what schema version 3 left (alert rows without their rank), with
   * `damage` applied to the alert rows first, and returns the queued command it holds.
   */
  async function storedByVersion3(env: LocalCacheOptions, events: readonly OpsEvent[], damage: (rows: Record<string, unknown>[]) => void = () => undefined) {
    const { cache: first } = await open(env);
    await first.applyBatch(events, { after: 0, through: events.at(-1)!.seq });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await first.enqueue(command);
    first.close();
    const current = await rawDatabase(env);
    const stores = ['alerts', 'hitChunks', 'eventBlocks', 'operations', 'checkpoints', 'outbox', 'meta'] as const;
    const rows = await Promise.all(stores.map((store) => current.table(store).toArray()));
    current.close();
    await deleteDatabase(env.name!, env);
    const alerts = (rows[0] as Record<string, unknown>[]).map(({ rank: _rank, ...row }) => row);
    damage(alerts);
    const v3 = new Dexie(env.name!, { indexedDB: env.indexedDB!, IDBKeyRange });
    for (const { version, stores: spec } of SCHEMA_VERSIONS.filter((entry) => entry.version <= 3)) v3.version(version).stores(spec);
    await v3.open();
    await v3.table('alerts').bulkPut(alerts);
    for (const [index, store] of stores.entries()) if (store !== 'alerts') await v3.table(store).bulkPut(rows[index]!);
    v3.close();
    return command;
  }

  it('given a cache written by schema version 3, when opened, then its alerts are read most urgent first and the picture and outbox stay', async () => {
    const env = anEnvironment();
    const log: OpsEvent[] = [
      hitRaised(1, { id: 'hit-1', severity: 'low' }),
      hitRaised(2, { id: 'hit-2', severity: 'critical' }),
      hitRaised(3, { id: 'hit-3', severity: 'high' }),
      hitRaised(4, { id: 'hit-4', severity: 'critical' }),
      acknowledged(5, 'hit-4'),
      { seq: 6, at: T0 + 6000, type: 'alert.resolved', alertId: 'hit-4', outcome: 'false-positive', final: true, by: duty },
    ];
    const command = await storedByVersion3(env, log);

    const { cache, notices } = await open(env);
    const order: string[] = [];
    const picture = await cache.loadPicture(undefined, { onAlerts: (page) => order.push(...page.alerts.map((alert) => alert.id)) });

    expect(notices).toEqual([]);
    expect(picture.notices).toEqual([]);
    expect(order).toEqual(['hit-2', 'hit-3', 'hit-1', 'hit-4']);
    expect(order).toEqual([...picture.state.alerts.values()].sort(compareUrgency).map((alert) => alert.id));
    expect(picture.through).toBe(6);
    expect(picture.hits.length).toBe(4);
    expect(picture.pending.map((entry) => entry.command)).toEqual([command]);
  });

  it('given a version-3 cache with an alert row that cannot be ranked, when opened and loaded, then the cache is rebuilt and the queued command kept', async () => {
    const env = anEnvironment();
    const command = await storedByVersion3(env, raised(1, 3), (rows) => {
      rows[2] = { ...rows[2], alert: { id: 'hit-3' } };
    });

    const { cache, notices } = await open(env);
    const picture = await cache.loadPicture();

    expect(notices).toEqual([]);
    expect(picture.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows', keptCommands: 1 }]);
    expect(picture.state.alerts.size).toBe(0);
    expect(picture.pending.map((entry) => entry.command)).toEqual([command]);
  });

  it('given an alert row whose rank was lost, when loaded, then the row missing from the urgency index is found and the cache rebuilt with the queued command kept', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await cache.enqueue(command);
    const raw = await rawDatabase(env);
    const { rank: _lost, ...unranked } = (await raw.alerts.get('hit-2'))!;
    await raw.alerts.put(unranked as never);
    raw.close();

    const picture = await cache.loadPicture();

    expect(picture.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows', keptCommands: 1 }]);
    expect(picture.state.alerts.size).toBe(0);
    expect(picture.pending.map((entry) => entry.command)).toEqual([command]);
  });

  it('given a damaged event block, when the log is read, then the read fails as corruption and nothing is returned from it', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const raw = await rawDatabase(env);
    await raw.eventBlocks.update(3, { firstSeq: 2 });
    raw.close();
    await expect(cache.readEvents(1, 10)).rejects.toThrow(/eventBlocks/);
  });
});

describe('local cache: identity', () => {
  it('given a cache of hub A, when bound to hub B, then it is wiped and A’s queued commands are reported, not kept', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await cache.enqueue(command);

    const notice = await cache.bindHub('hub-b');

    expect(notice).toEqual({ kind: 'identity-changed', previous: identity, droppedCommands: [command] });
    expect(await cache.pending()).toEqual([]);
    const picture = await cache.loadPicture();
    expect(picture.through).toBe(0);
    expect(picture.hits.length).toBe(0);
  });

  it('given a cache of one officer, when another officer opens it, then it is wiped', async () => {
    const env = anEnvironment();
    const first = await open(env);
    await first.cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    first.cache.close();

    const { cache, notices } = await open(env, { officerId: officers.duty2.id, hubId: 'hub-a' });

    expect(notices).toMatchObject([{ kind: 'identity-changed', previous: { officerId: officers.duty.id } }]);
    expect((await cache.loadPicture()).state.alerts.size).toBe(0);
  });

  it('given the same hub and officer, when reopened before the hub answers, then the picture and outbox are kept', async () => {
    const env = anEnvironment();
    const first = await open(env);
    await first.cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    await first.cache.enqueue(aCommand({ type: 'acknowledge', alertId: 'hit-1' }));
    first.cache.close();

    const { cache, notices } = await open(env, { officerId: officers.duty.id });

    expect(notices).toEqual([]);
    expect(cache.identity()).toEqual(identity);
    expect((await cache.loadPicture()).through).toBe(2);
    expect(await cache.pending()).toHaveLength(1);
    expect(await cache.bindHub('hub-a')).toBeUndefined();
  });

  it('given a hub reset, when the cache is reset, then the picture goes and the outbox stays', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    await cache.enqueue(aCommand({ type: 'acknowledge', alertId: 'hit-1' }));
    await cache.reset();
    expect((await cache.loadPicture()).through).toBe(0);
    expect(await cache.pending()).toHaveLength(1);
  });
});

describe('local cache: outbox', () => {
  it('given commands queued offline, when the app restarts, then they are still queued in order', async () => {
    const env = anEnvironment();
    const first = await open(env);
    const commands = [aCommand({ type: 'acknowledge', alertId: 'hit-1' }), aCommand({ type: 'note', alertId: 'hit-1', text: 'Checked' })];
    for (const command of commands) expect(await first.cache.enqueue(command)).toMatchObject({ ok: true });
    first.cache.close();

    const { cache } = await open(env);

    expect((await cache.pending()).map((entry) => entry.command)).toEqual(commands);
  });

  it('given a queued acknowledgement, when the hub refuses it, then it leaves the outbox and the cached picture is untouched', async () => {
    const { cache } = await open(anEnvironment());
    await cache.applyBatch(raised(1, 1), { after: 0, through: 1 });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await cache.enqueue(command);

    const refused = await cache.refuse(command.mutationId);

    expect(refused?.command).toEqual(command);
    expect(await cache.refuse(command.mutationId)).toBeUndefined();
    expect(await cache.pending()).toEqual([]);
    expect((await cache.loadPicture()).state.alerts.get('hit-1')?.status).toBe('new');
  });

  it('given outbox rows stored by a build that kept an optimistic alert beside them, then they load, send and go without it', async () => {
    const env = anEnvironment();
    const first = await open(env);
    await first.cache.applyBatch(raised(1, 1), { after: 0, through: 1 });
    const alert = (await first.cache.loadPicture()).state.alerts.get('hit-1')!;
    first.cache.close();
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    const raw = await rawDatabase(env);
    const old = { mutationId: command.mutationId, hubId: identity.hubId, officerId: identity.officerId, command, queuedAt: T0, attempts: 0, status: 'queued' };
    await raw.outbox.add({ ...old, optimistic: { ...alert, status: 'acknowledged', holder: duty } } as never);
    raw.close();

    const { cache, notices } = await open(env);

    expect(notices).toEqual([]);
    const [entry] = (await cache.loadPicture()).pending;
    expect(entry).toEqual({ mutationId: command.mutationId, command, queuedAt: T0, attempts: 0, status: 'queued' });
    await cache.markSent(command.mutationId);
    expect(await cache.pending()).toEqual([{ ...entry, attempts: 1, status: 'sent' }]);
    const stored = await rawDatabase(env);
    expect(await stored.outbox.toArray()).toEqual([expect.not.objectContaining({ optimistic: expect.anything() })]);
    stored.close();
    expect(await cache.acknowledge(command.mutationId)).toMatchObject({ command });
    expect(await cache.pending()).toEqual([]);
  });

  it('given a sent command, when the hub acknowledges it, then only that command leaves the outbox', async () => {
    const { cache } = await open(anEnvironment());
    const [a, b] = [aCommand({ type: 'acknowledge', alertId: 'hit-1' }), aCommand({ type: 'acknowledge', alertId: 'hit-2' })];
    await cache.enqueue(a);
    await cache.enqueue(b);
    await cache.markSent(a.mutationId);
    expect((await cache.pending())[0]).toMatchObject({ attempts: 1, status: 'sent' });
    expect((await cache.acknowledge(a.mutationId))?.command).toEqual(a);
    expect((await cache.pending()).map((entry) => entry.command)).toEqual([b]);
  });

  it('given a mutation id already queued or an invalid command, when enqueued, then it is refused', async () => {
    const { cache } = await open(anEnvironment());
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await cache.enqueue(command);
    expect(await cache.enqueue(command)).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(await cache.enqueue({ ...command, mutationId: 'short' })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('given commands queued by two windows, when each asks for its own, then each gets only those it queued, in order, across a restart', async () => {
    const env = anEnvironment();
    const first = await open(env);
    const [desk1, wall1, desk2] = ['hit-1', 'hit-2', 'hit-3'].map((alertId) => aCommand({ type: 'acknowledge', alertId }));
    await first.cache.enqueue(desk1!, { owner: 'desk' });
    await first.cache.enqueue(wall1!, { owner: 'wall' });
    await first.cache.enqueue(desk2!, { owner: 'desk' });
    await first.cache.markSent(desk1!.mutationId);
    first.cache.close();

    const { cache } = await open(env);

    expect((await cache.pending('desk')).map((entry) => [entry.command, entry.status])).toEqual([[desk1, 'sent'], [desk2, 'queued']]);
    expect((await cache.pending('wall')).map((entry) => entry.command)).toEqual([wall1]);
    expect((await cache.pending()).map((entry) => entry.owner)).toEqual(['desk', 'wall', 'desk']);
  });

  it('given commands of a gone window, a live one and a build that kept no owner, when the writer adopts, then it takes the gone and unowned ones only', async () => {
    const { cache } = await open(anEnvironment());
    const [old, gone, live, own] = ['hit-1', 'hit-2', 'hit-3', 'hit-4'].map((alertId) => aCommand({ type: 'acknowledge', alertId }));
    await cache.enqueue(old!);
    await cache.enqueue(gone!, { owner: 'wall' });
    await cache.enqueue(live!, { owner: 'map' });
    await cache.enqueue(own!, { owner: 'desk' });

    const adopted = await cache.adopt('desk', new Set(['wall']));

    expect(adopted.map((entry) => [entry.command, entry.owner])).toEqual([[old, 'desk'], [gone, 'desk']]);
    expect((await cache.pending('desk')).map((entry) => entry.command)).toEqual([old, gone, own]);
    expect((await cache.pending('map')).map((entry) => entry.command)).toEqual([live]);
    expect(await cache.adopt('desk', new Set(['wall']))).toEqual([]);
  });

  it('given no hub reached yet, when a command is enqueued, then it is refused as unbound', async () => {
    const { cache } = await open(anEnvironment(), { officerId: officers.duty.id });
    expect(await cache.enqueue(aCommand({ type: 'acknowledge', alertId: 'hit-1' }))).toMatchObject({ ok: false, reason: 'unbound' });
  });
});

describe('local cache: damage and quota', () => {
  it('given a corrupted alert row, when the picture is loaded, then the cache is rebuilt and the queued command kept', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    const command = aCommand({ type: 'acknowledge', alertId: 'hit-1' });
    await cache.enqueue(command);
    const raw = await rawDatabase(env);
    await raw.alerts.update('hit-1', { 'alert.hit.lat': 999 });
    await raw.outbox.add({ mutationId: 'broken-row', command: { type: 'nonsense' } } as never);
    raw.close();

    const picture = await cache.loadPicture();

    expect(picture.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows', keptCommands: 1, lostCommands: 1 }]);
    expect(picture.through).toBe(0);
    expect(picture.pending.map((entry) => entry.command)).toEqual([command]);
    expect(await cache.applyBatch(raised(1, 2), { after: 0, through: 2 })).toMatchObject({ ok: true, applied: 2 });
  });

  it('given hits in more chunks than one read page holds, then they load in order, and a damaged chunk on a later page rebuilds the cache', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 40), { after: 0, through: 40 });
    const alerts = [...(await cache.loadPicture()).state.alerts.values()];
    // One hit per chunk: forty chunks, read in several pages.
    const raw = await rawDatabase(env);
    await raw.hitChunks.clear();
    await raw.hitChunks.bulkPut(alerts.map((alert, index) => appendToChunk(emptyChunk(index), [alert])));
    await raw.meta.update('cache', { nextChunk: alerts.length });

    const whole = await cache.loadPicture();
    expect(whole.notices).toEqual([]);
    expect(Array.from({ length: whole.hits.length }, (_, row) => whole.hits.alertIdAt(row))).toEqual(alerts.map((alert) => alert.id));

    await raw.hitChunks.update(37, { count: 3 });
    raw.close();
    const rebuilt = await cache.loadHits();
    expect(rebuilt.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows' }]);
    expect(rebuilt.hits.length).toBe(0);
  });

  it('given a corrupted hit chunk, when a batch is applied, then the write reports the rebuild', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 2), { after: 0, through: 2 });
    const raw = await rawDatabase(env);
    await raw.hitChunks.update(0, { count: 7 });
    raw.close();

    const result = await cache.applyBatch(raised(3, 1), { after: 2, through: 3 });

    expect(result).toMatchObject({ ok: false, reason: 'rebuilt', notice: { kind: 'rebuilt', keptCommands: 0, lostCommands: 0 } });
    expect(await cache.applyBatch(raised(3, 1), { after: 2, through: 3 })).toMatchObject({ ok: false, reason: 'gap', through: 0 });
  });

  it('given a hit chunk whose ids do not match its rows, when the picture is loaded, then the cache is rebuilt and says so', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const raw = await rawDatabase(env);
    await raw.hitChunks.update(0, { ids: 'hit-1\nhit-2' });
    raw.close();
    const firstDraws: number[] = [];

    const picture = await cache.loadPicture(undefined, { onHits: (map) => firstDraws.push(map.hits.length) });

    expect(picture.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows' }]);
    expect(picture.hits.length).toBe(0);
    expect(firstDraws).toEqual([0]);
  });

  it('given a hit chunk with a row off the map, when only the map part is loaded, then the cache is rebuilt and says so', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
    const raw = await rawDatabase(env);
    const chunk = (await raw.hitChunks.get(0))!;
    const positions = chunk.positions.slice();
    positions[3] = 95;
    await raw.hitChunks.update(0, { positions });
    raw.close();

    const map = await cache.loadHits();

    expect(map.notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows' }]);
    expect(map.hits.length).toBe(0);
  });

  it('given a hit chunk with a malformed checkpoint id or a column of the wrong type, when loaded, then the cache is rebuilt each time', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    for (const damage of [{ checkpoints: ['cp-1', 'not an id'] }, { countries: ['cp-1'] }, { statuses: [0, 0, 0] }]) {
      await cache.applyBatch(raised(1, 3), { after: 0, through: 3 });
      const raw = await rawDatabase(env);
      await raw.hitChunks.update(0, damage as never);
      raw.close();

      expect((await cache.loadHits()).notices).toMatchObject([{ kind: 'rebuilt', reason: 'invalid-rows' }]);
    }
  });

  it('given a database whose backing store fails to open, when the cache opens, then it starts afresh and says so', async () => {
    const env = anEnvironment();
    const real = env.indexedDB!;
    let damaged = true;
    // What Chromium reports for damaged backing files: every open fails with UnknownError until deleted.
    const failingOnce = {
      open: (name: string, version?: number) => {
        if (damaged) throw new DOMException('Internal error opening backing store', 'UnknownError');
        return real.open(name, version);
      },
      deleteDatabase: (name: string) => {
        damaged = false;
        return real.deleteDatabase(name);
      },
      cmp: (a: unknown, b: unknown) => real.cmp(a, b),
      databases: () => real.databases(),
    } as IDBFactory;

    const { cache, notices } = await open({ ...env, indexedDB: failingOnce });

    expect(notices).toMatchObject([{ kind: 'rebuilt', reason: 'unreadable', keptCommands: 0, lostCommands: undefined }]);
    expect(await cache.applyBatch(raised(1, 1), { after: 0, through: 1 })).toMatchObject({ ok: true });
  });

  it('given a full disk, when a batch or a command is written, then a quota result comes back and nothing changes', async () => {
    const env = anEnvironment();
    const { cache } = await open(env);
    await cache.applyBatch(raised(1, 1), { after: 0, through: 1 });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });

    expect(await cache.applyBatch(raised(2, 5), { after: 1, through: 6 })).toMatchObject({ ok: false, reason: 'quota' });
    expect(await cache.enqueue(aCommand({ type: 'acknowledge', alertId: 'hit-1' }))).toMatchObject({ ok: false, reason: 'quota' });

    vi.restoreAllMocks();
    expect((await cache.loadPicture()).through).toBe(1);
    expect(await cache.pending()).toEqual([]);
  });
});
