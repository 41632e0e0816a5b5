import {
  EMPTY_OPS_STATE,
  EventBatch,
  OPS_NAMESPACE,
  Reset,
  SnapshotPage,
  alertOfSnapshot,
  foldEvents,
  hitConcernsCountry,
  type Alert,
  type OpsEvent,
} from '@watchfloor/shared';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { readEvents } from '../../hub/src/log/event-store';
import { TEST_BACKENDS, ingestMany, loggedSeqs, rangeBreaks, signIn, startTestHub, type TestStore } from '../support/hub';

/**
 * A console that starts from nothing is sent the picture as a snapshot in pages, then the log after the
 * snapshot's seq as ordinary batches, on every configured store: nothing is missed or sent twice across the
 * switch, the snapshot is the log folded up to its seq even while hits arrive during the paging, and a
 * scoped officer's snapshot holds only what concerns their country.
 */
interface SnapshotClient {
  readonly pages: SnapshotPage[];
  readonly events: OpsEvent[];
  readonly ranges: { after: number; through: number }[];
  readonly resets: Reset[];
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

async function connectForSnapshot(hub: RunningHub, token: string, since = 0): Promise<SnapshotClient> {
  const socket: Socket = io(`${hub.url}${OPS_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token, since, clientId: 'snapshot-test', snapshot: true },
    reconnection: false,
    forceNew: true,
  });
  const client: SnapshotClient = {
    pages: [],
    events: [],
    ranges: [],
    resets: [],
    waitFor: (predicate, what, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (predicate()) return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
          setTimeout(check, 10);
        };
        check();
      }),
    close: () => void socket.close(),
  };
  socket.on('reset', (reset) => client.resets.push(Reset.parse(reset)));
  socket.on('snapshot', (payload) => {
    client.pages.push(SnapshotPage.parse(payload));
  });
  socket.on('events', (batch, range) => {
    client.events.push(...EventBatch.parse(batch));
    client.ranges.push(range);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

const snapshotDone = (client: SnapshotClient) => client.pages.length > 0 && client.pages.length === client.pages[0]!.pages;

function alertsOf(client: SnapshotClient): Map<string, Alert> {
  const alerts = new Map<string, Alert>();
  for (const page of client.pages) {
    for (const entry of page.alerts) {
      const built = alertOfSnapshot(entry);
      if (!built.ok) throw new Error(built.reason);
      alerts.set(built.alert.id, built.alert);
    }
  }
  return alerts;
}

/** The log folded from its first event up to `seq`, as a console replaying it would hold it. */
async function foldedLog(hub: RunningHub, seq: number) {
  const events: OpsEvent[] = [];
  for (let after = 0; after < seq; ) {
    const page = await readEvents(hub.db, { afterSeq: after, limit: 5000 });
    events.push(...page.events.filter((event) => event.seq <= seq));
    if (page.lastSeq === undefined || page.rowsRead < 5000) break;
    after = page.lastSeq;
  }
  return foldEvents(EMPTY_OPS_STATE, events).state;
}

describe.each(TEST_BACKENDS)('snapshot for a fresh console on $name', (backend) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hubOn(): Promise<RunningHub> {
    const fresh: TestStore = await backend.fresh();
    cleanups.push(() => fresh.remove());
    const hub = await startTestHub({ demo: true, rate: 0, ...fresh.config });
    cleanups.push(() => hub.stop());
    return hub;
  }

  async function client(hub: RunningHub, token: string, since?: number): Promise<SnapshotClient> {
    const connected = await connectForSnapshot(hub, token, since);
    cleanups.push(() => connected.close());
    return connected;
  }

  it('given hits arriving while the console connects, when it connects with since=0, then it gets the log folded up to one seq, most urgent first, and every later event once with no gap', async () => {
    const hub = await hubOn();
    const { token } = await signIn(hub, 'lead');
    await ingestMany(hub, 5500, { severity: 'low' });
    await ingestMany(hub, 300, { severity: 'critical' });

    let arriving = true;
    const feeding = (async () => {
      while (arriving) await ingestMany(hub, 20);
    })();
    const fresh = await client(hub, token);
    await fresh.waitFor(() => snapshotDone(fresh), 'the whole snapshot');
    arriving = false;
    await feeding;
    const head = hub.authority.cursor();
    await fresh.waitFor(() => (fresh.ranges.at(-1)?.through ?? 0) >= head, 'the log after the snapshot');

    const [first] = fresh.pages;
    const seq = first!.seq;
    expect(fresh.pages.map((page) => page.index)).toEqual([...Array(first!.pages).keys()]);
    expect(first!.pages).toBeGreaterThanOrEqual(2);
    expect(new Set(fresh.pages.map((page) => page.seq))).toEqual(new Set([seq]));

    const logged = await foldedLog(hub, seq);
    const alerts = alertsOf(fresh);
    expect(alerts.size).toBe(first!.total);
    expect(alerts).toEqual(logged.alerts);
    expect(first!.operations).toEqual([...logged.operations.values()]);
    expect(first!.checkpoints).toEqual([...logged.checkpoints.values()]);
    // The first page is the top of the queue: the critical hits come before any low one.
    const firstSeverities = first!.alerts.map((entry) => entry.hit.severity);
    expect(firstSeverities.slice(0, 300).every((severity) => severity === 'critical')).toBe(true);

    expect(rangeBreaks({ ranges: fresh.ranges } as never, seq)).toEqual([]);
    expect(fresh.events.map((event) => event.seq)).toEqual(await loggedSeqs(hub, seq));
    const live = foldEvents({ ...logged, alerts }, fresh.events);
    expect(live.refused).toEqual([]);
    expect(live.state.alerts).toEqual(hub.authority.state().alerts);
  });

  it('given a bureau officer scoped to NG, when they connect fresh, then their snapshot holds only what concerns NG', async () => {
    const hub = await hubOn();
    await ingestMany(hub, 40, { checkpointId: 'ng-los', recordOwner: 'FR' });
    await ingestMany(hub, 40, { checkpointId: 'bj-krake', recordOwner: 'FR' });
    await ingestMany(hub, 20, { checkpointId: 'bj-krake', recordOwner: 'NG' });
    const { token } = await signIn(hub, 'abuja');
    const scoped = await client(hub, token);
    await scoped.waitFor(() => snapshotDone(scoped), 'the snapshot');

    const alerts = [...alertsOf(scoped).values()];
    const concerning = [...hub.authority.state().alerts.values()].filter((alert) => hitConcernsCountry(alert.hit, 'NG'));
    expect(alerts.length).toBe(concerning.length);
    expect(alerts.length).toBeGreaterThanOrEqual(60);
    expect(alerts.every((alert) => hitConcernsCountry(alert.hit, 'NG'))).toBe(true);
    expect(scoped.pages[0]!.checkpoints.every((checkpoint) => checkpoint.country === 'NG')).toBe(true);
    expect(scoped.pages[0]!.operations.every((operation) => operation.countries.includes('NG'))).toBe(true);
  });

  it('given a since the hub cannot serve, when a console that reads snapshots connects, then it gets reset and a snapshot instead of the log', async () => {
    const hub = await hubOn();
    const { token } = await signIn(hub, 'duty');
    await ingestMany(hub, 10);
    const ahead = await client(hub, token, hub.authority.cursor() + 1000);
    await ahead.waitFor(() => snapshotDone(ahead), 'the snapshot after reset');
    expect(ahead.resets).toHaveLength(1);
    expect(ahead.pages[0]!.seq).toBe(hub.authority.cursor());
    expect(alertsOf(ahead).size).toBe(hub.authority.state().alerts.size);
    expect(ahead.events.every((event) => event.seq > ahead.pages[0]!.seq)).toBe(true);
  });
});
