import { HealthResponse, INGEST_BEFORE_OPERATION_MS, INGEST_CLOCK_SKEW_MS } from '@watchfloor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import {
  TEST_BACKENDS,
  caughtUp,
  connectClient,
  hitBody,
  ingestMany,
  postHit,
  signIn,
  startTestHub,
  type TestClient,
  type TestStore,
} from '../support/hub';

/**
 * What the hub accepts is what every reader can read. Ingest refuses times and labels no console could
 * show; and a log that already holds an unreadable row (written by an older build, or by hand) still
 * starts: the row is set aside for inspection, health says so, and everything after it flows to history,
 * fresh consoles and live clients.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(TEST_BACKENDS)('unreadable input and rows on $name', (backend) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function store(): Promise<TestStore> {
    const fresh = await backend.fresh();
    cleanups.push(() => fresh.remove());
    return fresh;
  }

  async function hubOn(fresh: TestStore): Promise<RunningHub> {
    // No pump timer: only a start reads rows written behind the hub's back.
    const hub = await startTestHub({ demo: true, rate: 0, ...fresh.config, hooks: { pumpIntervalMs: HOUR } });
    cleanups.push(() => hub.stop());
    return hub;
  }

  async function client(hub: RunningHub, username: string): Promise<TestClient> {
    const connected = await connectClient(hub, (await signIn(hub, username)).token, 0);
    cleanups.push(() => connected.close());
    return connected;
  }

  const health = async (hub: RunningHub) => HealthResponse.parse(await (await fetch(`${hub.url}/api/v1/health`)).json());

  it('given hits whose time or summary no console could show, then each is refused with the field and a reason, and the log does not move', async () => {
    const hub = await hubOn(await store());
    const head = hub.authority.cursor();
    const operationStart = hub.authority.state().operations.get('op-harmattan')!.window.start;
    const refused = [
      { at: '1969-12-31T23:59:59Z', path: 'at' },
      { at: 9_000_000_000_000_000, path: 'at' },
      { at: '2999-01-01T00:00:00Z', path: 'at' },
      { at: Date.now() + INGEST_CLOCK_SKEW_MS + 60_000, path: 'at', reason: /in the future/ },
      { at: operationStart - INGEST_BEFORE_OPERATION_MS - DAY, path: 'at', reason: /before the operation started/ },
      { summary: 'Passport\nreported stolen', path: 'summary' },
      { summary: 'Reported \u202estolen', path: 'summary' },
    ];
    for (const { path, reason, ...fields } of refused) {
      const { status, body } = await postHit(hub, hitBody(fields), 'test-ingest-key');
      expect(status, JSON.stringify(fields)).toBe(400);
      expect(body.issues, JSON.stringify(fields)).toEqual(expect.arrayContaining([{ path, message: reason ? expect.stringMatching(reason) : expect.any(String) }]));
    }
    expect(hub.authority.cursor()).toBe(head);

    const accepted = await postHit(hub, hitBody({ at: Date.now() + INGEST_CLOCK_SKEW_MS - 60_000 }), 'test-ingest-key');
    expect(accepted.status).toBe(201);
  });

  it('given an unreadable row written into the log, when the hub restarts on it, then it starts, sets the row aside, reports it, and everything after it flows', async () => {
    const fresh = await store();
    const first = await hubOn(fresh);
    const [before] = await ingestMany(first, 1);
    const [template] = await first.db.query<{ body: { hit: Record<string, unknown> } }>(
      "select body from events where type = 'hit.raised' and alert_id = $1",
      [before],
    );
    // The pre-1970 hit an older build accepted, and an event type from a newer build.
    const badHit = { ...template!.body, hit: { ...template!.body.hit, id: 'hit-written-by-hand', at: -1000 } };
    const [bad] = await first.db.query<{ seq: number }>(
      "insert into events (at, type, alert_id, body) values ($1, 'hit.raised', 'hit-written-by-hand', $2::jsonb) returning seq",
      [Date.now(), JSON.stringify(badHit)],
    );
    const [newer] = await first.db.query<{ seq: number }>(
      "insert into events (at, type, body) values ($1, 'checkpoint.renamed', $2::jsonb) returning seq",
      [Date.now(), JSON.stringify({ type: 'checkpoint.renamed', checkpointId: 'ng-los' })],
    );
    const badSeq = Number(bad!.seq);
    await first.stop();

    const hub = await hubOn(fresh);
    expect(hub.authority.cursor()).toBeGreaterThanOrEqual(Number(newer!.seq));
    expect(hub.authority.state().alerts.has('hit-written-by-hand')).toBe(false);
    expect(await health(hub)).toEqual({ status: 'degraded', headSeq: hub.authority.cursor(), quarantinedEvents: 1 });
    const kept = await hub.db.query<{ seq: number; problem: string; body: unknown }>('select seq, problem, body from quarantined_events');
    expect(kept.map((row) => Number(row.seq))).toEqual([badSeq]);
    expect(kept[0]!.problem).toMatch(/hit\.at/);
    expect(kept[0]!.body).toEqual(badHit);
    expect(await hub.db.query('select seq from events where seq = $1', [badSeq])).toEqual([]);
    // The newer build's event is not this build's to judge: it stays in the log, unread.
    expect(await hub.db.query('select seq from events where seq = $1', [newer!.seq])).toHaveLength(1);

    const admin = await client(hub, 'admin');
    await admin.waitFor(() => admin.hello !== undefined, 'hello');
    expect(admin.hello!.quarantinedEvents).toBe(1);
    const lead = await client(hub, 'lead');
    await caughtUp(lead, hub);
    expect(lead.hello!.quarantinedEvents).toBeUndefined();
    expect(lead.events.some((event) => event.type === 'hit.raised' && event.hit.id === before)).toBe(true);
    expect(lead.events.map((event) => event.seq)).not.toContain(badSeq);

    const page = await lead.request('history', { fromSeq: badSeq - 1, limit: 5000 });
    expect(page.error).toBeUndefined();
    expect(page.events.map((event: { seq: number }) => event.seq)).not.toContain(badSeq);

    const after = await postHit(hub, hitBody(), 'test-ingest-key');
    expect(after.status).toBe(201);
    await lead.waitFor(() => lead.events.some((event) => event.seq === after.body.seq), 'the hit ingested after the bad row');
  });

  it('given an unreadable row written while the hub runs, when it pumps the log, then the row is set aside and later events still reach live clients', async () => {
    const hub = await hubOn(await store());
    const lead = await client(hub, 'lead');
    await caughtUp(lead, hub);
    const [bad] = await hub.db.query<{ seq: number }>(
      "insert into events (at, type, alert_id, body) values ($1, 'alert.noted', 'hit-x', $2::jsonb) returning seq",
      [Date.now(), JSON.stringify({ type: 'alert.noted', alertId: 'hit-x', text: '', by: { id: 'off-duty', name: 'Duty' } })],
    );
    await hub.authority.pump();
    expect(hub.authority.quarantined()).toBe(1);
    expect((await health(hub)).status).toBe('degraded');

    const after = await postHit(hub, hitBody(), 'test-ingest-key');
    expect(after.status).toBe(201);
    await lead.waitFor(() => lead.events.some((event) => event.seq === after.body.seq), 'the hit ingested after the bad row');
    expect(lead.events.map((event) => event.seq)).not.toContain(Number(bad!.seq));
  });
});
