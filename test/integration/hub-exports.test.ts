import { AuditExportRecorded } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../hub/src/audit/index';
import type { RunningHub } from '../../hub/src/index';
import { TEST_BACKENDS, signIn, startTestHub, type TestStore } from '../support/hub';

/**
 * The console tells the hub before it saves a debrief file: the hub records who exported what, which range
 * and operation, which format, under which file name; an officer who may not export, a bad notice or no
 * session records no export.
 */
async function post(hub: RunningHub, token: string | undefined, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1/exports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const RANGE = { from: Date.UTC(2026, 11, 7, 0, 0), to: Date.UTC(2026, 11, 7, 4, 0) };
const CSV = { what: 'debrief-csv', format: 'csv', range: RANGE, operationId: 'op-harmattan', fileName: 'watchfloor-debrief_HARMATTAN_20261207T0000Z-20261207T0400Z_UTC.csv' };

for (const backend of TEST_BACKENDS) {
  describe(`recording exports on ${backend.name}`, () => {
    let store: TestStore;
    let hub: RunningHub;

    beforeAll(async () => {
      store = await backend.fresh();
      hub = await startTestHub({ demo: true, rate: 0, ...store.config });
    });

    afterAll(async () => {
      await hub?.stop();
      await store?.remove();
    });

    const exports = async () => (await readAuditTrail(hub.db, { act: 'exported' })).records;

    it('given a shift lead exporting a debrief CSV and PNG, then each is an exported record naming who, what, range, operation, format and file', async () => {
      const lead = (await signIn(hub, 'lead')).token;
      const csv = await post(hub, lead, CSV);
      expect(csv.status).toBe(201);
      const png = await post(hub, lead, { ...CSV, what: 'debrief-png', format: 'png', fileName: CSV.fileName.replace(/csv$/, 'png') });
      expect(png.status).toBe(201);
      const records = await exports();
      expect(records.map((record) => record.seq)).toEqual([AuditExportRecorded.parse(csv.body).seq, AuditExportRecorded.parse(png.body).seq]);
      expect(records[0]).toMatchObject({ officer: { id: 'off-lead' }, details: { what: 'debrief-csv', format: 'csv', range: RANGE, operationId: 'op-harmattan', fileName: CSV.fileName } });
      expect(records[1]).toMatchObject({ officer: { id: 'off-lead' }, details: { what: 'debrief-png', format: 'png' } });
    });

    it.each([
      ['a format that does not match', { ...CSV, format: 'png' }, /format/],
      ['a range backwards', { ...CSV, range: { from: RANGE.to, to: RANGE.from } }, /from must not be after to/],
      ['a file name with a path', { ...CSV, fileName: '../../etc/passwd' }, /plain file name/],
      ['an unknown export', { ...CSV, what: 'audit-trail' }, /what/],
      ['an unknown field', { ...CSV, officer: 'someone-else' }, /officer/],
    ])('given %s, then 400 says what is wrong and nothing is recorded', async (_, body, message) => {
      const before = (await exports()).length;
      const answer = await post(hub, (await signIn(hub, 'lead')).token, body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.issues)).toMatch(message);
      expect(await exports()).toHaveLength(before);
    });

    it('given a duty officer (no replay) or no session, then the export is refused and not recorded; the refusal is', async () => {
      const before = (await exports()).length;
      expect(await post(hub, (await signIn(hub, 'duty')).token, CSV)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(await post(hub, undefined, CSV)).toMatchObject({ status: 401 });
      expect(await exports()).toHaveLength(before);
      const refused = (await readAuditTrail(hub.db, { act: 'refused', officerId: 'off-duty' })).records;
      expect(refused.at(-1)).toMatchObject({ details: { command: 'export', code: 'forbidden' } });
    });
  });
}
