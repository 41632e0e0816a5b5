import type { OpsEvent } from '@watchfloor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { TEST_BACKENDS, connectClient, ingestMany, signIn, startTestHub, type TestClient, type TestStore } from '../support/hub';

/**
 * Automatic escalation driven by the hub's clock (here a fake one moved by the test): unacknowledged alerts
 * climb one level per delay up to level 3, stale acknowledgements are re-triggered and released, and the
 * deadlines come from the log, so a restarted hub keeps them.
 */
const MINUTE = 60_000;

type Escalation = Extract<OpsEvent, { type: 'alert.escalated' }>;

const escalationsOf = (client: TestClient, alertId: string): Escalation[] =>
  client.events.filter((event): event is Escalation => event.type === 'alert.escalated' && event.alertId === alertId);

describe.each(TEST_BACKENDS)('automatic escalation on $name', (backend) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  let clock = Date.UTC(2026, 10, 22, 9, 0, 0);

  async function hubOn(store: TestStore): Promise<RunningHub> {
    const hub = await startTestHub({ demo: true, rate: 0, ...store.config, hooks: { now: () => clock, escalationTickMs: 20 } });
    cleanups.push(() => hub.stop());
    return hub;
  }

  async function setUp(): Promise<{ store: TestStore; hub: RunningHub; lead: TestClient }> {
    const store = await backend.fresh();
    cleanups.push(() => store.remove());
    const hub = await hubOn(store);
    const lead = await client(hub, 'lead');
    return { store, hub, lead };
  }

  async function client(hub: RunningHub, user: string): Promise<TestClient> {
    const connected = await connectClient(hub, (await signIn(hub, user)).token);
    cleanups.push(() => connected.close());
    return connected;
  }

  const critical = (hub: RunningHub) => ingestMany(hub, 1, { severity: 'critical' }).then(([id]) => id!);

  it('given a new critical hit nobody acknowledges, then the hub escalates it to L1 after 2 minutes, then L2 and L3, and never beyond', async () => {
    const { hub, lead } = await setUp();
    const alertId = await critical(hub);

    clock += 2 * MINUTE - 1;
    // A second alert raised later is a marker: once the hub escalates it, it has looked at the first one too.
    const early = await critical(hub);
    clock += 1;
    await lead.waitFor(() => escalationsOf(lead, alertId).length === 1, 'escalation to L1');
    expect(escalationsOf(lead, early)).toEqual([]);
    for (const level of [2, 3]) {
      clock += 2 * MINUTE;
      await lead.waitFor(() => escalationsOf(lead, alertId).length === level, `escalation to L${level}`);
    }
    expect(escalationsOf(lead, alertId).map(({ level, auto, by }) => ({ level, auto, by: by.id }))).toEqual([
      { level: 1, auto: true, by: 'system' },
      { level: 2, auto: true, by: 'system' },
      { level: 3, auto: true, by: 'system' },
    ]);
    expect(escalationsOf(lead, alertId)[0]).toMatchObject({ reason: 'not-acknowledged', reasonParams: { minutes: 2, severity: 'critical' } });

    clock += 30 * MINUTE;
    const marker = await critical(hub);
    clock += 2 * MINUTE;
    await lead.waitFor(() => escalationsOf(lead, marker).length === 1, 'the marker alert to escalate');
    expect(escalationsOf(lead, alertId)).toHaveLength(3);
    expect(hub.authority.state().alerts.get(alertId)).toMatchObject({ status: 'escalated', level: 3 });
  });

  it('given an acknowledged alert with no activity, when the stale delay passes, then it is re-triggered one level up and its holder released', async () => {
    const { hub, lead } = await setUp();
    const duty = await client(hub, 'duty');
    const [alertId] = await ingestMany(hub, 1, { severity: 'high' });
    expect(await duty.send({ type: 'acknowledge', alertId: alertId!, mutationId: 'mut-stale-ack-1' })).toMatchObject({ ok: true });

    clock += 20 * MINUTE;
    await lead.waitFor(() => escalationsOf(lead, alertId!).length === 1, 'stale re-trigger');
    expect(escalationsOf(lead, alertId!)[0]).toMatchObject({ level: 1, auto: true, reason: 'no-activity', reasonParams: { holder: expect.any(String), minutes: 20, severity: 'high' } });
    const alert = hub.authority.state().alerts.get(alertId!)!;
    expect(alert.holder).toBeUndefined();
    expect(alert.status).toBe('escalated');
    // Released: anyone may take it up again.
    expect(await lead.send({ type: 'acknowledge', alertId: alertId!, mutationId: 'mut-stale-ack-2' })).toMatchObject({ ok: true });
  });

  it('given a critical alert raised before a hub restart, when its deadline passes while the hub is down, then the restarted hub escalates it', async () => {
    const { store, hub } = await setUp();
    const alertId = await critical(hub);
    await hub.stop();

    clock += 5 * MINUTE;
    const restarted = await hubOn(store);
    const lead = await client(restarted, 'lead');
    await lead.waitFor(() => escalationsOf(lead, alertId).length === 1, 'escalation after the restart');
    // The next level counts from that escalation, not from the downtime.
    expect(escalationsOf(lead, alertId)[0]!.level).toBe(1);
    clock += 2 * MINUTE;
    await lead.waitFor(() => escalationsOf(lead, alertId).length === 2, 'L2 after the restart');
    const logged = await restarted.db.query<{ n: number }>(
      "select count(*)::int as n from events where type = 'alert.escalated' and alert_id = $1",
      [alertId],
    );
    expect(Number(logged[0]!.n)).toBe(2);
  });
});
