import { HistoryReply } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { WRITER_LOCK } from '../../hub/src/db/migrations';
import { SOCKET_LIMITS } from '../../hub/src/ops/socket-limits';
import { connectClient, hitBody, postHit, signIn, startTestHub, waitUntil, type TestClient } from '../support/hub';

let hub: RunningHub;
const tokens: Record<string, string> = {};
const clients: TestClient[] = [];
let mutation = 0;
const nextMutation = () => `mut-rate-${String(++mutation).padStart(6, '0')}`;

async function client(user: string): Promise<TestClient> {
  const connected = await connectClient(hub, tokens[user]!);
  clients.push(connected);
  return connected;
}

async function raiseHit(): Promise<string> {
  const response = await postHit(hub, hitBody());
  expect(response.status).toBe(201);
  return response.body.hitId as string;
}

async function refusalCount(officerId: string): Promise<number> {
  const rows = await hub.db.query<{ count: number | string }>('select count(*) as count from refusals where officer_id = $1', [officerId]);
  return Number(rows[0]!.count);
}

beforeAll(async () => {
  hub = await startTestHub({ demo: true, rate: 0 });
  for (const user of ['duty', 'lead', 'wall', 'admin']) tokens[user] = (await signIn(hub, user)).token;
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await hub?.stop();
});

describe('per-socket limits on /ops', () => {
  it('given one socket flooding commands, then it is rate-limited with a retry hint while another officer and another socket are served', async () => {
    const wall = await client('wall');
    const duty = await client('duty');
    const lead = await client('lead');
    const alertId = await raiseHit();
    const flood = Array.from({ length: SOCKET_LIMITS.command.capacity + 100 }, () =>
      wall.send({ type: 'acknowledge', alertId, mutationId: nextMutation() }),
    );
    const acknowledged = await duty.send({ type: 'acknowledge', alertId, mutationId: nextMutation() });
    const page = HistoryReply.parse(await lead.request('history', { fromSeq: 1, limit: 5000 }));
    const acks = await Promise.all(flood);
    const limited = acks.filter((ack) => !ack.ok && ack.code === 'rate-limited');
    // A few tokens come back while the flood is being answered.
    expect(limited.length).toBeGreaterThanOrEqual(50);
    for (const ack of limited) expect(ack).toMatchObject({ ok: false, reason: 'rate-limited', params: { request: 'command', seconds: expect.any(Number) }, retryAfterMs: expect.any(Number) });
    expect(acks.filter((ack) => !ack.ok && ack.code === 'forbidden').length).toBeLessThanOrEqual(SOCKET_LIMITS.command.capacity + 50);
    expect(acknowledged).toMatchObject({ ok: true });
    expect(page).toMatchObject({ events: expect.any(Array) });
  });

  it('given history asked for by more log positions than the limit holds, then the socket is told to wait while another socket is served', async () => {
    const wall = await client('wall');
    const lead = await client('lead');
    const pages = Math.ceil(SOCKET_LIMITS.history.capacity / 5000) + 2;
    const answers = await Promise.all(Array.from({ length: pages }, () => wall.request('history', { fromSeq: 1, limit: 5000 })));
    const limited = answers.map((answer) => HistoryReply.parse(answer)).filter((answer) => 'error' in answer);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const answer of limited) expect(answer).toMatchObject({ error: 'rate-limited', retryAfterMs: expect.any(Number) });
    expect(HistoryReply.parse(await lead.request('history', { fromSeq: 1, limit: 5000 }))).toMatchObject({ events: expect.any(Array) });
  });

  it('given commands over the limit, then they change nothing', async () => {
    const duty = await client('duty');
    const alertIds = await Promise.all(Array.from({ length: 20 }, () => raiseHit()));
    // Malformed payloads spend the socket's allowance without touching the log; the commands come right after.
    const spent = Array.from({ length: SOCKET_LIMITS.command.capacity + 200 }, () => duty.request('command', { type: 'acknowledge' }));
    const sent = alertIds.map((alertId) => duty.send({ type: 'acknowledge', alertId, mutationId: nextMutation() }));
    await Promise.all(spent);
    const acks = await Promise.all(sent);
    const limited = alertIds.filter((_, index) => !acks[index]!.ok && (acks[index] as { code: string }).code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(0);
    const acknowledged = await hub.db.query<{ alert_id: string }>(
      "select alert_id from events where type = 'alert.acknowledged' and alert_id = any($1::text[])",
      [limited],
    );
    expect(acknowledged).toEqual([]);
    for (const alertId of limited) expect(hub.authority.state().alerts.get(alertId)?.holder).toBeUndefined();
  });

  it("given the writer held by a long write, then an observer's command is refused at once and its refusal still lands in the refusals table", async () => {
    const wall = await client('wall');
    const alertId = await raiseHit();
    const before = await refusalCount('off-wall');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const longWrite = hub.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      holding();
      await released;
    });
    await held;
    try {
      const ack = await wall.send({ type: 'acknowledge', alertId, mutationId: nextMutation() });
      expect(ack).toMatchObject({ ok: false, code: 'forbidden' });
    } finally {
      release();
      await longWrite;
    }
    await waitUntil(async () => (await refusalCount('off-wall')) > before, 'the refusal to be recorded');
  });
});
