import { describe, expect, it } from 'vitest';
import { toyAuditHash } from '../testing/audit-hash';
import { T0 } from '../testing/builders';
import { canonicalAuditRecord, canonicalJson } from './canonical';
import type { AuditEntry, AuditRecord } from './record';
import { AUDIT_GENESIS, AUDIT_GENESIS_HASH, auditRecordIntact, sealAuditRecord, verifyAuditRecords, walkAuditTrail } from './verify';


function anEntry(index: number): AuditEntry {
  return index % 2 === 0
    ? { act: 'details-revealed', at: T0 + index, officer: { id: 'off-duty', name: 'Duty Officer' }, hitId: `hit-${index}`, details: { reason: 'Identity check with FR', purpose: 'identity-confirmation' } }
    : { act: 'signed-in', at: T0 + index, officer: { id: 'off-lead', name: 'Shift Lead' }, source: '10.0.0.7', details: { role: 'shift-lead' } };
}

function aTrail(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous = AUDIT_GENESIS;
  for (let index = 0; index < length; index += 1) {
    const record = sealAuditRecord(anEntry(index), previous, toyAuditHash);
    records.push(record);
    previous = record;
  }
  return records;
}

describe('canonical form', () => {
  it('given keys in any order and undefined fields, then the text sorts keys at every depth and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: undefined, b: true }, ä: null, Z: 'q"' })).toBe('{"Z":"q\\"","a":{"b":true,"d":[2,"x"]},"b":1,"ä":null}');
  });

  it('given a sealed record, then its canonical text is the record without its hash, keys sorted', () => {
    const [record] = aTrail(1);
    expect(canonicalAuditRecord(record!)).toBe(
      `{"act":"details-revealed","at":${T0},"details":{"purpose":"identity-confirmation","reason":"Identity check with FR"},"hitId":"hit-0",` +
        `"officer":{"id":"off-duty","name":"Duty Officer"},"prevHash":"${AUDIT_GENESIS_HASH}","seq":1}`,
    );
  });

  it('given a number JSON cannot hold, then it is refused rather than hashed as null', () => {
    expect(() => canonicalJson({ cutoff: Number.NaN })).toThrow(/cannot hold the number NaN/);
  });
});

describe('verifyAuditRecords', () => {
  it('given an untouched trail, then it is intact with its count and last hash', () => {
    const trail = aTrail(5);
    expect(verifyAuditRecords(trail, toyAuditHash)).toEqual({ ok: true, records: 5, last: { seq: 5, hash: trail[4]!.hash } });
    expect(verifyAuditRecords([], toyAuditHash)).toEqual({ ok: true, records: 0, last: AUDIT_GENESIS });
  });

  it('given a record whose content changed, then the walk names it as altered', () => {
    const trail = aTrail(5);
    trail[2] = { ...trail[2]!, at: trail[2]!.at + 1 };
    expect(verifyAuditRecords(trail, toyAuditHash)).toMatchObject({ ok: false, records: 2, broken: { seq: 3, kind: 'altered' } });
  });

  it('given a record removed, then the walk names the gap', () => {
    const trail = aTrail(5);
    trail.splice(1, 1);
    expect(verifyAuditRecords(trail, toyAuditHash)).toMatchObject({ ok: false, records: 1, broken: { seq: 3, kind: 'missing', message: 'record 2 is missing: record 3 follows record 1' } });
  });

  it('given two records swapped (seqs renumbered to run on), then the walk names the moved record', () => {
    const trail = aTrail(5);
    const [third, fourth] = [trail[2]!, trail[3]!];
    trail[2] = { ...fourth, seq: 3 };
    trail[3] = { ...third, seq: 4 };
    expect(verifyAuditRecords(trail, toyAuditHash)).toMatchObject({ ok: false, records: 2, broken: { seq: 3, kind: 'reordered', message: 'record 3 was moved: it belongs after record 4' } });
  });

  it('given records out of seq order, then the walk names the one that comes back', () => {
    const trail = aTrail(4);
    expect(verifyAuditRecords([trail[0]!, trail[2]!, trail[1]!], toyAuditHash)).toMatchObject({ ok: false, broken: { seq: 3, kind: 'missing' } });
    expect(verifyAuditRecords([trail[0]!, trail[1]!, trail[1]!], toyAuditHash)).toMatchObject({ ok: false, broken: { seq: 2, kind: 'reordered' } });
  });

  it('given a record rewritten with a fresh hash, then the next record no longer links to it', () => {
    const trail = aTrail(4);
    trail[1] = sealAuditRecord({ ...anEntry(1), source: '10.9.9.9' }, trail[0]!, toyAuditHash);
    expect(verifyAuditRecords(trail, toyAuditHash)).toMatchObject({ ok: false, records: 2, broken: { seq: 3, kind: 'broken-link' } });
  });

  it('given a trail that starts after an anchor, then it verifies from that anchor', () => {
    const trail = aTrail(6);
    expect(verifyAuditRecords(trail.slice(3), toyAuditHash, trail[2]!)).toMatchObject({ ok: true, records: 3 });
    expect(verifyAuditRecords(trail.slice(3), toyAuditHash)).toMatchObject({ ok: false, broken: { kind: 'missing' } });
  });

  it('given one record of an extract, then its own hash still tells whether it was changed', () => {
    const [record] = aTrail(1);
    expect(auditRecordIntact(record!, toyAuditHash)).toBe(true);
    expect(auditRecordIntact({ ...record!, hitId: 'hit-other' }, toyAuditHash)).toBe(false);
  });

  it('given a walk fed page by page, then it reaches the same verdict as the whole trail', () => {
    const trail = aTrail(7);
    const walk = walkAuditTrail(toyAuditHash);
    for (const record of trail) expect(walk.step(record)).toEqual({ ok: true });
    expect(walk.last()).toEqual({ seq: 7, hash: trail[6]!.hash });
  });
});
