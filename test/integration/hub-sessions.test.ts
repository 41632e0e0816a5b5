import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../hub/src/auth/passwords';
import type { RunningHub } from '../../hub/src/index';
import {
  TEST_DATABASE_URL,
  connectClient,
  dropSchema,
  hitBody,
  postHit,
  signIn,
  startTestHub,
  templateDataDir,
  tempDir,
  uniqueSchema,
  waitUntil,
  type TestClient,
} from '../support/hub';
import { attempt, endedWith, handshake, renew, revokeSessionsOf, signOut, watchEnd, writeUsersFile, type UserEntry } from '../support/sessions';

/**
 * The directory is the truth on every request and open socket, and sessions end when they should: users
 * file changes while the hub runs, sign-out, an admin's revocation, expiry, renewal, and a demo run's
 * tokens after a restart without --demo.
 */
const PASSWORD = 'correct-horse-2026';
let passwordHash: string;
let mutation = 0;
const mutationId = () => `mut-sessions-${String(++mutation).padStart(5, '0')}`;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

function officer(id: string, role: string, extra: Partial<UserEntry> = {}): UserEntry {
  return { id: `off-${id}`, username: id, name: `Officer ${id}`, role, passwordHash, ...extra };
}

async function raise(hub: RunningHub, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await postHit(hub, hitBody({ checkpointId: 'ng-los', ...overrides }));
  expect(response.status).toBe(201);
  return response.body.hitId as string;
}

describe('the users file, rewritten while the hub runs', () => {
  let hub: RunningHub;
  let dir: { dir: string; remove: () => Promise<void> };
  let file: string;
  const clients: TestClient[] = [];
  const everyone = () => [
    officer('ngdesk', 'duty-officer', { scope: 'NG' }),
    officer('gone', 'duty-officer'),
    officer('benched', 'duty-officer'),
    officer('lead', 'shift-lead'),
    officer('steady', 'duty-officer'),
  ];

  beforeAll(async () => {
    dir = await tempDir('watchfloor-users-');
    file = path.join(dir.dir, 'users.json');
    await writeUsersFile(file, everyone());
    hub = await startTestHub({ demo: true, rate: 0, usersFile: file });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await hub?.stop();
    await dir?.remove();
  });

  async function open(username: string) {
    const session = await signIn(hub, username, PASSWORD);
    const client = await connectClient(hub, session.token);
    clients.push(client);
    return { session, client, end: watchEnd(client) };
  }

  it('given officers removed, disabled, demoted and narrowed, then each open socket ends with its reason and the rest go on', async () => {
    const ngdesk = await open('ngdesk');
    const gone = await open('gone');
    const benched = await open('benched');
    const lead = await open('lead');
    const steady = await open('steady');

    await writeUsersFile(file, [
      officer('ngdesk', 'duty-officer', { scope: 'BJ' }),
      officer('benched', 'duty-officer', { disabled: true }),
      officer('lead', 'duty-officer'),
      officer('steady', 'duty-officer'),
    ]);

    await endedWith(ngdesk.client, ngdesk.end, 'rights-changed');
    await endedWith(gone.client, gone.end, 'removed');
    await endedWith(benched.client, benched.end, 'disabled');
    await endedWith(lead.client, lead.end, 'rights-changed');
    expect(steady.client.socket.connected).toBe(true);
    expect(steady.end.ended()).toBeUndefined();
    const alertId = await raise(hub);
    expect((await steady.client.send({ type: 'acknowledge', alertId, mutationId: mutationId() })).ok).toBe(true);

    // The removed and the disabled cannot come back; the others reconnect with the directory's rights.
    expect(await handshake(hub, gone.session.token)).toBe('removed');
    expect(await handshake(hub, benched.session.token)).toBe('disabled');
    await expect(signIn(hub, 'gone', PASSWORD)).rejects.toThrow(/401/);
    await expect(signIn(hub, 'benched', PASSWORD)).rejects.toThrow(/401/);
    const narrowed = await connectClient(hub, ngdesk.session.token);
    clients.push(narrowed);
    await narrowed.waitFor(() => narrowed.hello !== undefined, 'hello');
    expect(narrowed.hello!.officer).toMatchObject({ id: 'off-ngdesk', scope: 'BJ' });
    const nigerian = await raise(hub, { checkpointId: 'ng-abv', recordOwner: 'FR' });
    expect(await narrowed.send({ type: 'acknowledge', alertId: nigerian, mutationId: mutationId() })).toMatchObject({ ok: false, code: 'forbidden' });
    const demoted = await connectClient(hub, lead.session.token);
    clients.push(demoted);
    await demoted.waitFor(() => demoted.hello !== undefined, 'hello');
    expect(demoted.hello!.officer.role).toBe('duty-officer');
    const another = await raise(hub);
    expect(await demoted.send({ type: 'assign', alertId: another, officerId: 'off-steady', mutationId: mutationId() })).toMatchObject({ ok: false, code: 'forbidden' });

    // Enabled again, the officer signs in anew; the session from before the disabling stays ended.
    await writeUsersFile(file, [
      officer('ngdesk', 'duty-officer', { scope: 'BJ' }),
      officer('benched', 'duty-officer'),
      officer('lead', 'duty-officer'),
      officer('steady', 'duty-officer'),
    ]);
    await waitUntil(async () => (await fetch(`${hub.url}/api/v1/session`, { method: 'POST', body: JSON.stringify({ username: 'benched', password: PASSWORD }) })).status === 200, 'the re-enabled officer to be able to sign in');
    expect(await handshake(hub, benched.session.token)).toBe('disabled');
  });

  it('given a users file that does not parse, then the hub keeps the officers it had and their sockets', async () => {
    const steady = await open('steady');
    const before = hub.authority.cursor();
    await writeUsersFile(file, [{ ...officer('steady', 'duty-officer'), role: 'chief-of-everything' }]);
    // A good change after the bad one shows the bad one was read, and refused, by then.
    await writeUsersFile(file, [officer('steady', 'duty-officer'), officer('newcomer', 'observer')]);
    await waitUntil(async () => (await fetch(`${hub.url}/api/v1/session`, { method: 'POST', body: JSON.stringify({ username: 'newcomer', password: PASSWORD }) })).status === 200, 'the newcomer to be able to sign in');
    expect(steady.client.socket.connected).toBe(true);
    expect(hub.authority.cursor()).toBe(before);
  });
});

describe('sessions ending while a socket is open', () => {
  let hub: RunningHub;
  const clients: TestClient[] = [];
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await hub?.stop();
  });
  beforeAll(async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
  });

  async function open(username: string) {
    const session = await signIn(hub, username);
    const client = await connectClient(hub, session.token);
    clients.push(client);
    return { session, client, end: watchEnd(client) };
  }

  it('given a sign-out, then that session\'s socket ends, its token is refused, and the officer\'s other session goes on', async () => {
    const desk = await open('duty');
    const otherDesk = await open('duty');
    const response = await signOut(hub, desk.session.token);
    expect(response.status).toBe(204);
    await endedWith(desk.client, desk.end, 'signed-out');
    expect(await handshake(hub, desk.session.token)).toBe('signed-out');
    expect((await signOut(hub, desk.session.token)).status).toBe(401);
    expect(otherDesk.client.socket.connected).toBe(true);
  });

  it('given an admin revoking all of an officer\'s sessions, then every one of their sockets ends and only an admin may do it', async () => {
    const first = await open('abuja');
    const second = await open('abuja');
    const bystander = await open('duty');
    const admin = await signIn(hub, 'admin');
    const lead = await signIn(hub, 'lead');
    expect((await revokeSessionsOf(hub, lead.token, 'off-abuja')).status).toBe(403);
    expect(first.client.socket.connected).toBe(true);
    const response = await revokeSessionsOf(hub, admin.token, 'off-abuja');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ officerId: 'off-abuja', revoked: 2 });
    await endedWith(first.client, first.end, 'revoked');
    await endedWith(second.client, second.end, 'revoked');
    expect(await handshake(hub, first.session.token)).toBe('revoked');
    expect(bystander.client.socket.connected).toBe(true);
    // Signing in again gives a fresh session.
    expect(await handshake(hub, (await signIn(hub, 'abuja')).token)).toBe('connected');
  });
});

describe('expiry and renewal', () => {
  let hub: RunningHub;
  const clients: TestClient[] = [];
  let offsetMs = 0;
  beforeAll(async () => {
    // Tokens of 3 seconds, on a clock the test can move.
    hub = await startTestHub({ demo: true, rate: 0, tokenMinutes: 0.05, hooks: { now: () => Date.now() + offsetMs } });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await hub?.stop();
  });

  async function open(username: string) {
    const session = await signIn(hub, username);
    const client = await connectClient(hub, session.token);
    clients.push(client);
    return { session, client, end: watchEnd(client) };
  }

  it('given a token that expires, then its open socket ends at that moment, not before', async () => {
    const desk = await open('duty');
    const expiresAt = desk.session.expiresAt;
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(3000);
    await endedWith(desk.client, desk.end, 'expired', 6000);
    expect(desk.end.at()!).toBeGreaterThanOrEqual(expiresAt);
    expect(desk.end.at()! - expiresAt).toBeLessThan(500);
    expect(await handshake(hub, desk.session.token)).toBe('expired');
  });

  it('given a session renewed before expiry, then the socket stays open past the old expiry and ends at the new one', async () => {
    const desk = await open('lead');
    await desk.client.waitFor(() => Date.now() > desk.session.expiresAt - 2000, 'a second to pass');
    const renewed = await renew(hub, desk.session.token);
    expect(renewed.expiresAt).toBeGreaterThan(desk.session.expiresAt);
    expect(renewed.officer.id).toBe('off-lead');
    await desk.client.waitFor(() => Date.now() > desk.session.expiresAt + 300, 'the old expiry to pass');
    expect(desk.client.socket.connected).toBe(true);
    const alertId = await raise(hub);
    expect((await desk.client.send({ type: 'acknowledge', alertId, mutationId: mutationId() })).ok).toBe(true);
    await endedWith(desk.client, desk.end, 'expired', 6000);
    expect(desk.end.at()!).toBeGreaterThanOrEqual(renewed.expiresAt);
  });

  it('given the hub clock past a session\'s expiry, then the next command on its socket is not applied and the socket ends', async () => {
    const desk = await open('duty');
    const alertId = await raise(hub);
    const before = hub.authority.cursor();
    offsetMs = 60_000;
    try {
      expect(await attempt(desk.client, { type: 'acknowledge', alertId, mutationId: mutationId() })).toBe('unanswered');
      await endedWith(desk.client, desk.end, 'expired');
      expect(hub.authority.cursor()).toBe(before);
    } finally {
      offsetMs = 0;
    }
  });
});

describe('a demo run\'s tokens', () => {
  it('given tokens minted with --demo, then after a restart on the same database without --demo they are refused everywhere', async () => {
    const store = await templateDataDir();
    try {
      const demo = await startTestHub({ demo: true, rate: 0, dataDir: store.dir });
      const admin = await signIn(demo, 'admin');
      const duty = await signIn(demo, 'duty');
      await demo.stop();
      const plain = await startTestHub({ dataDir: store.dir });
      try {
        expect(await handshake(plain, duty.token)).toBe('demo');
        expect(await handshake(plain, admin.token)).toBe('demo');
        const response = await fetch(`${plain.url}/api/v1/operations/op-intruder`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({}),
        });
        expect(response.status).toBe(401);
        expect((await renew(plain, duty.token).catch((error: Error) => error.message))).toMatch(/401/);
      } finally {
        await plain.stop();
      }
    } finally {
      await store.remove();
    }
  });
});

describe.skipIf(TEST_DATABASE_URL === undefined)('two hubs on one PostgreSQL (needs WATCHFLOOR_TEST_DATABASE_URL)', () => {
  const schema = uniqueSchema();
  let a: RunningHub;
  let b: RunningHub;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    a = await startTestHub({ demo: true, rate: 0, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema });
    // Its timer is pushed out of reach, so a pass proves the notification path.
    b = await startTestHub({ demo: true, rate: 0, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, hooks: { accessRefreshMs: 600_000 } });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await b?.stop();
    await a?.stop();
    await dropSchema(schema);
  });

  it('given a session signed out on one hub, then its socket on the other hub ends at once', async () => {
    const session = await signIn(a, 'duty');
    const client = await connectClient(b, session.token);
    clients.push(client);
    const end = watchEnd(client);
    expect((await signOut(a, session.token)).status).toBe(204);
    await endedWith(client, end, 'signed-out', 3000);
  });
});
