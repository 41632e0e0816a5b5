import path from 'node:path';
import { AuditTrailResponse, AuditVerification, type AuditRecord } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail, recordAudit } from '../../hub/src/audit/index';
import type { RunningHub } from '../../hub/src/index';
import { TEST_BACKENDS, connectClient, hitBody, postHit, signIn, startTestHub, tempDir, type TestClient, type TestStore } from '../support/hub';
import { handshake, writeUsersFile } from '../support/sessions';

/**
 * Reviewing the audit trail over HTTP, as the data-protection view does: who may (an auditor or an admin,
 * nobody else), filters and paging, bad queries refused with what is wrong, the chain's verification
 * (intact, then broken by a row changed behind the hub's back), exports recorded; and an auditor is refused
 * every operational command.
 */
async function get(hub: RunningHub, path: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}${path}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

async function post(hub: RunningHub, path: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function page(hub: RunningHub, token: string, query: string): Promise<AuditTrailResponse> {
  const answer = await get(hub, `/api/v1/audit?${query}`, token);
  expect(answer.status).toBe(200);
  return AuditTrailResponse.parse(answer.body);
}

for (const backend of TEST_BACKENDS) {
  describe(`reviewing the audit trail on ${backend.name}`, () => {
    let store: TestStore;
    let hub: RunningHub;
    let auditor: string;
    let hitId: string;
    const clients: TestClient[] = [];

    let users: { dir: string; remove: () => Promise<void> };

    beforeAll(async () => {
      store = await backend.fresh();
      users = await tempDir();
      // A national bureau's data-protection officer: an auditor with a country scope.
      const usersFile = path.join(users.dir, 'users.json');
      await writeUsersFile(usersFile, [{ id: 'off-dpo-ng', username: 'dpo-ng', name: 'NCB Abuja DPO', role: 'auditor', scope: 'NG', password: 'dpo-ng-password' }]);
      hub = await startTestHub({ demo: true, rate: 0, usersFile, ...store.config });
      auditor = (await signIn(hub, 'auditor')).token;
      const raised = await postHit(hub, hitBody());
      hitId = raised.body.hitId as string;
      const duty = await connectClient(hub, (await signIn(hub, 'duty')).token);
      clients.push(duty);
      expect(await duty.request('details', { hitId, purpose: 'identity-confirmation', reason: 'Identity check with the record owner' })).toMatchObject({ ok: true });
      // A reveal with a purpose, as the reveal form records one.
      await recordAudit(hub.db, { act: 'details-revealed', at: Date.now(), officer: { id: 'off-lead', name: 'Shift Lead (demo)' }, hitId, details: { reason: 'Arrest at the border post', purpose: 'arrest-procedure' } });
    });

    afterAll(async () => {
      for (const client of clients) client.close();
      await hub?.stop();
      await store?.remove();
      await users?.remove();
    });

    it('given an auditor or an admin, then they read the trail; every other role is refused, and the refusal is recorded', async () => {
      expect((await page(hub, auditor, '')).records.length).toBeGreaterThan(0);
      expect((await get(hub, '/api/v1/audit', (await signIn(hub, 'admin')).token)).status).toBe(200);
      for (const username of ['duty', 'lead', 'wall', 'abuja']) {
        const refused = await get(hub, '/api/v1/audit', (await signIn(hub, username)).token);
        expect(refused, username).toMatchObject({ status: 403, body: { error: 'forbidden', message: 'Only an admin or an auditor can review the audit trail.' } });
      }
      const refusals = (await readAuditTrail(hub.db, { act: 'refused', officerId: 'off-lead' })).records;
      expect(refusals.at(-1)).toMatchObject({ source: '127.0.0.1', details: { command: 'audit-trail', code: 'forbidden' } });
      const scoped = await get(hub, '/api/v1/audit/verification', (await signIn(hub, 'dpo-ng', 'dpo-ng-password')).token);
      expect(scoped).toMatchObject({ status: 403, body: { error: 'forbidden', message: /bureau-wide/ } });
      expect(await get(hub, '/api/v1/audit')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      expect(await get(hub, '/api/v1/audit/verification', 'not-a-token')).toMatchObject({ status: 401 });
    });

    it('given filters by hit, act, officer, purpose and time, then only matching records come back, in seq order', async () => {
      const reveals = (await page(hub, auditor, `hitId=${hitId}&act=details-revealed`)).records;
      expect(reveals.map((record) => [record.officer?.id, record.details])).toEqual([
        ['off-duty', { purpose: 'identity-confirmation', reason: 'Identity check with the record owner' }],
        ['off-lead', { reason: 'Arrest at the border post', purpose: 'arrest-procedure' }],
      ]);
      expect((await page(hub, auditor, 'purpose=arrest-procedure')).records.map((record) => record.officer?.id)).toEqual(['off-lead']);
      const signIns = (await page(hub, auditor, 'officer=off-duty&act=signed-in')).records;
      expect(signIns.length).toBeGreaterThan(0);
      expect(signIns.every((record) => record.act === 'signed-in' && record.officer?.id === 'off-duty')).toBe(true);
      const first = reveals[0]!;
      const window = (await page(hub, auditor, `from=${first.at}&to=${first.at + 1}&hitId=${hitId}`)).records;
      expect(window.map((record) => record.seq)).toContain(first.seq);
      expect(window.every((record) => record.at === first.at)).toBe(true);
    });

    it('given a small page size, then following next walks the whole trail once, in order', async () => {
      const whole = (await page(hub, auditor, 'limit=1000')).records;
      const walked: AuditRecord[] = [];
      let after = 0;
      for (;;) {
        const next = await page(hub, auditor, `limit=3&after=${after}`);
        walked.push(...next.records);
        if (next.next === undefined) break;
        after = next.next;
      }
      expect(walked.map((record) => record.seq)).toEqual(whole.map((record) => record.seq));
    });

    it('given bad query parameters, then 400 names each one and what it expects', async () => {
      const bad = await get(hub, '/api/v1/audit?limit=5000&from=last-tuesday&colour=red', auditor);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'invalid', message: 'The audit trail query has bad parameters.' });
      expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['colour', 'from']);
      expect(await get(hub, '/api/v1/audit?act=peeked', auditor)).toMatchObject({ status: 400, body: { issues: [{ path: 'act' }] } });
      expect(await get(hub, '/api/v1/audit?limit=5000', auditor)).toMatchObject({ status: 400, body: { issues: [{ path: 'limit', message: 'expected 1 to 1000' }] } });
    });

    it('given an export notice, then an exported record names who, which format, filter and count; a bad notice changes nothing', async () => {
      const notice = { format: 'json', filter: { hitId, from: 1000, to: 2000 }, records: 2 };
      const recorded = await post(hub, '/api/v1/audit/exports', auditor, notice);
      expect(recorded.status).toBe(201);
      const [exported] = (await page(hub, auditor, `act=exported&after=${recorded.body.seq - 1}&limit=1`)).records;
      expect(exported).toMatchObject({
        seq: recorded.body.seq,
        officer: { id: 'off-auditor', name: 'Data Protection Officer (demo)' },
        source: '127.0.0.1',
        details: { what: 'audit-trail', format: 'json', range: { from: 1000, to: 2000 }, filter: { hitId, from: 1000, to: 2000 }, records: 2 },
      });
      const before = (await page(hub, auditor, 'act=exported')).records.length;
      const bad = await post(hub, '/api/v1/audit/exports', auditor, { format: 'xlsx', filter: {}, records: 1 });
      expect(bad).toMatchObject({ status: 400, body: { error: 'invalid', issues: [{ path: 'format' }] } });
      expect(await post(hub, '/api/v1/audit/exports', (await signIn(hub, 'duty')).token, notice)).toMatchObject({ status: 403 });
      expect((await page(hub, auditor, 'act=exported')).records.length).toBe(before);
    });

    it('given an auditor, then the operation picture is refused at the handshake: no live stream, no command, no reveal', async () => {
      expect(await handshake(hub, auditor)).toBe('forbidden');
      expect(await handshake(hub, (await signIn(hub, 'duty')).token)).toBe('connected');
    });

    it('given the chain intact, then verification says so with the count and last hash; a row changed behind the hub names the break', async () => {
      const intact = AuditVerification.parse((await get(hub, '/api/v1/audit/verification', auditor)).body);
      const whole = (await page(hub, auditor, 'limit=1000')).records;
      expect(intact).toMatchObject({ ok: true, records: whole.length, last: { seq: whole.at(-1)!.seq, hash: whole.at(-1)!.hash } });

      const target = whole[1]!.seq;
      await hub.db.transaction(async (tx) => {
        await tx.query('alter table audit_trail disable trigger user');
        await tx.query(`update audit_trail set source = '10.6.6.6' where seq = ${target}`);
        await tx.query('alter table audit_trail enable trigger user');
      });
      const broken = AuditVerification.parse((await get(hub, '/api/v1/audit/verification', auditor)).body);
      expect(broken).toMatchObject({ ok: false, records: target - 1, broken: { seq: target, kind: 'altered' } });
    });
  });
}
