import { canonicalAuditRecord } from './canonical';
import type { AuditEntry, AuditRecord } from './record';

/**
 * The one rule for checking an audit trail, for the hub's verify command and for anyone checking an
 * exported trail: records in seq order, seqs running on by one from the anchor, each record's hash the
 * hash of its canonical text, each record's `prevHash` the hash of the record before. The walk stops at the
 * first record that breaks the rule and says what is wrong with it.
 */

/** SHA-256 of UTF-8 text, lower-case hex (node:crypto on the hub, WebCrypto or any tool elsewhere). */
export type AuditHash = (text: string) => string;

/** The record before the first one walked: genesis for a whole trail. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** The `prevHash` of record 1. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
export const AUDIT_GENESIS: AuditAnchor = { seq: 0, hash: AUDIT_GENESIS_HASH };

/** Chains an entry after `previous`: the next seq, the previous record's hash, and its own hash. */
export function sealAuditRecord(entry: AuditEntry, previous: AuditAnchor, hash: AuditHash): AuditRecord {
  const unsealed = { ...entry, seq: previous.seq + 1, prevHash: previous.hash };
  return { ...unsealed, hash: hash(canonicalAuditRecord(unsealed)) } as AuditRecord;
}

/**
 * - `altered`: the record's content no longer matches its hash;
 * - `missing`: seqs skip: records between the last good one and this one are gone;
 * - `reordered`: the record belongs elsewhere in the chain (it links to a record that comes after it);
 * - `broken-link`: the record does not link to the one before, which was replaced (its hash rewritten).
 */
export type AuditBreakKind = 'altered' | 'missing' | 'reordered' | 'broken-link';

export interface AuditBreak {
  /** The first record that fails the rule. */
  readonly seq: number;
  readonly kind: AuditBreakKind;
  readonly message: string;
}

export type AuditVerdict =
  | { readonly ok: true; readonly records: number; readonly last: AuditAnchor }
  | { readonly ok: false; readonly records: number; readonly broken: AuditBreak };

/**
 * A record that does not link to the one before: whether it moved or the one before was replaced can be
 * told only by finding which record its `prevHash` names, which the caller looks up (`explainUnlinked`).
 */
export interface UnlinkedRecord {
  readonly seq: number;
  readonly previousSeq: number;
  readonly linksTo: string;
  readonly contentIntact: boolean;
}

export type AuditStep = { readonly ok: true } | { readonly ok: false; readonly broken: AuditBreak } | { readonly ok: false; readonly unlinked: UnlinkedRecord };

/** A walk over records handed to it one at a time, in the order read; holds only the last good record. */
export interface AuditWalk {
  step(record: AuditRecord): AuditStep;
  /** Records checked good so far. */
  readonly records: () => number;
  readonly last: () => AuditAnchor;
}

export function walkAuditTrail(hash: AuditHash, from: AuditAnchor = AUDIT_GENESIS): AuditWalk {
  let last = from;
  let records = 0;
  return {
    records: () => records,
    last: () => last,
    step(record) {
      const expected = last.seq + 1;
      if (record.seq > expected) {
        const gap = expected === record.seq - 1 ? `record ${expected} is` : `records ${expected} to ${record.seq - 1} are`;
        return { ok: false, broken: { seq: record.seq, kind: 'missing', message: `${gap} missing: record ${record.seq} follows record ${last.seq}` } };
      }
      if (record.seq < expected) {
        return { ok: false, broken: { seq: record.seq, kind: 'reordered', message: `record ${record.seq} comes after record ${last.seq}` } };
      }
      const contentIntact = hash(canonicalAuditRecord(record)) === record.hash;
      if (record.prevHash !== last.hash) {
        return { ok: false, unlinked: { seq: record.seq, previousSeq: last.seq, linksTo: record.prevHash, contentIntact } };
      }
      if (!contentIntact) {
        return { ok: false, broken: { seq: record.seq, kind: 'altered', message: `record ${record.seq} was altered: its content does not match its hash` } };
      }
      last = { seq: record.seq, hash: record.hash };
      records += 1;
      return { ok: true };
    },
  };
}

/** Names what is wrong with an unlinked record, given the seq of the record whose hash it links to, if any. */
export function explainUnlinked(unlinked: UnlinkedRecord, linkedSeq: number | undefined): AuditBreak {
  const { seq, previousSeq } = unlinked;
  if (linkedSeq !== undefined && linkedSeq > seq) {
    return { seq, kind: 'reordered', message: `record ${seq} was moved: it belongs after record ${linkedSeq}` };
  }
  if (!unlinked.contentIntact) {
    return { seq, kind: 'altered', message: `record ${seq} was altered: neither its content nor its link to record ${previousSeq} match its hash` };
  }
  return { seq, kind: 'broken-link', message: `record ${seq} does not link to record ${previousSeq}: record ${previousSeq} was replaced or rewritten` };
}

/** Whether one record's content matches its hash: all a filtered extract of the trail can show by itself. */
export function auditRecordIntact(record: AuditRecord, hash: AuditHash): boolean {
  return hash(canonicalAuditRecord(record)) === record.hash;
}

/** Verifies a whole run of records held in memory (an exported trail), from `from` on. */
export function verifyAuditRecords(records: readonly AuditRecord[], hash: AuditHash, from: AuditAnchor = AUDIT_GENESIS): AuditVerdict {
  const walk = walkAuditTrail(hash, from);
  for (const record of records) {
    const step = walk.step(record);
    if (step.ok) continue;
    if ('broken' in step) return { ok: false, records: walk.records(), broken: step.broken };
    const linked = records.find((candidate) => candidate.hash === step.unlinked.linksTo);
    return { ok: false, records: walk.records(), broken: explainUnlinked(step.unlinked, linked?.seq) };
  }
  return { ok: true, records: walk.records(), last: walk.last() };
}
