import { describe, expect, it } from 'vitest';
import { toyAuditHash } from '../testing/audit-hash';
import { T0 } from '../testing/builders';
import { AUDIT_EXPORT_KIND, verifyAuditExport, type AuditExportFile } from './export';
import type { AuditEntry, AuditRecord } from './record';
import { AUDIT_GENESIS, sealAuditRecord, type AuditAnchor } from './verify';


function aTrail(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous: AuditAnchor = AUDIT_GENESIS;
  for (let index = 0; index < length; index += 1) {
    const entry: AuditEntry = { act: 'details-revealed', at: T0 + index, officer: { id: 'off-duty', name: 'Duty' }, hitId: `hit-${index % 2}`, details: { reason: `check ${index}`, purpose: 'arrest-procedure' } };
    const record = sealAuditRecord(entry, previous, toyAuditHash);
    records.push(record);
    previous = record;
  }
  return records;
}

function anExport(records: readonly AuditRecord[], overrides: Partial<AuditExportFile> = {}): unknown {
  return JSON.parse(JSON.stringify({ kind: AUDIT_EXPORT_KIND, version: 1, exportedAt: T0, exportedBy: { id: 'off-audit', name: 'Auditor' }, hub: 'http://hub', filter: {}, records, ...overrides }));
}

describe('verifyAuditExport', () => {
  it('given a whole trail as exported, then every record and every link checks', () => {
    const trail = aTrail(4);
    expect(verifyAuditExport(anExport(trail, { chain: { ok: true, checkedAt: T0, records: 4, last: { seq: 4, hash: trail[3]!.hash } } }), toyAuditHash)).toEqual({
      ok: true,
      records: 4,
      links: 3,
      gaps: 0,
      first: 1,
      last: 4,
    });
  });

  it('given a filtered extract, then each record checks on its own hash and the gaps are counted', () => {
    const trail = aTrail(6).filter((record) => record.hitId === 'hit-1');
    expect(verifyAuditExport(anExport(trail, { filter: { hitId: 'hit-1' } }), toyAuditHash)).toMatchObject({ ok: true, records: 3, links: 0, gaps: 2 });
  });

  it('given a record edited in the file, then the export names it as altered', () => {
    const trail = aTrail(3);
    const edited = anExport(trail) as { records: { details: { reason: string } }[] };
    edited.records[1]!.details.reason = 'nothing to see';
    expect(verifyAuditExport(edited, toyAuditHash)).toEqual({ ok: false, seq: 2, message: 'record 2 was altered: its content does not match its hash' });
  });

  it('given a record replaced with a fresh hash, then the next record no longer links to it', () => {
    const trail = aTrail(3);
    trail[1] = sealAuditRecord({ act: 'signed-out', at: T0, details: {} }, trail[0]!, toyAuditHash);
    expect(verifyAuditExport(anExport(trail), toyAuditHash)).toMatchObject({ ok: false, seq: 3, message: /does not link to record 2/ });
  });

  it('given records out of order or a file that is not an export, then it says so', () => {
    const trail = aTrail(3);
    expect(verifyAuditExport(anExport([trail[1]!, trail[0]!]), toyAuditHash)).toMatchObject({ ok: false, seq: 1, message: /not in seq order/ });
    expect(verifyAuditExport({ records: [] }, toyAuditHash)).toMatchObject({ ok: false, message: /^not a Watchfloor audit export: kind/ });
  });

  it('given a last record other than the one the hub verified, then it says so', () => {
    const trail = aTrail(2);
    const chain = { ok: true as const, checkedAt: T0, records: 2, last: { seq: 2, hash: trail[0]!.hash } };
    expect(verifyAuditExport(anExport(trail, { chain }), toyAuditHash)).toMatchObject({ ok: false, seq: 2, message: /not the record the hub verified/ });
  });
});
