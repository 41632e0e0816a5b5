import type { Alert, Command } from '@watchfloor/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { DEFAULT_CACHE_NAME, openLocalCache } from '../../renderer/src/cache';
import { inProcessWorker } from '../../renderer/src/data/data-plane';
import type { Session } from '../../renderer/src/data/session';
import { newMutationId } from '../../renderer/src/data/live-store';
import type { WorkerLike } from '../../renderer/src/data/worker-protocol';
import { workstation, type Workstation } from '../support/console';
import { freePort, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { caughtUp, connectClient, ingestMany, signIn, startTestHub, templateDataDir, waitUntil } from '../support/hub';
import { IDBKeyRange } from 'fake-indexeddb';

/**
 * The console's offline path end to end in Node: the real session (data plane, live store, Dexie cache on
 * fake-indexeddb, outbox) against real hubs, with the network cut by a proxy or the hub stopped.
 */
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

async function hubWithHits(count: number, extra: Parameters<typeof startTestHub>[0] = {}): Promise<{ hub: RunningHub; ids: string[] }> {
  const hub = await startTestHub({ demo: true, rate: 0, ...extra });
  cleanups.push(() => hub.stop());
  return { hub, ids: await ingestMany(hub, count) };
}

async function proxied(hub: () => RunningHub, port?: number): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ port: () => hub().port }, port);
  cleanups.push(() => proxy.close());
  return proxy;
}

async function session(station: Workstation, url: string, hub: RunningHub, username: string): Promise<Session> {
  const { token, officer } = await signIn(hub, username);
  const opened = station.open(url, token, officer);
  cleanups.push(() => opened.close());
  return opened;
}

const snapshot = (s: Session) => s.store.getSnapshot();
const alertOf = (s: Session, id: string): Alert | undefined => snapshot(s).state.alerts.get(id);
const confirmedOf = (s: Session, id: string): Alert | undefined => snapshot(s).confirmed.alerts.get(id);
const live = (s: Session) => waitUntil(() => snapshot(s).connection.kind === 'live', 'the session is live');
const acknowledge = (alertId: string): Command => ({ type: 'acknowledge', alertId, mutationId: newMutationId() });

/** What the officer's outbox holds in IndexedDB (opened as that officer: another would clear it). */
async function outboxRows(station: Workstation, officerId = 'off-duty'): Promise<number> {
  const { cache } = await openLocalCache({ officerId }, { indexedDB: station.indexedDB, IDBKeyRange, name: DEFAULT_CACHE_NAME });
  const rows = (await cache.pending()).length;
  cache.close();
  return rows;
}

/** The in-process data plane, noting the mutation id of every command the window sends to the hub. */
function noting(sent: string[]): () => WorkerLike {
  return () => {
    const inner = inProcessWorker();
    const outer: WorkerLike = {
      onmessage: null,
      postMessage(message) {
        if (message.kind === 'request' && message.event === 'command') sent.push((message.payload as Command).mutationId);
        inner.postMessage(message);
      },
      terminate: () => inner.terminate(),
    };
    inner.onmessage = (event) => outer.onmessage?.(event);
    return outer;
  };
}

/** A window of the app on `station`, its sends noted in `sent`. */
async function windowOf(station: Workstation, url: string, hub: RunningHub, sent: string[]): Promise<Session> {
  const { token, officer } = await signIn(hub, 'duty');
  const opened = station.open(url, token, officer, { worker: noting(sent) });
  cleanups.push(() => opened.close());
  await opened.ready;
  return opened;
}

async function acknowledgementsOnHub(hub: RunningHub, alertId: string): Promise<number> {
  const { token } = await signIn(hub, 'lead');
  const client = await connectClient(hub, token, 0);
  await caughtUp(client, hub);
  client.close();
  return client.events.filter((event) => event.type === 'alert.acknowledged' && event.alertId === alertId).length;
}

describe('the console offline', () => {
  it('given an acknowledgement while the network is cut, then it waits as pending and is confirmed once when the hub is reachable again', async () => {
    const { hub, ids } = await hubWithHits(3);
    const proxy = await proxied(() => hub);
    const station = workstation();
    const duty = await session(station, proxy.url, hub, 'duty');
    await waitUntil(() => ids.every((id) => alertOf(duty, id) !== undefined), 'the hits are shown');

    proxy.cut();
    await waitUntil(() => snapshot(duty).connection.kind === 'reconnecting', 'the console sees the cut');
    const answer = duty.send(acknowledge(ids[0]!));
    await waitUntil(async () => (await outboxRows(station)) === 1, 'the command is in the durable outbox');
    expect(alertOf(duty, ids[0]!)).toMatchObject({ status: 'acknowledged', holder: { id: snapshot(duty).hello!.officer.id } });
    expect(confirmedOf(duty, ids[0]!)?.status).toBe('new');
    expect([...snapshot(duty).pending.values()][0]?.command.alertId).toBe(ids[0]);

    proxy.restore();
    expect(await answer).toMatchObject({ ok: true });
    await waitUntil(() => snapshot(duty).pending.size === 0, 'the hub confirmed it');
    expect(confirmedOf(duty, ids[0]!)?.status).toBe('acknowledged');
    expect(await outboxRows(station)).toBe(0);
    expect(await acknowledgementsOnHub(hub, ids[0]!)).toBe(1);
  });

  it('given a restart while the hub is down, then the cached picture shows at once with its age, and the queued command is sent once after', async () => {
    const data = await templateDataDir();
    cleanups.push(() => data.remove());
    const port = await freePort();
    let hub = await startTestHub({ demo: true, rate: 0, dataDir: data.dir, port });
    const ids = await ingestMany(hub, 4);
    const station = workstation();
    const { token, officer } = await signIn(hub, 'duty');
    const first = station.open(hub.url, token, officer);
    await waitUntil(() => ids.every((id) => first.store.getSnapshot().state.alerts.has(id)), 'the hits are shown');
    await hub.stop();
    await waitUntil(() => first.store.getSnapshot().connection.kind === 'reconnecting', 'the console sees the hub go');
    void first.send(acknowledge(ids[1]!));
    await waitUntil(async () => (await outboxRows(station)) === 1, 'the command is in the durable outbox');
    first.close();

    const second = station.open(`http://127.0.0.1:${port}`, token, officer);
    cleanups.push(() => second.close());
    await second.ready;
    const seeded = snapshot(second);
    expect(seeded.fromCache).toBe(true);
    expect(seeded.receivedAt).toBeLessThanOrEqual(Date.now());
    expect(ids.every((id) => seeded.confirmed.alerts.has(id))).toBe(true);
    expect(seeded.state.operations.size).toBeGreaterThan(0);
    expect(second.hits().length).toBeGreaterThanOrEqual(ids.length);
    expect([...seeded.pending.values()].map((entry) => [entry.command.alertId, entry.stage])).toEqual([[ids[1], 'queued']]);
    expect(alertOf(second, ids[1]!)?.status).toBe('acknowledged');

    hub = await startTestHub({ demo: true, rate: 0, dataDir: data.dir, port });
    cleanups.push(() => hub.stop());
    await waitUntil(() => snapshot(second).pending.size === 0 && confirmedOf(second, ids[1]!)?.status === 'acknowledged', 'confirmed after the restart', 20_000);
    expect(snapshot(second).fromCache).toBe(false);
    expect(await outboxRows(station)).toBe(0);
    expect(await acknowledgementsOnHub(hub, ids[1]!)).toBe(1);
  });

  it('given another officer took the alert meanwhile, then the queued command is refused, shown, and its optimistic change rolled back', async () => {
    const { hub, ids } = await hubWithHits(1);
    const proxy = await proxied(() => hub);
    const duty = await session(workstation(), proxy.url, hub, 'duty');
    const lead = await session(workstation(), hub.url, hub, 'lead');
    await waitUntil(() => alertOf(duty, ids[0]!) !== undefined && alertOf(lead, ids[0]!) !== undefined, 'both see the hit');

    proxy.cut();
    await waitUntil(() => snapshot(duty).connection.kind === 'reconnecting', 'the duty officer is cut off');
    const answer = duty.send(acknowledge(ids[0]!));
    await waitUntil(() => alertOf(duty, ids[0]!)?.status === 'acknowledged', 'the optimistic change shows');
    expect(await lead.send(acknowledge(ids[0]!))).toMatchObject({ ok: true });

    proxy.restore();
    expect(await answer).toMatchObject({ ok: false, code: 'conflict' });
    await waitUntil(() => confirmedOf(duty, ids[0]!)?.holder?.name === snapshot(lead).hello!.officer.name, 'the lead holds it');
    expect(alertOf(duty, ids[0]!)?.holder?.name).toBe(snapshot(lead).hello!.officer.name);
    expect(snapshot(duty).pending.size).toBe(0);
    expect(snapshot(duty).refusals).toEqual([expect.objectContaining({ alertId: ids[0], commandType: 'acknowledge' })]);
  });

  it('given a cache from another hub, then the console rebuilds its picture from the new hub and says so', async () => {
    const station = workstation();
    const old = await hubWithHits(3);
    const first = await session(station, old.hub.url, old.hub, 'duty');
    await waitUntil(() => old.ids.every((id) => alertOf(first, id) !== undefined), 'the old hub is cached');
    first.close();

    const fresh = await hubWithHits(2);
    const second = await session(station, fresh.hub.url, fresh.hub, 'duty');
    await live(second);
    await waitUntil(() => fresh.ids.every((id) => alertOf(second, id) !== undefined), 'the new hub is shown');
    expect(old.ids.some((id) => alertOf(second, id) !== undefined)).toBe(false);
    expect(snapshot(second).hello?.hubId).toBe(fresh.hub.hubId);
    expect(snapshot(second).notices.map((notice) => notice.key)).toContain('rebuildingBecause.ahead-of-hub');
  });
});

describe('several windows on one workstation', () => {
  it('given a desk window and a wall window, then one writes the shared cache, both show the hub state, and the other takes over when the writer closes', async () => {
    const { hub, ids } = await hubWithHits(3);
    const station = workstation();
    const desk = await session(station, hub.url, hub, 'duty');
    await desk.ready;
    const wall = await session(station, hub.url, hub, 'duty');
    await wall.ready;
    expect([desk.cacheRole(), wall.cacheRole()]).toEqual(['writer', 'reader']);
    await waitUntil(() => [desk, wall].every((s) => ids.every((id) => confirmedOf(s, id) !== undefined)), 'both windows show the hits');

    desk.close();
    await waitUntil(() => wall.cacheRole() === 'writer', 'the wall window takes over the cache');
    const later = await ingestMany(hub, 2);
    await waitUntil(() => later.every((id) => confirmedOf(wall, id) !== undefined), 'the wall window shows new hits');
    await waitUntil(async () => {
      const { cache } = await openLocalCache({ officerId: 'off-duty' }, { indexedDB: station.indexedDB, IDBKeyRange, name: DEFAULT_CACHE_NAME });
      const picture = await cache.loadPicture();
      cache.close();
      return [...ids, ...later].every((id) => picture.state.alerts.has(id));
    }, 'the new writer caches what arrives');
  });

  it('given the hub cut off, when an acknowledgement is given in the second window and that window closes, then the desk window sends it on reconnection and it is confirmed once', async () => {
    const { hub, ids } = await hubWithHits(3);
    const proxy = await proxied(() => hub);
    const station = workstation();
    const deskSent: string[] = [];
    const wallSent: string[] = [];
    const desk = await windowOf(station, proxy.url, hub, deskSent);
    const wall = await windowOf(station, proxy.url, hub, wallSent);
    expect([desk.cacheRole(), wall.cacheRole()]).toEqual(['writer', 'reader']);
    await waitUntil(() => [desk, wall].every((s) => confirmedOf(s, ids[0]!) !== undefined), 'both windows show the hits');

    proxy.cut();
    await waitUntil(() => [desk, wall].every((s) => snapshot(s).connection.kind === 'reconnecting'), 'both windows see the cut');
    const command = acknowledge(ids[0]!);
    void wall.send(command);
    await waitUntil(async () => (await outboxRows(station)) === 1, 'the command is in the shared outbox');
    expect([...snapshot(wall).pending.keys()]).toEqual([command.mutationId]);
    wall.close();
    await waitUntil(() => snapshot(desk).pending.has(command.mutationId), 'the desk window takes the command over and shows it');
    expect(alertOf(desk, ids[0]!)?.status).toBe('acknowledged');

    proxy.restore();
    await waitUntil(() => confirmedOf(desk, ids[0]!)?.status === 'acknowledged' && snapshot(desk).pending.size === 0, 'the hub confirmed it');
    expect(await outboxRows(station)).toBe(0);
    expect(await acknowledgementsOnHub(hub, ids[0]!)).toBe(1);
    expect(deskSent).toContain(command.mutationId);
  });

  it('given a command given in the second window while the desk window lives, then the second window sends it and gets the answer, and the desk never sends it', async () => {
    const { hub, ids } = await hubWithHits(2);
    const wallCable = await proxied(() => hub);
    const station = workstation();
    const deskSent: string[] = [];
    const wallSent: string[] = [];
    const desk = await windowOf(station, hub.url, hub, deskSent);
    const wall = await windowOf(station, wallCable.url, hub, wallSent);
    expect([desk.cacheRole(), wall.cacheRole()]).toEqual(['writer', 'reader']);
    await waitUntil(() => [desk, wall].every((s) => confirmedOf(s, ids[0]!) !== undefined), 'both windows show the hits');

    // Only the second window is cut off, so the command stays queued while the desk is live and looking.
    wallCable.cut();
    await waitUntil(() => snapshot(wall).connection.kind === 'reconnecting', 'the second window sees the cut');
    const looked = vi.spyOn(station.locks, 'query');
    const command = acknowledge(ids[0]!);
    const answer = wall.send(command);
    const deskTookIt = () => deskSent.includes(command.mutationId);
    await waitUntil(() => looked.mock.calls.length >= 2 || deskTookIt(), 'the desk window has looked for orphaned commands twice', 15_000);
    expect(deskSent).not.toContain(command.mutationId);
    expect(snapshot(desk).pending.has(command.mutationId)).toBe(false);
    expect(await outboxRows(station)).toBe(1);

    wallCable.restore();
    expect(await answer).toMatchObject({ ok: true });
    await waitUntil(() => confirmedOf(desk, ids[0]!)?.status === 'acknowledged', 'the desk window shows the confirmed state');
    expect(await outboxRows(station)).toBe(0);
    expect(await acknowledgementsOnHub(hub, ids[0]!)).toBe(1);
    expect(deskSent).not.toContain(command.mutationId);
    expect(wallSent).toContain(command.mutationId);
  }, 30_000);
});
