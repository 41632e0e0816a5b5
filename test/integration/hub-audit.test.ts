import { execFile } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuditRecord, type AuditAct } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail, recordAudit, verifyTrail } from '../../hub/src/audit/index';
import { hashIngestKey, newIngestKey, type IngestKeyEntry } from '../../hub/src/auth/ingest-keys';
import { hashPassword } from '../../hub/src/auth/passwords';
import { openPglite } from '../../hub/src/db/pglite';
import type { RunningHub } from '../../hub/src/index';
import {
  TEST_BACKENDS,
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
  type TestStore,
} from '../support/hub';
import { revokeSessionsOf, signOut, writeUsersFile } from '../support/sessions';

/**
 * The audit trail against real hubs: acts done through the hub's API land in the chain with who, where and
 * what; rows altered, deleted or reordered behind the hub's back are named by verification; two hubs on one
 * PostgreSQL keep one chain; and the CLI's verify command says so with its exit code.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function trail(hub: RunningHub, act: AuditAct, filter: { officerId?: string; hitId?: string } = {}): Promise<AuditRecord[]> {
  return [...(await readAuditTrail(hub.db, { act, ...filter, limit: 1000 })).records];
}

async function raiseHit(hub: RunningHub): Promise<string> {
  const response = await postHit(hub, hitBody());
  expect(response.status).toBe(201);
  return response.body.hitId as string;
}

/** Changes rows as someone with the database owner's rights could: the append-only trigger off first. */
async function tamper(hub: RunningHub, ...statements: string[]): Promise<void> {
  await hub.db.transaction(async (tx) => {
    await tx.query('alter table audit_trail disable trigger user');
    for (const statement of statements) await tx.query(statement);
    await tx.query('alter table audit_trail enable trigger user');
  });
}

/** Swaps two rows' places in seq order (the primary key forbids doing it in one statement). */
const swapRows = (a: number, b: number) => [
  `update audit_trail set seq = -seq where seq in (${a}, ${b})`,
  `update audit_trail set seq = case seq when ${-a} then ${b} else ${a} end where seq < 0`,
];

for (const backend of TEST_BACKENDS) {
  describe(`audit trail on ${backend.name}`, () => {
    let store: TestStore;
    let hub: RunningHub;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      store = await backend.fresh();
      hub = await startTestHub({ demo: true, rate: 0, ...store.config });
    });

    afterAll(async () => {
      for (const client of clients) client.close();
      await hub?.stop();
      await store?.remove();
    });

    it('given real acts through the hub, then each is in the trail with who, where and what, and the chain is intact', async () => {
      const duty = await signIn(hub, 'duty');
      const signedIn = await trail(hub, 'signed-in', { officerId: 'off-duty' });
      expect(signedIn.at(-1)).toMatchObject({ officer: { id: 'off-duty', name: 'Duty Officer (demo)' }, source: '127.0.0.1', details: { role: 'duty-officer' } });

      const wrong = await fetch(`${hub.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'lead', password: 'not-the-password-x9' }),
      });
      expect(wrong.status).toBe(401);
      const failed = await trail(hub, 'sign-in-failed');
      expect(failed.at(-1)).toMatchObject({ source: '127.0.0.1', details: { username: 'lead' } });
      expect(failed.at(-1)!.officer).toBeUndefined();
      expect(JSON.stringify(failed)).not.toContain('not-the-password-x9');

      const hitId = await raiseHit(hub);
      const client = await connectClient(hub, duty.token);
      clients.push(client);
      expect(await client.request('details', { hitId, purpose: 'identity-confirmation', reason: 'Identity check with the record owner' })).toMatchObject({ ok: true });
      expect(await trail(hub, 'details-revealed', { hitId })).toMatchObject([
        { officer: { id: 'off-duty' }, hitId, details: { purpose: 'identity-confirmation', reason: 'Identity check with the record owner' } },
      ]);

      const wall = await connectClient(hub, (await signIn(hub, 'wall')).token);
      clients.push(wall);
      expect(await wall.send({ type: 'acknowledge', alertId: hitId, mutationId: 'mut-audit-wall-1' })).toMatchObject({ ok: false, code: 'forbidden' });
      await waitUntil(async () => (await trail(hub, 'refused', { officerId: 'off-wall' })).length > 0, 'the refusal in the trail');
      expect(await trail(hub, 'refused', { officerId: 'off-wall' })).toMatchObject([{ hitId, details: { command: 'acknowledge', code: 'forbidden', reason: 'role-cannot', params: { doing: 'act' } } }]);

      const admin = await signIn(hub, 'admin');
      const put = await fetch(`${hub.url}/api/v1/checkpoints/gh-aflao`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ name: 'Aflao border post', kind: 'land-border', country: 'GH', lon: 1.1925, lat: 6.1153, status: 'online' }),
      });
      expect(put.status).toBe(200);
      const { seq } = (await put.json()) as { seq: number };
      expect(await trail(hub, 'admin-changed')).toMatchObject([{ officer: { id: 'off-admin' }, details: { target: 'checkpoint', id: 'gh-aflao', eventSeq: seq } }]);
      await signIn(hub, 'lead');
      expect((await revokeSessionsOf(hub, admin.token, 'off-lead')).status).toBe(200);
      expect((await trail(hub, 'admin-changed')).at(-1)).toMatchObject({ officer: { id: 'off-admin' }, source: '127.0.0.1', details: { target: 'sessions', id: 'off-lead', revoked: 1 } });

      expect((await signOut(hub, duty.token)).status).toBe(204);
      expect((await trail(hub, 'signed-out', { officerId: 'off-duty' })).at(-1)).toMatchObject({ source: '127.0.0.1', details: {} });

      // The hub's retention run at start, with what it removed per type.
      expect((await trail(hub, 'retention-run'))[0]).toMatchObject({ details: { purged: { events: 0, subjects: 0 } } });
      expect((await trail(hub, 'retention-run'))[0]!.officer).toBeUndefined();

      const all = (await readAuditTrail(hub.db, { limit: 1000 })).records;
      for (const record of all) expect(AuditRecord.safeParse(record).success).toBe(true);
      expect(all.map((record) => record.seq)).toEqual(all.map((_, index) => index + 1));
      expect(await verifyTrail(hub.db, { pageSize: 3 })).toEqual({ ok: true, records: all.length, last: { seq: all.length, hash: all.at(-1)!.hash } });
    });

    it('given the append-only table, then the hub\'s own database rights cannot change or remove a record', async () => {
      await expect(hub.db.query('update audit_trail set at = 0 where seq = 1')).rejects.toThrow(/append-only/);
      await expect(hub.db.query('delete from audit_trail where seq = 1')).rejects.toThrow(/append-only/);
      await expect(hub.db.transaction(async (tx) => {
        await tx.query("select set_config('watchfloor.audit_purge', 'on', true)");
        await tx.query('delete from audit_trail where seq = 1');
      })).rejects.toThrow(/append-only/);
      await expect(hub.db.query('truncate audit_trail')).rejects.toThrow(/append-only/);
    });

    it('given a row altered, swapped or deleted directly in the database, then verify names the first broken record and what is wrong', async () => {
      const before = await verifyTrail(hub.db);
      expect(before.ok).toBe(true);
      const s = (await trail(hub, 'signed-in', { officerId: 'off-duty' }))[0]!.seq;
      expect(before.records).toBeGreaterThanOrEqual(s + 3);

      await tamper(hub, `update audit_trail set source = '10.6.6.6' where seq = ${s}`);
      expect(await verifyTrail(hub.db)).toMatchObject({ ok: false, records: s - 1, broken: { seq: s, kind: 'altered' } });
      await tamper(hub, `update audit_trail set source = '127.0.0.1' where seq = ${s}`);
      expect(await verifyTrail(hub.db)).toEqual(before);

      await tamper(hub, ...swapRows(s, s + 1));
      expect(await verifyTrail(hub.db, { pageSize: 2 })).toMatchObject({
        ok: false,
        records: s - 1,
        broken: { seq: s, kind: 'reordered', message: `record ${s} was moved: it belongs after record ${s + 1}` },
      });
      await tamper(hub, ...swapRows(s, s + 1));
      expect(await verifyTrail(hub.db)).toEqual(before);

      await tamper(hub, `delete from audit_trail where seq = ${s + 2}`);
      expect(await verifyTrail(hub.db)).toMatchObject({
        ok: false,
        records: s + 1,
        broken: { seq: s + 3, kind: 'missing', message: `record ${s + 2} is missing: record ${s + 3} follows record ${s + 1}` },
      });
    });
  });
}

describe.skipIf(TEST_DATABASE_URL === undefined)('audit trail of two hubs on one PostgreSQL (needs WATCHFLOOR_TEST_DATABASE_URL)', () => {
  const schema = uniqueSchema();
  let a: RunningHub;
  let b: RunningHub;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const shared = { demo: true, rate: 0, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema };
    a = await startTestHub(shared);
    b = await startTestHub(shared);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await a?.stop();
    await b?.stop();
    await dropSchema(schema);
  });

  it('given both hubs appending at once (reveals through each, and entries straight from each pool), then there is one chain without a gap or a fork', async () => {
    const before = await verifyTrail(a.db);
    expect(before.ok).toBe(true);
    const onA = await connectClient(a, (await signIn(a, 'duty')).token);
    const onB = await connectClient(b, (await signIn(b, 'lead')).token);
    clients.push(onA, onB);
    const hits = await Promise.all(Array.from({ length: 10 }, (_, index) => raiseHit(index % 2 === 0 ? a : b)));
    const reveals = hits.flatMap((hitId) => [
      onA.request('details', { hitId, purpose: 'identity-confirmation', reason: 'Identity check with the record owner' }),
      onB.request('details', { hitId, purpose: 'arrest-procedure', reason: 'Arrest procedure at the border post' }),
    ]);
    const direct = Array.from({ length: 100 }, (_, index) =>
      recordAudit(index % 2 === 0 ? a.db : b.db, { act: 'sign-in-failed', at: Date.now(), source: `10.0.0.${index}`, details: { username: `guess-${index}` } }),
    );
    const answers = await Promise.all(reveals);
    await Promise.all(direct);
    for (const answer of answers) expect(answer).toMatchObject({ ok: true });

    const verdict = await verifyTrail(b.db, { pageSize: 50 });
    expect(verdict.ok).toBe(true);
    const added = verdict.records - before.records;
    // Two sign-ins, twenty reveals and a hundred direct entries (sign-ins on either hub, in either order).
    expect(added).toBe(2 + 20 + 100);
    const revealed = await trail(a, 'details-revealed');
    expect(new Set(revealed.map((record) => `${record.hitId}/${record.officer?.id}`)).size).toBe(20);
  });
});

describe('a users file and a keys file that change', () => {
  let hub: RunningHub;
  let dir: { dir: string; remove: () => Promise<void> };
  let usersFile: string;
  let keysFile: string;
  let passwordHash: string;
  const key = (id: string, checkpoints: string[]): IngestKeyEntry => ({ id, name: `Feeder ${id}`, keyHash: hashIngestKey(newIngestKey()), checkpoints });
  const lagos = key('lagos-apt', ['ng-los']);
  const cotonou = key('cotonou-port', ['bj-coo']);

  async function writeKeys(entries: readonly IngestKeyEntry[]): Promise<void> {
    await writeFile(`${keysFile}.new`, JSON.stringify(entries));
    await rename(`${keysFile}.new`, keysFile);
  }

  beforeAll(async () => {
    dir = await tempDir();
    usersFile = path.join(dir.dir, 'users.json');
    keysFile = path.join(dir.dir, 'keys.json');
    passwordHash = await hashPassword('correct horse battery');
    await writeUsersFile(usersFile, [{ id: 'off-ada', username: 'ada', name: 'Ada Eze', role: 'duty-officer', passwordHash }]);
    await writeKeys([lagos, cotonou]);
    hub = await startTestHub({ usersFile, ingestKey: undefined, ingestKeysFile: keysFile });
  });

  afterAll(async () => {
    await hub?.stop();
    await dir?.remove();
  });

  it('given officers added, changed and removed in the users file, then each change is in the trail with the settings that changed', async () => {
    expect(await trail(hub, 'officer-changed')).toMatchObject([{ details: { change: 'added', officerId: 'off-ada', username: 'ada', role: 'duty-officer' } }]);
    await writeUsersFile(usersFile, [
      { id: 'off-ada', username: 'ada', name: 'Ada Eze', role: 'shift-lead', scope: 'NG', passwordHash },
      { id: 'off-bo', username: 'bo', name: 'Bo Mensah', role: 'observer', passwordHash },
    ]);
    await waitUntil(async () => (await trail(hub, 'officer-changed')).length === 3, 'the reload in the trail');
    const changes = (await trail(hub, 'officer-changed')).slice(1);
    expect(changes).toMatchObject([
      { details: { change: 'updated', officerId: 'off-ada', role: 'shift-lead', scope: 'NG', fields: ['role', 'scope'] } },
      { details: { change: 'added', officerId: 'off-bo' } },
    ]);
    await writeUsersFile(usersFile, [{ id: 'off-bo', username: 'bo', name: 'Bo Mensah', role: 'observer', passwordHash }]);
    await waitUntil(async () => (await trail(hub, 'officer-changed')).length === 4, 'the removal in the trail');
    expect((await trail(hub, 'officer-changed')).at(-1)).toMatchObject({ details: { change: 'removed', officerId: 'off-ada', username: 'ada' } });
    expect(JSON.stringify(await trail(hub, 'officer-changed'))).not.toContain(passwordHash);
  });

  it('given keys added, rotated and removed in the keys file, then each change is in the trail, without any key or hash', async () => {
    const rotated = { ...lagos, keyHash: hashIngestKey(newIngestKey()) };
    const added = key('accra-apt', ['gh-acc']);
    await writeKeys([rotated, added]);
    await waitUntil(async () => (await trail(hub, 'ingest-key-changed')).length === 3, 'the key changes in the trail');
    expect(await trail(hub, 'ingest-key-changed')).toMatchObject([
      { details: { change: 'updated', keyId: 'lagos-apt', fields: ['keyHash'] } },
      { details: { change: 'added', keyId: 'accra-apt' } },
      { details: { change: 'removed', keyId: 'cotonou-port' } },
    ]);
    const text = JSON.stringify(await trail(hub, 'ingest-key-changed'));
    for (const entry of [lagos, rotated, added, cotonou]) expect(text).not.toContain(entry.keyHash.slice(7));
    expect((await verifyTrail(hub.db)).ok).toBe(true);
  });
});

describe('npm run hub -- audit verify', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hub/src/cli.ts'), 'audit', 'verify', ...args], { cwd: ROOT }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('given a PGlite directory with an intact trail, then exit 0 and the count and last hash; after a row is altered, exit 1 naming it', async () => {
    const data = await templateDataDir();
    try {
      const hub = await startTestHub({ demo: true, rate: 0, dataDir: data.dir });
      await signIn(hub, 'duty');
      await signIn(hub, 'lead');
      const verdict = await verifyTrail(hub.db);
      await hub.stop();
      if (!verdict.ok) throw new Error('the trail should be intact');
      const intact = await cli('--data', data.dir);
      expect(intact).toEqual({ code: 0, stdout: `audit trail intact: ${verdict.records} records, last hash ${verdict.last.hash} (seq ${verdict.last.seq})\n` });

      const db = await openPglite(data.dir);
      await db.transaction(async (tx) => {
        await tx.query('alter table audit_trail disable trigger user');
        await tx.query(`update audit_trail set officer_name = 'Someone Else' where seq = ${verdict.last.seq}`);
      });
      await db.close();
      const broken = await cli('--data', data.dir);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`audit trail broken at seq ${verdict.last.seq} (altered)`);
    } finally {
      await data.remove();
    }
  });

  it.skipIf(TEST_DATABASE_URL === undefined)('given a PostgreSQL schema with an intact trail, then exit 0 with the count and last hash', async () => {
    const schema = uniqueSchema();
    try {
      const hub = await startTestHub({ demo: true, rate: 0, databaseUrl: TEST_DATABASE_URL, databaseSchema: schema });
      await signIn(hub, 'duty');
      const verdict = await verifyTrail(hub.db);
      await hub.stop();
      if (!verdict.ok) throw new Error('the trail should be intact');
      expect(await cli('--database-url', TEST_DATABASE_URL!, '--database-schema', schema)).toEqual({
        code: 0,
        stdout: `audit trail intact: ${verdict.records} records, last hash ${verdict.last.hash} (seq ${verdict.last.seq})\n`,
      });
    } finally {
      await dropSchema(schema);
    }
  });

  it('given no database named, then exit 2 with the usage', async () => {
    const { DATABASE_URL: _url, WATCHFLOOR_DATA: _data, ...env } = process.env;
    const outcome = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hub/src/cli.ts'), 'audit', 'verify'], { cwd: ROOT, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome).toMatchObject({ code: 2 });
    expect((outcome as { stderr: string }).stderr).toContain('Usage: npm run hub -- audit verify');
  });
});
