import { createHash } from 'node:crypto';
import {
  AUDIT_GENESIS,
  AuditEntry,
  AuditTrailQuery,
  explainUnlinked,
  sealAuditRecord,
  walkAuditTrail,
  type AuditAnchor,
  type AuditRecord,
  type AuditTrailPage,
  type AuditVerdict,
} from '@watchfloor/shared';
import type { Database, Queryable } from '../db/database';
import { AUDIT_LOCK } from '../db/migrations';
import { unstorableText } from '../core/storable';

/**
 * The `audit_trail` table: the hub's tamper-evident record of every audit-worthy act, one chain for every
 * hub on the database. An entry is appended in the transaction of the act it records (so the act and its
 * record commit together or not at all) under the advisory AUDIT_LOCK, which serialises appends across
 * hubs: the next seq and the previous hash are read and the sealed row inserted before anyone else may.
 * AUDIT_LOCK is always the last lock a transaction takes (after WRITER_LOCK where both are held), so
 * appends never deadlock with the log writer. The chain rule itself is shared (shared/audit).
 */

/** SHA-256 of UTF-8 text, lower-case hex: the audit trail's hash. */
export function auditHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface AuditRow {
  readonly seq: number | string;
  readonly at: number | string;
  readonly act: string;
  readonly officer_id: string | null;
  readonly officer_name: string | null;
  readonly source: string | null;
  readonly hit_id: string | null;
  readonly details: Record<string, unknown>;
  readonly prev_hash: string;
  readonly hash: string;
  readonly [column: string]: unknown;
}

/** A stored row as a record, exactly as stored: verification must hash what is there, not a cleaned copy. */
function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    act: row.act,
    ...(row.officer_id === null ? {} : { officer: { id: row.officer_id, name: row.officer_name ?? '' } }),
    ...(row.source === null ? {} : { source: row.source }),
    ...(row.hit_id === null ? {} : { hitId: row.hit_id }),
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as AuditRecord;
}

async function lastLink(tx: Queryable): Promise<AuditAnchor> {
  const rows = await tx.query<{ seq: number | string; hash: string }>('select seq, hash from audit_trail order by seq desc limit 1');
  const row = rows[0];
  return row === undefined ? AUDIT_GENESIS : { seq: Number(row.seq), hash: row.hash };
}

/**
 * Appends entries in order, chained after the trail's last record, inside `tx` (which must be a
 * transaction: the lock is held until it ends). An entry the schema or the database cannot hold throws,
 * so the act it records rolls back with it.
 */
export async function appendAuditEntries(tx: Queryable, entries: readonly AuditEntry[]): Promise<readonly AuditRecord[]> {
  if (entries.length === 0) return [];
  const checked = entries.map((entry) => {
    const parsed = AuditEntry.parse(entry);
    const unstorable = unstorableText(parsed);
    if (unstorable !== undefined) throw new Error(`audit entry (${parsed.act}) cannot be stored: ${unstorable.path} ${unstorable.message}`);
    return parsed;
  });
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  let previous = await lastLink(tx);
  const sealed = checked.map((entry) => {
    const record = sealAuditRecord(entry, previous, auditHash);
    previous = record;
    return record;
  });
  // One jsonb parameter unpacked by the database: one statement whatever the number of entries.
  await tx.query(
    `insert into audit_trail (seq, at, act, officer_id, officer_name, source, hit_id, details, prev_hash, hash)
     select seq, at, act, officer_id, officer_name, source, hit_id, details, prev_hash, hash
       from jsonb_to_recordset($1::jsonb) as row(seq bigint, at bigint, act text, officer_id text, officer_name text,
         source text, hit_id text, details jsonb, prev_hash text, hash text)`,
    [
      JSON.stringify(
        sealed.map((record) => ({
          seq: record.seq,
          at: record.at,
          act: record.act,
          officer_id: record.officer?.id ?? null,
          officer_name: record.officer?.name ?? null,
          source: record.source ?? null,
          hit_id: record.hitId ?? null,
          details: record.details,
          prev_hash: record.prevHash,
          hash: record.hash,
        })),
      ),
    ],
  );
  return sealed;
}

/** Appends one entry inside `tx`; see appendAuditEntries. */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<AuditRecord> {
  const [record] = await appendAuditEntries(tx, [entry]);
  return record!;
}

/** Records an act that writes nothing else to the database (a failed sign-in, a keys file reload) in a transaction of its own. */
export function recordAudit(db: Pick<Database, 'transaction'>, entry: AuditEntry): Promise<AuditRecord> {
  return db.transaction((tx) => appendAudit(tx, entry));
}

/** Records read per page by verification. */
const VERIFY_PAGE = 5_000;

/**
 * Walks the whole trail in seq order, a page at a time (memory stays flat at any length), and names the
 * first record that breaks the chain. Records appended while it walks are walked too.
 */
export async function verifyTrail(db: Queryable, options: { readonly pageSize?: number; readonly from?: AuditAnchor } = {}): Promise<AuditVerdict> {
  const pageSize = options.pageSize ?? VERIFY_PAGE;
  const walk = walkAuditTrail(auditHash, options.from ?? AUDIT_GENESIS);
  let after = options.from?.seq ?? AUDIT_GENESIS.seq;
  for (;;) {
    const rows = await db.query<AuditRow>('select * from audit_trail where seq > $1 order by seq limit $2', [after, pageSize]);
    for (const row of rows) {
      const step = walk.step(toRecord(row));
      if (step.ok) continue;
      if ('broken' in step) return { ok: false, records: walk.records(), broken: step.broken };
      const linked = await db.query<{ seq: number | string }>('select seq from audit_trail where hash = $1 order by seq limit 1', [step.unlinked.linksTo]);
      const linkedSeq = linked[0] === undefined ? undefined : Number(linked[0].seq);
      return { ok: false, records: walk.records(), broken: explainUnlinked(step.unlinked, linkedSeq) };
    }
    if (rows.length < pageSize) return { ok: true, records: walk.records(), last: walk.last() };
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** One page of the trail matching `query` (validated here), in seq order. */
export async function readAuditTrail(db: Queryable, query: AuditTrailQuery): Promise<AuditTrailPage> {
  const filter = AuditTrailQuery.parse(query);
  const conditions = ['seq > $1'];
  const params: unknown[] = [filter.afterSeq];
  const where = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.officerId !== undefined) where('officer_id = ?', filter.officerId);
  if (filter.hitId !== undefined) where('hit_id = ?', filter.hitId);
  if (filter.act !== undefined) where('act = ?', filter.act);
  if (filter.purpose !== undefined) where("details->>'purpose' = ?", filter.purpose);
  if (filter.from !== undefined) where('at >= ?', filter.from);
  if (filter.to !== undefined) where('at < ?', filter.to);
  params.push(filter.limit + 1);
  const rows = await db.query<AuditRow>(`select * from audit_trail where ${conditions.join(' and ')} order by seq limit $${params.length}`, params);
  const records = rows.slice(0, filter.limit).map(toRecord);
  return rows.length > filter.limit ? { records, next: records[records.length - 1]!.seq } : { records };
}
