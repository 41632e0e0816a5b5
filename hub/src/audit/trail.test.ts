import { AUDIT_GENESIS, canonicalAuditRecord, sealAuditRecord, verifyAuditRecords } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { auditHash } from './trail';

describe('auditHash', () => {
  it('given text, then it is SHA-256 of its UTF-8 bytes in lower-case hex', () => {
    expect(auditHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('given the first record of a trail, then its hash is SHA-256 of its canonical text (the example in docs/audit.md)', () => {
    const record = sealAuditRecord(
      { act: 'details-revealed', at: 1_764_000_000_000, officer: { id: 'off-duty', name: 'Duty Officer' }, hitId: 'hit-1', details: { reason: 'Identity check with the record owner' } },
      AUDIT_GENESIS,
      auditHash,
    );
    expect(canonicalAuditRecord(record)).toBe(
      '{"act":"details-revealed","at":1764000000000,"details":{"reason":"Identity check with the record owner"},"hitId":"hit-1",' +
        '"officer":{"id":"off-duty","name":"Duty Officer"},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}',
    );
    expect(record.hash).toBe('3b8db9ceb6840d0750ae6dd6fb815f143bc3e889347cfeefaba211db8de8f109');
    expect(verifyAuditRecords([record], auditHash)).toEqual({ ok: true, records: 1, last: { seq: 1, hash: record.hash } });
  });
});
