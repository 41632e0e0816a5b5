import { AUDIT_GENESIS, canonicalAuditRecord, sealAuditRecord, verifyAuditRecords } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { auditHash } from './trail';

describe('auditHash', () => {
  it('given text, then it is SHA-256 of its UTF-8 bytes in lower-case hex', () => {
    expect(auditHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('given the first record of a trail, then its hash is SHA-256 of its canonical text (the example in docs/audit.md)', () => {
    const record = sealAuditRecord(
      { act: 'details-revealed', at: 1_764_000_000_000, officer: { id: 'off-duty', name: 'Duty Officer' }, hitId: 'hit-1', details: { purpose: 'identity-confirmation', reason: 'Identity check with the record owner' } },
      AUDIT_GENESIS,
      auditHash,
    );
    expect(canonicalAuditRecord(record)).toBe(
      '{"act":"details-revealed","at":1764000000000,"details":{"purpose":"identity-confirmation","reason":"Identity check with the record owner"},"hitId":"hit-1",' +
        '"officer":{"id":"off-duty","name":"Duty Officer"},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}',
    );
    expect(record.hash).toBe('737cd9d4d9c8b2a2533b77e69a64158f3cc2f79f1cc34b19bdb2570dd7f2e153');
    expect(verifyAuditRecords([record], auditHash)).toEqual({ ok: true, records: 1, last: { seq: 1, hash: record.hash } });
  });
});
