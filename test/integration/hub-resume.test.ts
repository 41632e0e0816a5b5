import { RetentionPolicy } from '@watchfloor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import {
  TEST_BACKENDS,
  connectClient,
  ingestMany,
  loggedSeqs,
  postHit,
  hitBody,
  rangeBreaks,
  signIn,
  startTestHub,
  type TestClient,
  type TestStore,
} from '../support/hub';

/**
 * Resume and reset over /ops across hub restarts, on every configured store: a client that comes back with
 * `since` gets each later event once, in seq order, through catch-up pages and the switch to live; a client
 * whose `since` the hub cannot serve gets `reset` and a full stream.
 */
const DAY = 86_400_000;

const seqsOf = (client: TestClient) => client.events.map((event) => event.seq);
const throughOf = (client: TestClient) => client.ranges.at(-1)?.through ?? -1;

describe.each(TEST_BACKENDS)('resume and reset on $name', (backend) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function store(): Promise<TestStore> {
    const fresh = await backend.fresh();
    cleanups.push(() => fresh.remove());
    return fresh;
  }

  async function hubOn(fresh: TestStore, extra: Parameters<typeof startTestHub>[0] = {}): Promise<RunningHub> {
    const hub = await startTestHub({ demo: true, rate: 0, ...fresh.config, ...extra });
    cleanups.push(() => hub.stop());
    return hub;
  }

  async function client(hub: RunningHub, token: string, since?: number): Promise<TestClient> {
    const connected = await connectClient(hub, token, since);
    cleanups.push(() => connected.close());
    return connected;
  }

  it('given a client that saw up to S, when it reconnects with since=S to a restarted hub while hits keep arriving, then it gets every later event exactly once, in order, with no gap', async () => {
    const fresh = await store();
    const first = await hubOn(fresh);
    const { token } = await signIn(first, 'lead');
    const before = await client(first, token);
    await ingestMany(first, 300);
    await before.waitFor(() => throughOf(before) >= first.authority.cursor(), 'first client to catch up');
    const seen = before.events.at(-1)!.seq;
    before.close();

    // While it is away: more than two catch-up pages (1,000 each), some of them over HTTP.
    await ingestMany(first, 2000);
    const overHttp = await Promise.all(Array.from({ length: 20 }, () => postHit(first, hitBody())));
    expect(overHttp.map((response) => response.status)).toEqual(Array(20).fill(201));
    await first.stop();

    const second = await hubOn(fresh);
    expect(second.authority.cursor()).toBeGreaterThan(seen + 2000);
    const arriving = ingestMany(second, 600);
    const back = await client(second, token, seen);
    const during = ingestMany(second, 400);
    await Promise.all([arriving, during]);
    const head = second.authority.cursor();
    await back.waitFor(() => throughOf(back) >= head, 'resumed client to reach the head', 30_000);

    expect(back.resets).toEqual([]);
    expect(back.hello?.headSeq).toBeGreaterThanOrEqual(seen);
    expect(seqsOf(back)).toEqual(await loggedSeqs(second, seen));
    expect(rangeBreaks(back, seen)).toEqual([]);
    expect(back.ranges.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('given a since ahead of the hub head, when the client connects, then it gets reset and the whole log from 0', async () => {
    const hub = await hubOn(await store());
    await ingestMany(hub, 30);
    const { token } = await signIn(hub, 'lead');
    const head = hub.authority.cursor();
    const stale = await client(hub, token, head + 500);
    await stale.waitFor(() => throughOf(stale) >= head, 'full stream');

    expect(stale.resets).toEqual([{ cause: 'ahead-of-hub', reason: expect.stringContaining('ahead'), headSeq: head }]);
    expect(stale.ranges[0]?.after).toBe(0);
    expect(seqsOf(stale)).toEqual(await loggedSeqs(hub));
    expect(rangeBreaks(stale, 0)).toEqual([]);
  });

  it('given handled alerts purged by retention, when a client resumes from before the purge, then it gets reset and a full stream of what is kept', async () => {
    const fresh = await store();
    let clock = Date.now() - 30 * DAY;
    const old = await hubOn(fresh, { hooks: { now: () => clock } });
    const lead = await client(old, (await signIn(old, 'lead')).token);
    const handled = await ingestMany(old, 5);
    const open = await ingestMany(old, 3);
    let mutation = 0;
    for (const alertId of handled) {
      const ack = await lead.send({ type: 'resolve', alertId, outcome: 'no-action', mutationId: `mut-retention-${++mutation}` });
      expect(ack).toMatchObject({ ok: true });
    }
    clock += 1000;
    const since = 3;
    await old.stop();

    const kept = await hubOn(fresh, { retention: RetentionPolicy.parse({ eventDays: 7 }) });
    const remaining = await loggedSeqs(kept);
    const events = await kept.db.query<{ alert_id: string | null }>('select alert_id from events where alert_id is not null');
    const alertIds = new Set(events.map((row) => row.alert_id));
    expect(handled.some((id) => alertIds.has(id))).toBe(false);
    expect(open.every((id) => alertIds.has(id))).toBe(true);

    const back = await client(kept, (await signIn(kept, 'lead')).token, since);
    const head = kept.authority.cursor();
    await back.waitFor(() => throughOf(back) >= head, 'full stream after reset');
    expect(back.resets).toEqual([{ cause: 'older-than-retained', reason: expect.stringContaining('older than the retained log'), headSeq: head }]);
    expect(seqsOf(back)).toEqual(remaining);
    expect(rangeBreaks(back, 0)).toEqual([]);

    // A client already past the purged range resumes normally.
    const current = await client(kept, (await signIn(kept, 'lead')).token, head);
    const [hitId] = await ingestMany(kept, 1);
    await current.waitFor(() => current.events.some((event) => event.type === 'hit.raised' && event.hit.id === hitId), 'the new hit');
    expect(current.resets).toEqual([]);
    expect(current.ranges[0]?.after).toBe(head);
  });
});
