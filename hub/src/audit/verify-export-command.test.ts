import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_EXPORT_KIND, AUDIT_GENESIS, sealAuditRecord, type AuditAnchor, type AuditRecord } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from './trail';
import { verifyExportCommand } from './verify-export-command';

const T0 = Date.UTC(2026, 11, 7, 3);

function aTrail(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous: AuditAnchor = AUDIT_GENESIS;
  for (let index = 0; index < length; index += 1) {
    const record = sealAuditRecord({ act: 'details-revealed', at: T0 + index, officer: { id: 'off-duty', name: 'Duty' }, hitId: 'hit-1', details: { purpose: 'identity-confirmation', reason: `check ${index}` } }, previous, auditHash);
    records.push(record);
    previous = record;
  }
  return records;
}

function anExport(records: readonly AuditRecord[], filter: Record<string, unknown> = {}): string {
  return JSON.stringify({ kind: AUDIT_EXPORT_KIND, version: 1, exportedAt: T0, exportedBy: { id: 'off-auditor', name: 'Auditor' }, hub: 'http://hub', filter, records });
}

describe('audit verify-export', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'watchfloor-export-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('given an export as saved, then exit 0 saying what was checked and who exported it', async () => {
    await writeFile(file('good.json'), anExport(aTrail(3)));
    const result = await verifyExportCommand([file('good.json')]);
    expect(result.code).toBe(0);
    expect(result.output).toContain('audit export intact: 3 records (#1 to #3), every hash recomputed; links checked: 2; gaps where the filter left records out: 0');
    expect(result.output).toContain('by Auditor (off-auditor) from http://hub; filter: none (the whole trail)');
  });

  it('given a record changed in the file, then exit 1 naming it', async () => {
    const trail = aTrail(3);
    const changed = { ...trail[1]!, details: { reason: 'nothing to see' } } as AuditRecord;
    await writeFile(file('changed.json'), anExport([trail[0]!, changed, trail[2]!], { hitId: 'hit-1' }));
    expect(await verifyExportCommand([file('changed.json')])).toEqual({ code: 1, output: 'audit export broken at seq 2: record 2 was altered: its content does not match its hash' });
  });

  it('given no file, a file that is not JSON or not an export, then exit 2 saying so', async () => {
    expect((await verifyExportCommand([])).code).toBe(2);
    await writeFile(file('text.json'), 'seq,hash\n');
    expect(await verifyExportCommand([file('text.json')])).toMatchObject({ code: 2, output: expect.stringContaining('cannot read') });
    await writeFile(file('other.json'), '{"records": []}');
    expect(await verifyExportCommand([file('other.json')])).toMatchObject({ code: 2, output: expect.stringContaining('not a Watchfloor audit export') });
  });
});
