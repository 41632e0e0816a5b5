import path from 'node:path';
import type { Alert, Command } from '@watchfloor/shared';
import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../hub/src/auth/passwords';
import type { RunningHub } from '../../hub/src/index';
import { DEFAULT_CACHE_NAME, openLocalCache } from '../../renderer/src/cache';
import { inProcessWorker } from '../../renderer/src/data/data-plane';
import { newMutationId } from '../../renderer/src/data/live-store';
import type { Session } from '../../renderer/src/data/session';
import type { WorkerLike } from '../../renderer/src/data/worker-protocol';
import { workstation, type Workstation } from '../support/console';
import { startFaultProxy } from '../support/fault-proxy';
import { caughtUp, connectClient, ingestMany, signIn, startTestHub, tempDir, waitUntil } from '../support/hub';
import { handshake, writeUsersFile, type UserEntry } from '../support/sessions';

/**
 * The console's session against real hubs, in Node (fake-indexeddb for the local cache): what sign-out
 * leaves on the workstation, what a narrowed country scope does to the cached picture, and that renewing
 * the token neither reconnects nor touches the outbox.
 */
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

async function demoHub(options: Parameters<typeof startTestHub>[0] = {}): Promise<RunningHub> {
  const hub = await startTestHub({ demo: true, rate: 0, ...options });
  cleanups.push(() => hub.stop());
  return hub;
}

function opened(session: Session): Session {
  cleanups.push(() => session.close());
  return session;
}

const snapshot = (s: Session) => s.store.getSnapshot();
const alertOf = (s: Session, id: string): Alert | undefined => snapshot(s).state.alerts.get(id);
const acknowledge = (alertId: string): Command => ({ type: 'acknowledge', alertId, mutationId: newMutationId() });

/** What the workstation's cache holds for an officer, read without judging its rights (which would wipe it). */
async function cached(station: Workstation, officerId: string): Promise<{ alerts: string[]; ageMs: number | undefined; queued: number; rights: string | undefined }> {
  const { cache } = await openLocalCache({ officerId }, { indexedDB: station.indexedDB, IDBKeyRange, name: DEFAULT_CACHE_NAME });
  try {
    const picture = await cache.loadPicture();
    return { alerts: [...picture.state.alerts.keys()], ageMs: picture.ageMs, queued: (await cache.pending()).length, rights: cache.identity().rights };
  } finally {
    cache.close();
  }
}

async function acknowledgementsOnHub(hub: RunningHub, alertId: string): Promise<number> {
  const client = await connectClient(hub, (await signIn(hub, 'lead')).token, 0);
  await caughtUp(client, hub);
  client.close();
  return client.events.filter((event) => event.type === 'alert.acknowledged' && event.alertId === alertId).length;
}

describe('signing out', () => {
  it('given a reachable hub, when the officer signs out, then the hub refuses the token and the workstation keeps no picture', async () => {
    const hub = await demoHub();
    const ids = await ingestMany(hub, 3);
    const station = workstation();
    const { token, officer } = await signIn(hub, 'duty');
    const duty = opened(station.open(hub.url, token, officer));
    await waitUntil(async () => ids.every((id) => alertOf(duty, id) !== undefined) && (await cached(station, officer.id)).alerts.length >= ids.length, 'the hits are shown and cached');

    await duty.signOut();

    expect(await handshake(hub, token)).toBe('signed-out');
    expect(await cached(station, officer.id)).toMatchObject({ alerts: [], ageMs: undefined, queued: 0 });
  });

  it('given a command queued while the hub is out of reach, when the officer signs out, then the picture is cleared, the command stays and goes once at the next sign-in', async () => {
    const hub = await demoHub();
    const ids = await ingestMany(hub, 3);
    const proxy = await startFaultProxy({ port: () => hub.port });
    cleanups.push(() => proxy.close());
    const station = workstation();
    const first = await signIn(hub, 'duty');
    const duty = opened(station.open(proxy.url, first.token, first.officer));
    await waitUntil(async () => (await cached(station, first.officer.id)).alerts.length >= ids.length, 'the hits are cached');

    proxy.cut();
    await waitUntil(() => snapshot(duty).connection.kind === 'reconnecting', 'the console sees the cut');
    void duty.send(acknowledge(ids[0]!));
    await waitUntil(async () => (await cached(station, first.officer.id)).queued === 1, 'the command is in the durable outbox');
    expect(await duty.queuedCommands()).toBe(1);

    await duty.signOut();
    expect(await cached(station, first.officer.id)).toMatchObject({ alerts: [], ageMs: undefined, queued: 1 });

    proxy.restore();
    const second = await signIn(hub, 'duty');
    const again = opened(station.open(proxy.url, second.token, second.officer));
    await waitUntil(async () => (await cached(station, second.officer.id)).queued === 0, 'the queued command was sent', 20_000);
    await waitUntil(() => snapshot(again).confirmed.alerts.get(ids[0]!)?.status === 'acknowledged', 'the hub confirmed it');
    expect(await acknowledgementsOnHub(hub, ids[0]!)).toBe(1);
  });
});

describe('a country scope narrowed while the console is open', () => {
  it('given the users file rewritten with a scope, then the console reconnects with the new rights and its picture and cache hold only that country', async () => {
    const dir = await tempDir('watchfloor-console-users-');
    cleanups.push(() => dir.remove());
    const file = path.join(dir.dir, 'users.json');
    const passwordHash = await hashPassword('correct-horse-2026');
    const desk = (scope?: string): UserEntry => ({ id: 'off-desk', username: 'desk', name: 'Desk officer', role: 'duty-officer', passwordHash, ...(scope ? { scope } : {}) });
    await writeUsersFile(file, [desk()]);
    const hub = await demoHub({ usersFile: file });
    const [nigerian] = await ingestMany(hub, 1, { checkpointId: 'ng-abv', recordOwner: 'FR' });
    const [beninese] = await ingestMany(hub, 1, { checkpointId: 'bj-coo', recordOwner: 'BJ' });
    const station = workstation();
    const { token, officer } = await signIn(hub, 'desk', 'correct-horse-2026');
    const session = opened(station.open(hub.url, token, officer));
    await waitUntil(async () => {
      const held = (await cached(station, officer.id)).alerts;
      return held.includes(nigerian!) && held.includes(beninese!);
    }, 'both hits are cached');

    await writeUsersFile(file, [desk('NG')]);

    await waitUntil(() => session.officer.scope === 'NG' && snapshot(session).connection.kind === 'live', 'the console has the new rights');
    await waitUntil(() => alertOf(session, nigerian!) !== undefined && alertOf(session, beninese!) === undefined, 'the picture is Nigeria only');
    expect(snapshot(session).notices.map((notice) => notice.key)).toContain('rightsChanged');
    await waitUntil(async () => {
      const now = await cached(station, officer.id);
      return now.rights === 'duty-officer/NG' && now.alerts.includes(nigerian!) && !now.alerts.includes(beninese!);
    }, 'the cache is rebuilt for Nigeria only');
  });
});

describe('renewing the token', () => {
  /** The in-process data plane, holding back commands while `hold` is set, as a slow link would. */
  function holdingCommands(): { worker: () => WorkerLike; hold(): void; release(): void } {
    let holding = false;
    let inner: WorkerLike | undefined;
    const held: Parameters<WorkerLike['postMessage']>[0][] = [];
    return {
      worker: () => {
        const plane = inProcessWorker();
        inner = plane;
        const outer: WorkerLike = {
          onmessage: null,
          postMessage(message) {
            if (holding && message.kind === 'request' && message.event === 'command') held.push(message);
            else plane.postMessage(message);
          },
          terminate: () => plane.terminate(),
        };
        plane.onmessage = (event) => outer.onmessage?.(event);
        return outer;
      },
      hold: () => void (holding = true),
      release() {
        holding = false;
        for (const message of held.splice(0)) inner?.postMessage(message);
      },
    };
  }

  it('given tokens of 3 seconds and an active officer, then the console renews past the first expiry on the same socket, and the outbox keeps its command throughout', async () => {
    const hub = await demoHub({ tokenMinutes: 0.05 });
    const ids = await ingestMany(hub, 2);
    const station = workstation();
    const signedIn = await signIn(hub, 'duty');
    const renewals: number[] = [];
    const link = holdingCommands();
    const session = opened(
      station.open(hub.url, signedIn.token, signedIn.officer, {
        worker: link.worker,
        renewal: { expiresAt: signedIn.expiresAt, active: () => true, onRenewed: (_token, expiresAt) => renewals.push(expiresAt) },
      }),
    );
    await waitUntil(() => snapshot(session).connection.kind === 'live' && ids.every((id) => alertOf(session, id) !== undefined), 'the console is live');
    const states: string[] = [];
    cleanups.push(session.store.subscribe(() => states.push(snapshot(session).connection.kind)));

    link.hold();
    const answer = session.send(acknowledge(ids[0]!));
    await waitUntil(async () => (await cached(station, signedIn.officer.id)).queued === 1, 'the command is in the durable outbox');
    await waitUntil(() => renewals.length >= 2 && Date.now() > signedIn.expiresAt + 500, 'two renewals and the first expiry passed', 15_000);

    expect(states.every((kind) => kind === 'live')).toBe(true);
    expect(renewals[1]!).toBeGreaterThan(renewals[0]!);
    expect(renewals[0]!).toBeGreaterThan(signedIn.expiresAt);
    expect((await cached(station, signedIn.officer.id)).queued).toBe(1);
    expect(snapshot(session).pending.size).toBe(1);

    link.release();
    expect(await answer).toMatchObject({ ok: true });
    expect(snapshot(session).connection.kind).toBe('live');
    await waitUntil(async () => (await cached(station, signedIn.officer.id)).queued === 0, 'the outbox is empty');
  });
});
