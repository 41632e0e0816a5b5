import { RetentionPolicy, type Command } from '@watchfloor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { runRetention, type RetentionCounts } from '../../hub/src/log/retention';
import { TEST_BACKENDS, connectClient, hitBody, postHit, signIn, startTestHub, type TestClient, type TestStore } from '../support/hub';

/**
 * Retention by data type on every configured store, on a hub whose clock the test moves: each kind of data
 * leaves when its own setting says and not before, nothing else leaves with it, and a feeder's or an
 * officer's retry after its record is gone is answered without raising or applying anything twice.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const policy = RetentionPolicy.parse({ eventDays: 10, subjectDays: 20, subjectGraceDays: 2, idempotencyDays: 3, refusalDays: 15 });
const NONE: RetentionCounts = { subjects: 0, events: 0, ingest: 0, mutations: 0, refusals: 0 };

/** Tables retention never touches (officers, sessions, the audit trail...), with their row counts. */
async function otherTables(hub: RunningHub): Promise<Record<string, number>> {
  const tables = await hub.db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
        and table_name not in ('subjects', 'events', 'hit_ingest', 'mutations', 'refusals', 'meta')
      order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await hub.db.query<{ n: number | string }>(`select count(*) as n from "${name}"`))[0]!.n);
  return counts;
}

interface LoggedEvent extends Record<string, unknown> {
  readonly seq: number;
  readonly type: string;
  readonly alert_id: string | null;
  readonly entity: string | null;
}

async function loggedEvents(hub: RunningHub): Promise<LoggedEvent[]> {
  const rows = await hub.db.query<LoggedEvent>(
    `select seq, type, alert_id, coalesce(body->'operation'->>'id', body->'checkpoint'->>'id') as entity from events order by seq`,
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

const count = async (hub: RunningHub, sql: string, params: unknown[] = []) => Number((await hub.db.query<{ n: number | string }>(sql, params))[0]!.n);

describe.each(TEST_BACKENDS)('retention by data type on $name', (backend) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('given hits, a resolved alert, an open one, a refusal and a clock moved forward, then each kind of data leaves on time and nothing else does', async () => {
    const fresh: TestStore = await backend.fresh();
    cleanups.push(() => fresh.remove());
    const T0 = Date.now() - 60 * DAY;
    let clock = T0;
    const hub = await startTestHub({ demo: true, rate: 0, retention: policy, ...fresh.config, hooks: { now: () => clock, simulatorLifeEvents: false } });
    cleanups.push(() => hub.stop());
    const client = async (user: string): Promise<TestClient> => {
      const connected = await connectClient(hub, (await signIn(hub, user)).token);
      cleanups.push(() => connected.close());
      return connected;
    };
    const retain = async (at: number) => {
      clock = at;
      const others = await otherTables(hub);
      const removed = await runRetention(hub.db, policy, at);
      // The hub keeps working meanwhile (its audit trail may grow), but retention takes nothing from these.
      const afterwards = await otherTables(hub);
      for (const [table, rows] of Object.entries(others)) expect(afterwards[table], table).toBeGreaterThanOrEqual(rows);
      return removed;
    };
    const subjectHeld = async (hitId: string) => (await count(hub, 'select count(*) as n from subjects where hit_id = $1', [hitId])) === 1;

    // T0: three hits (one to resolve, two left open), and an observer's command refused.
    const bodies = [hitBody({ at: T0 }), hitBody({ at: T0 }), hitBody({ at: T0 })];
    const [resolved, open, other] = await Promise.all(
      bodies.map(async (body) => {
        const response = await postHit(hub, body);
        expect(response.status).toBe(201);
        return response.body.hitId as string;
      }),
    );
    const wall = await client('wall');
    expect(await wall.send({ type: 'acknowledge', alertId: open!, mutationId: 'mut-retention-wall' })).toMatchObject({ ok: false, code: 'forbidden' });
    await hub.authority.drain();
    expect(await count(hub, 'select count(*) as n from refusals')).toBe(1);
    // An administrator's change supersedes the checkpoint as the demo seeded it.
    const seeded = hub.authority.state().checkpoints.get('ng-los')!;
    expect(await hub.authority.upsertCheckpoint({ id: 'off-admin', name: 'Admin', role: 'admin' }, { ...seeded, status: 'degraded' })).toMatchObject({ ok: true });

    // T0 + 1 day: the lead resolves one alert for good.
    clock = T0 + DAY;
    const lead = await client('lead');
    const resolve: Command = { type: 'resolve', alertId: resolved!, outcome: 'no-action', mutationId: 'mut-retention-resolve' };
    expect(await lead.send(resolve)).toMatchObject({ ok: true });
    expect(await retain(T0 + DAY)).toEqual(NONE);
    // Within the window a repeated post is the same hit.
    expect(await postHit(hub, bodies[0])).toMatchObject({ status: 200, body: { hitId: resolved } });

    // Personal details of the resolved alert go after the grace period, not a minute before.
    expect(await retain(T0 + 3 * DAY - MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 3 * DAY + MINUTE)).toEqual({ ...NONE, subjects: 1 });
    expect(await subjectHeld(resolved!)).toBe(false);
    expect(await subjectHeld(open!)).toBe(true);

    // Ingest records go after the idempotency window (and the clock drift allowed to feeders).
    expect(await retain(T0 + 3 * DAY + 4 * MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 3 * DAY + 6 * MINUTE)).toEqual({ ...NONE, ingest: 3 });
    // A copy of a forgotten hit is refused by its time, and raises nothing.
    const hitsBefore = await count(hub, "select count(*) as n from events where type = 'hit.raised'");
    const replay = await postHit(hub, bodies[1]);
    expect(replay.status).toBe(400);
    expect(replay.body.issues).toEqual([{ path: 'at', message: expect.stringContaining('idempotency window') }]);
    expect(await count(hub, "select count(*) as n from events where type = 'hit.raised'")).toBe(hitsBefore);

    // The mutation record goes a window after the command; a retry then is judged on the alert as it is.
    expect(await retain(T0 + 4 * DAY + 4 * MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 4 * DAY + 6 * MINUTE)).toEqual({ ...NONE, mutations: 1 });
    const resolvedEventCount = () => count(hub, 'select count(*) as n from events where alert_id = $1', [resolved]);
    const eventsBefore = await resolvedEventCount();
    // (Signed in again: the clock has moved past the first session's end.)
    const leadAgain = await client('lead');
    expect(await leadAgain.send(resolve)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await resolvedEventCount()).toBe(eventsBefore);
    await hub.authority.drain();
    expect(await count(hub, 'select count(*) as n from refusals')).toBe(2);

    // Events the picture no longer needs go once older than the event setting, and nothing else of the log:
    // first the checkpoint update the administrator's change superseded (logged at T0), then, ten days after
    // it was resolved, every event of the resolved alert. The open alerts' events stay.
    const purge = async (at: number) => {
      const before = await loggedEvents(hub);
      const removed = await retain(at);
      const after = await loggedEvents(hub);
      const kept = new Set(after.map((event) => event.seq));
      const gone = before.filter((event) => !kept.has(event.seq));
      expect(removed).toEqual({ ...NONE, events: gone.length });
      const latestUpdate = new Map(after.filter((event) => event.entity !== null).map((event) => [`${event.type}:${event.entity}`, event.seq]));
      for (const event of gone.filter((event) => event.alert_id !== resolved)) {
        expect(['operation.updated', 'checkpoint.updated']).toContain(event.type);
        expect(latestUpdate.get(`${event.type}:${event.entity}`)).toBeGreaterThan(event.seq);
      }
      return { before, after, gone };
    };
    const openEvents = (events: readonly LoggedEvent[]) => events.filter((event) => event.alert_id === open || event.alert_id === other);
    expect(await retain(T0 + 10 * DAY - MINUTE)).toEqual(NONE);
    const superseded = await purge(T0 + 10 * DAY + MINUTE);
    expect(superseded.gone.filter((event) => event.entity === 'ng-los').map((event) => event.type)).toEqual(['checkpoint.updated']);
    expect(superseded.after.filter((event) => event.entity === 'ng-los').map((event) => event.type)).toEqual(['checkpoint.updated']);
    expect(superseded.gone.filter((event) => event.alert_id !== null)).toEqual([]);

    expect((await purge(T0 + 11 * DAY - MINUTE)).gone.filter((event) => event.alert_id !== null)).toEqual([]);
    const handled = await purge(T0 + 11 * DAY + MINUTE);
    const resolvedEvents = handled.before.filter((event) => event.alert_id === resolved);
    expect(resolvedEvents.map((event) => event.type)).toContain('alert.resolved');
    expect(handled.gone.filter((event) => event.alert_id === resolved)).toEqual(resolvedEvents);
    // The hub escalates the open alerts by itself as the clock moves; every event of theirs stays.
    expect(openEvents(handled.after).slice(0, openEvents(handled.before).length)).toEqual(openEvents(handled.before));
    expect(openEvents(handled.before).filter((event) => event.type === 'hit.raised')).toHaveLength(2);

    // Refusals go after their setting: the observer's, then the lead's retry refused as a conflict.
    expect(await retain(T0 + 15 * DAY - MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 15 * DAY + MINUTE)).toEqual({ ...NONE, refusals: 1 });
    expect(await retain(T0 + 19 * DAY + 5 * MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 19 * DAY + 7 * MINUTE)).toEqual({ ...NONE, refusals: 1 });

    // Personal details of alerts still open go once held for the subject setting.
    expect(await retain(T0 + 20 * DAY - MINUTE)).toEqual(NONE);
    expect(await retain(T0 + 20 * DAY + MINUTE)).toEqual({ ...NONE, subjects: 2 });
    expect(await count(hub, 'select count(*) as n from subjects')).toBe(0);
    // The open alerts themselves are still there, and nothing is left to remove.
    expect(hub.authority.state().alerts.get(open!)?.status).not.toBe('resolved');
    expect(await retain(T0 + 60 * DAY)).toEqual(NONE);
    expect((await loggedEvents(hub)).filter((event) => event.alert_id === open).map((event) => event.type)).toContain('hit.raised');
  });
});
