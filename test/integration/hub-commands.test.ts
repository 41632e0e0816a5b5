import path from 'node:path';
import type { Command, CommandType, SessionEndReason } from '@watchfloor/shared';
import { SignJWT } from 'jose';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../hub/src/auth/passwords';
import type { RunningHub } from '../../hub/src/index';
import { caughtUp, connectClient, hitBody, postHit, signIn, startTestHub, tempDir, waitUntil, type TestClient } from '../support/hub';
import { attemptRequest, endedWith, handshake, revokeSessionsOf, watchEnd, writeUsersFile, type UserEntry } from '../support/sessions';

let hub: RunningHub;
const tokens: Record<string, string> = {};
let mutation = 0;
const nextMutation = () => `mut-cmd-${String(++mutation).padStart(6, '0')}`;

async function raiseHit(overrides: Record<string, unknown> = {}, on: RunningHub = hub): Promise<string> {
  const response = await postHit(on, hitBody(overrides));
  expect(response.status).toBe(201);
  return response.body.hitId as string;
}

function command(type: CommandType, alertId: string, mutationId = nextMutation()): Command {
  switch (type) {
    case 'acknowledge':
      return { type, alertId, mutationId };
    case 'escalate':
      return { type, alertId, mutationId, level: 1, reason: 'Needs the shift lead' };
    case 'resolve':
      return { type, alertId, mutationId, outcome: 'false-positive' };
    case 'note':
      return { type, alertId, mutationId, text: 'Called the arrivals desk' };
    case 'assign':
      return { type, alertId, mutationId, officerId: 'off-duty' };
  }
}

beforeAll(async () => {
  hub = await startTestHub({ demo: true, rate: 0 });
  for (const user of ['duty', 'lead', 'wall', 'abuja', 'admin']) tokens[user] = (await signIn(hub, user)).token;
});

afterAll(async () => {
  await hub?.stop();
});

describe('commands over /ops', () => {
  const clients: TestClient[] = [];
  const client = async (user: string) => {
    const connected = await connectClient(hub, tokens[user]!);
    clients.push(connected);
    return connected;
  };
  afterAll(() => clients.forEach((c) => c.close()));

  it('given every role and every command on a fresh alert, then the hub answers exactly as authorize says', async () => {
    const expected: Record<string, Record<CommandType, string>> = {
      wall: { acknowledge: 'forbidden', escalate: 'forbidden', resolve: 'forbidden', note: 'forbidden', assign: 'forbidden' },
      duty: { acknowledge: 'ok', escalate: 'forbidden', resolve: 'forbidden', note: 'ok', assign: 'forbidden' },
      abuja: { acknowledge: 'ok', escalate: 'forbidden', resolve: 'forbidden', note: 'ok', assign: 'forbidden' },
      lead: { acknowledge: 'ok', escalate: 'ok', resolve: 'ok', note: 'ok', assign: 'ok' },
      admin: { acknowledge: 'ok', escalate: 'ok', resolve: 'ok', note: 'ok', assign: 'ok' },
    };
    for (const [user, verdicts] of Object.entries(expected)) {
      const officer = await client(user);
      for (const type of Object.keys(verdicts) as CommandType[]) {
        const alertId = await raiseHit({ checkpointId: 'ng-los' });
        const ack = await officer.send(command(type, alertId));
        expect({ user, type, verdict: ack.ok ? 'ok' : ack.code }).toEqual({ user, type, verdict: verdicts[type] });
      }
    }
  });

  it('given the same mutation sent twice, then one event is logged and the retry says duplicate', async () => {
    const duty = await client('duty');
    const alertId = await raiseHit();
    const ack = command('acknowledge', alertId);
    const first = await duty.send(ack);
    const second = await duty.send(ack);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual({ ok: true, seq: (first as { seq: number }).seq, duplicate: true });
    await caughtUp(duty, hub);
    expect(duty.events.filter((e) => e.type === 'alert.acknowledged' && e.alertId === alertId)).toHaveLength(1);
  });

  it('given commands carrying the time the officer gave them, then the events keep it, and a time past the skew is refused', async () => {
    const lead = await client('lead');
    const alertId = await raiseHit();
    const raisedAt = hub.authority.state().alerts.get(alertId)!.raisedAt;
    const ack = await lead.send({ ...command('acknowledge', alertId), givenAt: raisedAt + 1 });
    expect(ack).toMatchObject({ ok: true });
    const tooLate = await lead.send({ ...command('note', alertId), givenAt: Date.now() + 10 * 60_000 });
    expect(tooLate).toMatchObject({ ok: false, code: 'invalid', reason: 'given-after-hub-clock', message: expect.stringContaining('givenAt') });
    const resolved = await lead.send({ type: 'resolve', alertId, mutationId: nextMutation(), outcome: 'no-action', comment: 'Traveller cleared by the desk', givenAt: raisedAt + 2 });
    expect(resolved).toMatchObject({ ok: true });
    const history = hub.authority.state().alerts.get(alertId)!.history;
    expect(history.find((h) => h.type === 'alert.acknowledged')).toMatchObject({ givenAt: raisedAt + 1 });
    expect(history.find((h) => h.type === 'alert.resolved')).toMatchObject({ givenAt: raisedAt + 2, comment: 'Traveller cleared by the desk' });
    expect(history.some((h) => h.type === 'alert.noted')).toBe(false);
  });

  it('given two officers acknowledging the same alert at once, then one wins and the other is told who holds it', async () => {
    const duty = await client('duty');
    const lead = await client('lead');
    const alertId = await raiseHit();
    const [a, b] = await Promise.all([duty.send(command('acknowledge', alertId)), lead.send(command('acknowledge', alertId))]);
    const winners = [a, b].filter((ack) => ack.ok);
    const losers = [a, b].filter((ack) => !ack.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, code: 'conflict', reason: 'held-by-other', params: { name: expect.any(String) }, message: expect.stringMatching(/^Already acknowledged by /) }]);
    expect(hub.authority.state().alerts.get(alertId)?.history.filter((h) => h.type === 'alert.acknowledged')).toHaveLength(1);
  });

  it('given a command the hub refuses, then the refusal is recorded and nothing is logged as an event', async () => {
    const wall = await client('wall');
    const alertId = await raiseHit();
    const head = hub.authority.cursor();
    const ack = await wall.send(command('acknowledge', alertId));
    expect(ack).toMatchObject({ ok: false, code: 'forbidden', reason: 'role-cannot', params: { doing: 'act', roles: ['duty-officer', 'shift-lead', 'admin'] } });
    expect(hub.authority.cursor()).toBe(head);
    const refusals = await hub.db.query<{ officer_id: string; code: string }>('select officer_id, code from refusals where officer_id = $1', ['off-wall']);
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('given a change by one officer, then another connected officer sees it live', async () => {
    const duty = await client('duty');
    const lead = await client('lead');
    await caughtUp(lead, hub);
    const alertId = await raiseHit();
    await lead.waitFor(() => lead.events.some((e) => e.type === 'hit.raised' && e.hit.id === alertId), 'hit on the lead client');
    await duty.send(command('acknowledge', alertId));
    await lead.waitFor(
      () => lead.events.some((e) => e.type === 'alert.acknowledged' && e.alertId === alertId && e.by.id === 'off-duty'),
      'acknowledgement on the lead client',
    );
  });

  it('given a Nigeria-scoped officer, then only hits and alerts concerning Nigeria arrive', async () => {
    const abuja = await client('abuja');
    const nigerian = await raiseHit({ checkpointId: 'ng-abv', recordOwner: 'FR' });
    const ownedByNigeria = await raiseHit({ checkpointId: 'bj-coo', recordOwner: 'NG' });
    const beninOnly = await raiseHit({ checkpointId: 'bj-coo', recordOwner: 'BJ' });
    const lead = await client('lead');
    await lead.send(command('note', beninOnly));
    // Batches arrive in log order, so once a later Nigerian hit is in, everything before it was decided.
    const marker = await raiseHit({ checkpointId: 'ng-kan' });
    await abuja.waitFor(() => abuja.events.some((e) => e.type === 'hit.raised' && e.hit.id === marker), 'marker hit');
    const seenHits = new Set(abuja.events.flatMap((e) => (e.type === 'hit.raised' ? [e.hit.id] : [])));
    expect(seenHits.has(nigerian)).toBe(true);
    expect(seenHits.has(ownedByNigeria)).toBe(true);
    expect(seenHits.has(beninOnly)).toBe(false);
    for (const event of abuja.events) {
      if (event.type === 'hit.raised') expect([event.hit.country, event.hit.recordOwner]).toContain('NG');
      if (event.type === 'checkpoint.updated') expect(event.checkpoint.country).toBe('NG');
      if ('alertId' in event) expect(event.alertId).not.toBe(beninOnly);
    }
    const refused = await abuja.send(command('acknowledge', beninOnly));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    // Ranges chain without holes even though some seqs were not shown.
    for (let index = 1; index < abuja.ranges.length; index += 1) {
      expect(abuja.ranges[index]!.after).toBe(abuja.ranges[index - 1]!.through);
    }
  });

  it('given a details request, then allowed roles with a reason get the subject and an audit event is logged', async () => {
    const lead = await client('lead');
    const wall = await client('wall');
    const alertId = await raiseHit({ subject: { name: 'SIMULATED PERSON', documentNumber: 'X12345678' } });
    expect(await lead.request('details', { hitId: alertId, purpose: 'identity-confirmation', reason: 'no' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await wall.request('details', { hitId: alertId, purpose: 'identity-confirmation', reason: 'Checking identity with the desk' })).toMatchObject({ ok: false, code: 'forbidden' });
    const details = await lead.request('details', { hitId: alertId, purpose: 'identity-confirmation', reason: 'Confirming identity with the airport desk' });
    expect(details).toEqual({ ok: true, hitId: alertId, subject: { name: 'SIMULATED PERSON', documentNumber: 'X12345678' }, earlierReveals: [], earlierRevealsTotal: 0 });
    await lead.waitFor(
      () => lead.events.some((e) => e.type === 'audit.details-viewed' && e.hitId === alertId && e.by.id === 'off-lead'),
      'audit event',
    );
    const logged = await hub.db.query<{ body: unknown }>('select body from events');
    expect(JSON.stringify(logged)).not.toContain('X12345678');
  });

  it('given malformed command payloads, then each gets invalid and the log does not move', async () => {
    const duty = await client('duty');
    const head = hub.authority.cursor();
    for (const payload of [null, 42, 'ack', {}, { type: 'acknowledge' }, { type: 'fly', alertId: 'x', mutationId: 'mut-00000000' }]) {
      const ack = await duty.socket.timeout(5000).emitWithAck('command', payload);
      expect(ack).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(await duty.send(command('acknowledge', 'hit-does-not-exist'))).toMatchObject({ ok: false, code: 'not-found', reason: 'no-such-alert', params: { alertId: 'hit-does-not-exist' } });
    expect(hub.authority.cursor()).toBe(head);
  });
});

/**
 * The matrix's columns for sessions that can no longer act: a shift lead (who may do everything) whose
 * session was revoked by an admin, whose token expired, or who was disabled in the users file. Each request
 * goes on a socket opened while the session was good; the hub applies none (a revoked or disabled
 * officer's sockets are ended as the hub learns of it, an expired one's at its next message), ends every
 * socket with the reason, refuses the token at the next handshake, and its log does not move.
 */
describe('commands and details from a session that can no longer act', () => {
  const PASSWORD = 'correct-horse-2026';
  const REQUESTS = ['acknowledge', 'escalate', 'resolve', 'note', 'assign', 'details'] as const;
  let ended: RunningHub;
  let dir: { dir: string; remove: () => Promise<void> };
  let file: string;
  let lead: (id: string, disabled?: boolean) => UserEntry;
  let offsetMs = 0;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const passwordHash = await hashPassword(PASSWORD);
    lead = (id, disabled = false) => ({ id: `off-${id}`, username: id, name: `Lead ${id}`, role: 'shift-lead', passwordHash, ...(disabled ? { disabled } : {}) });
    dir = await tempDir('watchfloor-matrix-');
    file = path.join(dir.dir, 'users.json');
    await writeUsersFile(file, [lead('revokee'), lead('lapsed'), lead('benched'), lead('witness')]);
    // No automatic escalation and no simulated checkpoint or phase changes: moving the hub's clock past the
    // token's life must be the only thing that happens.
    const day = 86_400_000;
    const never = { critical: day, high: day, medium: day, low: day };
    ended = await startTestHub({
      demo: true,
      rate: 0,
      usersFile: file,
      hooks: { now: () => Date.now() + offsetMs, escalationPolicy: { unacknowledged: never, stale: never }, simulatorLifeEvents: false },
    });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await ended?.stop();
    await dir?.remove();
  });

  function request(kind: (typeof REQUESTS)[number], alertId: string): { event: string; payload: unknown } {
    if (kind === 'details') return { event: 'details', payload: { hitId: alertId, purpose: 'identity-confirmation', reason: 'Confirming identity with the airport desk' } };
    return { event: 'command', payload: command(kind, alertId) };
  }

  const columns: Record<'revoked' | 'expired' | 'disabled', { officer: string; end: () => Promise<void>; after?: () => void }> = {
    revoked: {
      officer: 'revokee',
      end: async () => {
        const admin = await signIn(ended, 'admin');
        expect((await revokeSessionsOf(ended, admin.token, 'off-revokee')).status).toBe(200);
      },
    },
    expired: {
      officer: 'lapsed',
      // The hub's clock past the token's 30 minutes; the sockets' own timers are still far off.
      end: async () => void (offsetMs = 31 * 60_000),
      after: () => void (offsetMs = 0),
    },
    disabled: {
      officer: 'benched',
      end: async () => {
        await writeUsersFile(file, [lead('revokee'), lead('lapsed'), lead('benched', true), lead('witness'), lead('newcomer')]);
        // The same reload lets the newcomer in: once they can sign in, the hub has read the file.
        await waitUntil(async () => (await fetch(`${ended.url}/api/v1/session`, { method: 'POST', body: JSON.stringify({ username: 'newcomer', password: PASSWORD }) })).status === 200, 'the users file to be applied');
      },
    },
  };

  for (const [reason, column] of Object.entries(columns) as [SessionEndReason, (typeof columns)[keyof typeof columns]][]) {
    it(`given a shift lead's session ${reason}, then no command and no details request is applied, every socket ends, and the log does not move`, async () => {
      const opened: { kind: (typeof REQUESTS)[number]; alertId: string; token: string; client: TestClient; end: ReturnType<typeof watchEnd> }[] = [];
      for (const kind of REQUESTS) {
        const alertId = await raiseHit({ checkpointId: 'ng-los' }, ended);
        const { token } = await signIn(ended, column.officer, PASSWORD);
        const client = await connectClient(ended, token);
        clients.push(client);
        await caughtUp(client, ended);
        opened.push({ kind, alertId, token, client, end: watchEnd(client) });
      }
      const head = ended.authority.cursor();
      const before = opened.map(({ alertId }) => JSON.stringify(ended.authority.state().alerts.get(alertId)));
      try {
        await column.end();
        const answers = await Promise.all(opened.map(({ kind, alertId, client }) => {
          const { event, payload } = request(kind, alertId);
          return attemptRequest(client, event, payload);
        }));
        expect(answers).toEqual(REQUESTS.map(() => 'unanswered'));
        for (const { client, end, token } of opened) {
          await endedWith(client, end, reason);
          expect(await handshake(ended, token)).toBe(reason);
        }
        expect(ended.authority.cursor()).toBe(head);
        expect(opened.map(({ alertId }) => JSON.stringify(ended.authority.state().alerts.get(alertId)))).toEqual(before);
      } finally {
        column.after?.();
      }
      // A session that can still act was not caught up in it.
      const witness = await connectClient(ended, (await signIn(ended, 'witness', PASSWORD)).token);
      clients.push(witness);
      expect(await witness.send(command('acknowledge', opened[0]!.alertId))).toMatchObject({ ok: true });
    });
  }
});

describe('socket handshake', () => {
  const attempt = (auth: unknown) =>
    new Promise<string>((resolve) => {
      const socket = io(`${hub.url}/ops`, { transports: ['websocket'], auth: auth as object, reconnection: false, forceNew: true });
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve(error.message);
      });
    });

  it('given missing, malformed, forged or expired tokens, then the connection is refused as unauthorized', async () => {
    const forged = await new SignJWT({ name: 'Mallory', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('off-admin')
      .setIssuer('watchfloor-hub')
      .setAudience('watchfloor-console')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-hub-secret-not-the-hub-secret!!'));
    const secret = (await hub.db.query<{ value: string }>("select value from meta where key = 'token_secret'"))[0]!.value;
    const expired = await new SignJWT({ name: 'Ada', role: 'duty-officer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('off-duty')
      .setIssuer('watchfloor-hub')
      .setAudience('watchfloor-console')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    for (const auth of [{}, { token: '' }, { token: 'garbage' }, { token: forged }, { token: expired }, { token: tokens.duty, since: -1 }]) {
      expect(await attempt(auth)).toBe('unauthorized');
    }
    expect(await attempt({ token: tokens.duty })).toBe('connected');
  });

  it('given wrong credentials, then sign-in answers 401 without saying which part was wrong', async () => {
    for (const body of [{ username: 'duty', password: 'nope' }, { username: 'nobody', password: 'duty' }]) {
      const response = await fetch(`${hub.url}/api/v1/session`, { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: 'Wrong username or password.' });
    }
  });
});
