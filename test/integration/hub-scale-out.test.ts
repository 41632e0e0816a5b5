import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import {
  TEST_DATABASE_URL,
  connectClient,
  dropSchema,
  hitBody,
  postHit,
  rangeBreaks,
  signIn,
  startTestHub,
  uniqueSchema,
  waitUntil,
  type TestClient,
} from '../support/hub';

/**
 * Two hub processes' worth of hubs on one PostgreSQL schema, each with its own port and sockets. They learn
 * of each other's events through LISTEN/NOTIFY only: the slow safety-net pump is pushed out of the test's
 * reach, so a pass proves the notification path.
 */
describe.skipIf(TEST_DATABASE_URL === undefined)(
  'scale-out: two hubs on one PostgreSQL (needs WATCHFLOOR_TEST_DATABASE_URL; skipped on PGlite-only runs)',
  () => {
    const schema = uniqueSchema();
    let a: RunningHub;
    let b: RunningHub;
    const clients: TestClient[] = [];
    let mutation = 0;
    const mutationId = () => `mut-scale-${String(++mutation).padStart(4, '0')}`;

    async function client(hub: RunningHub, user: string): Promise<TestClient> {
      const connected = await connectClient(hub, (await signIn(hub, user)).token);
      clients.push(connected);
      return connected;
    }

    async function raise(hub: RunningHub): Promise<string> {
      const response = await postHit(hub, hitBody());
      expect(response.status).toBe(201);
      return response.body.hitId as string;
    }

    const sawHit = (client: TestClient, hitId: string) => client.events.some((event) => event.type === 'hit.raised' && event.hit.id === hitId);

    beforeAll(async () => {
      const shared = { demo: true, rate: 0, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, hooks: { pumpIntervalMs: 600_000 } };
      a = await startTestHub(shared);
      b = await startTestHub(shared);
    });

    afterAll(async () => {
      for (const connected of clients) connected.close();
      await a?.stop();
      await b?.stop();
      await dropSchema(schema);
    });

    it('given two hubs on one schema, then they are one log: same hub id, different ports', () => {
      expect(b.hubId).toBe(a.hubId);
      expect(b.port).not.toBe(a.port);
      expect(b.authority.cursor()).toBe(a.authority.cursor());
    });

    it('given a command sent to hub A, then a client of hub B receives its event exactly once', async () => {
      const duty = await client(a, 'duty');
      const watcher = await client(b, 'lead');
      const alertId = await raise(a);
      await watcher.waitFor(() => sawHit(watcher, alertId), 'hit from A on B');
      const ack = await duty.send({ type: 'acknowledge', alertId, mutationId: mutationId() });
      expect(ack).toMatchObject({ ok: true });
      await watcher.waitFor(() => watcher.events.some((event) => event.type === 'alert.acknowledged' && event.alertId === alertId), 'ack on B');
      // A later event through A proves nothing more about the ack is still on its way.
      const marker = await raise(a);
      await watcher.waitFor(() => sawHit(watcher, marker), 'marker on B');
      expect(watcher.events.filter((event) => event.type === 'alert.acknowledged' && event.alertId === alertId)).toHaveLength(1);
      const seqs = watcher.events.map((event) => event.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(rangeBreaks(watcher, 0)).toEqual([]);
    });

    it('given a hit ingested on hub B, then a client of hub A sees it', async () => {
      const watcher = await client(a, 'wall');
      const hitId = await raise(b);
      await watcher.waitFor(() => sawHit(watcher, hitId), 'hit from B on A');
      expect(a.authority.state().alerts.has(hitId)).toBe(true);
    });

    it('given the same alert acknowledged through A and B at once, then exactly one wins and the other is told who holds it', async () => {
      const duty = await client(a, 'duty');
      const lead = await client(b, 'lead');
      for (let round = 0; round < 5; round += 1) {
        const alertId = await raise(round % 2 === 0 ? a : b);
        await lead.waitFor(() => sawHit(lead, alertId), 'hit on B');
        const acks = await Promise.all([
          duty.send({ type: 'acknowledge', alertId, mutationId: mutationId() }),
          lead.send({ type: 'acknowledge', alertId, mutationId: mutationId() }),
        ]);
        expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
        expect(acks.filter((ack) => !ack.ok)).toEqual([{ ok: false, code: 'conflict', reason: 'held-by-other', params: { name: expect.any(String) }, message: expect.stringMatching(/^Already acknowledged by /) }]);
        const logged = await a.db.query<{ n: number }>(
          "select count(*)::int as n from events where type = 'alert.acknowledged' and alert_id = $1",
          [alertId],
        );
        expect(Number(logged[0]!.n)).toBe(1);
      }
    });

    it('given the connections listening for NOTIFY drop, then both hubs keep running, listen again and miss no event', async () => {
      const watcher = await client(b, 'wall');
      const listening = `listen watchfloor_events_${schema}`;
      const listeners = async () =>
        Number((await a.db.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where query = $1', [listening]))[0]!.n);
      await waitUntil(async () => (await listeners()) === 2, 'both hubs listening');

      await a.db.query('select pg_terminate_backend(pid) from pg_stat_activity where query = $1', [listening]);
      // Raised while B cannot hear of it: B must find it in the log once it listens again.
      const missed = await raise(a);
      await waitUntil(async () => (await listeners()) === 2, 'both hubs listening again');
      await watcher.waitFor(() => sawHit(watcher, missed), 'the hit raised while B was not listening');
      const heard = await raise(a);
      await watcher.waitFor(() => sawHit(watcher, heard), 'a hit raised after B listens again');

      expect(watcher.events.filter((event) => event.type === 'hit.raised' && event.hit.id === missed)).toHaveLength(1);
      expect(rangeBreaks(watcher, 0)).toEqual([]);
      expect(b.authority.cursor()).toBe(a.authority.cursor());
    });

    it('given an external id ingested on both hubs at once, then one hit exists and both answers name it', async () => {
      const body = hitBody({ externalId: 'SCALE-OUT-DUP-1' });
      const answers = await Promise.all([postHit(a, body), postHit(b, body)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(answers[0]!.body).toEqual(answers[1]!.body);
    });
  },
);
