import { z } from 'zod';
import { EntityId, EpochMs } from '../domain/model';
import { AuditTrailFilter, AuditVerification } from '../protocol/audit-trail';
import { parseWith } from '../validation';
import { canonicalAuditRecord } from './canonical';
import { AuditRecord } from './record';
import type { AuditHash } from './verify';

/**
 * An exported extract of the audit trail (the console's JSON export) and the rule for checking one: every
 * record's hash is the hash of its canonical text, records run in seq order, and each record that directly
 * follows another in the extract (seq + 1) names that record's hash as its `prevHash`. A filtered extract
 * skips records; where it does, each record still stands on its own hash, and its `prevHash` can be
 * matched against the hub's trail (`npm run hub -- audit verify`) or a fuller export.
 */
export const AUDIT_EXPORT_KIND = 'watchfloor-audit-export';

export const AuditExportFile = z.object({
  kind: z.literal(AUDIT_EXPORT_KIND),
  version: z.literal(1),
  exportedAt: EpochMs,
  exportedBy: z.object({ id: EntityId, name: z.string() }),
  /** The hub the trail was read from. */
  hub: z.string(),
  filter: AuditTrailFilter,
  /** The hub's verification of the whole chain when the export was made. */
  chain: AuditVerification.optional(),
  records: z.array(AuditRecord),
});
export type AuditExportFile = z.infer<typeof AuditExportFile>;

export type AuditExportCheck =
  | {
      readonly ok: true;
      /** Records whose own hash recomputes. */
      readonly records: number;
      /** Pairs of consecutive records (seq, seq + 1) whose link was checked. */
      readonly links: number;
      /** Places where the filter left records out (the link across them cannot be checked from the file). */
      readonly gaps: number;
      readonly first?: number;
      readonly last?: number;
    }
  | { readonly ok: false; readonly seq?: number; readonly message: string };

/** Checks an export read from a file (any JSON): its shape, then the chain rule over its records. */
export function verifyAuditExport(input: unknown, hash: AuditHash): AuditExportCheck {
  const parsed = parseWith(AuditExportFile, input);
  if (!parsed.ok) {
    const [issue] = parsed.issues;
    return { ok: false, message: `not a Watchfloor audit export: ${issue!.path === '' ? '' : `${issue!.path}: `}${issue!.message}` };
  }
  const { records } = parsed.value;
  let links = 0;
  let gaps = 0;
  let previous: AuditRecord | undefined;
  for (const record of records) {
    if (hash(canonicalAuditRecord(record)) !== record.hash) {
      return { ok: false, seq: record.seq, message: `record ${record.seq} was altered: its content does not match its hash` };
    }
    if (previous !== undefined) {
      if (record.seq <= previous.seq) return { ok: false, seq: record.seq, message: `record ${record.seq} comes after record ${previous.seq}: records are not in seq order` };
      if (record.seq === previous.seq + 1) {
        if (record.prevHash !== previous.hash) return { ok: false, seq: record.seq, message: `record ${record.seq} does not link to record ${previous.seq}: its prevHash is not that record's hash` };
        links += 1;
      } else {
        gaps += 1;
      }
    }
    previous = record;
  }
  const chain = parsed.value.chain;
  if (chain?.ok === true && previous !== undefined && previous.seq === chain.last.seq && previous.hash !== chain.last.hash) {
    return { ok: false, seq: previous.seq, message: `record ${previous.seq} is not the record the hub verified as the last one (hash differs)` };
  }
  return { ok: true, records: records.length, links, gaps, ...(records.length > 0 ? { first: records[0]!.seq, last: previous!.seq } : {}) };
}
