import { OpsEvent, type PendingEvent, type SubjectDetails } from '@watchfloor/shared';
import type { Queryable } from '../db/database';

/**
 * The append-only event log and the tables written in the same transaction as an event (processed
 * mutation ids, ingest external ids, personal subject data). Plain functions over a `Queryable`, so every
 * call can run inside the caller's transaction.
 */
interface EventRow {
  readonly seq: number;
  readonly at: number;
  readonly body: unknown;
  readonly [column: string]: unknown;
}

export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';
}

function toEvent(row: EventRow): OpsEvent {
  const parsed = OpsEvent.safeParse({ ...(row.body as object), seq: row.seq, at: row.at });
  if (!parsed.success) throw new CorruptEventError(`event ${row.seq} in the log does not match protocol v1: ${parsed.error.message}`);
  return parsed.data;
}

export async function appendEvent(db: Queryable, event: PendingEvent, at: number): Promise<OpsEvent> {
  const alertId = 'alertId' in event ? event.alertId : event.type === 'hit.raised' ? event.hit.id : undefined;
  const rows = await db.query<{ seq: number }>(
    'insert into events (at, type, alert_id, body) values ($1, $2, $3, $4) returning seq',
    [at, event.type, alertId ?? null, JSON.stringify(event)],
  );
  return { ...event, seq: rows[0]!.seq, at } as OpsEvent;
}

/**
 * Appends events in one statement, in the order given. One multi-row insert costs about what a single-row
 * one does (per-statement overhead dominates, on PGlite especially), which is what lets ingest batches
 * scale. The caller holds the writer lock, so the seqs handed out are consecutive in insertion order.
 */
export async function appendEvents(db: Queryable, events: readonly PendingEvent[], at: number): Promise<OpsEvent[]> {
  if (events.length === 0) return [];
  const params: unknown[] = [];
  const rows = events.map((event) => {
    const alertId = 'alertId' in event ? event.alertId : event.type === 'hit.raised' ? event.hit.id : undefined;
    params.push(at, event.type, alertId ?? null, JSON.stringify(event));
    const n = params.length;
    return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  const inserted = await db.query<{ seq: number }>(`insert into events (at, type, alert_id, body) values ${rows.join(', ')} returning seq`, params);
  const seqs = inserted.map((row) => Number(row.seq)).sort((a, b) => a - b);
  return events.map((event, index) => ({ ...event, seq: seqs[index]!, at }) as OpsEvent);
}

export async function readEvents(
  db: Queryable,
  range: { readonly afterSeq: number; readonly limit: number; readonly fromTime?: number; readonly toTime?: number },
): Promise<OpsEvent[]> {
  const rows = await db.query<EventRow>(
    `select seq, at, body from events
      where seq > $1 and ($2::bigint is null or at >= $2) and ($3::bigint is null or at <= $3)
      order by seq limit $4`,
    [range.afterSeq, range.fromTime ?? null, range.toTime ?? null, range.limit],
  );
  return rows.map(toEvent);
}

export async function headSeq(db: Queryable): Promise<number> {
  const rows = await db.query<{ head: number | null }>('select max(seq) as head from events');
  return rows[0]?.head ?? 0;
}

export async function firstSeqAtOrAfter(db: Queryable, at: number): Promise<number | undefined> {
  const rows = await db.query<{ seq: number | null }>('select min(seq) as seq from events where at >= $1', [at]);
  return rows[0]?.seq ?? undefined;
}

// ---- idempotency ------------------------------------------------------------------------------------------

export async function findMutation(db: Queryable, mutationId: string): Promise<{ officerId: string; seq: number } | undefined> {
  const rows = await db.query<{ officer_id: string; seq: number }>(
    'select officer_id, seq from mutations where mutation_id = $1',
    [mutationId],
  );
  const row = rows[0];
  return row === undefined ? undefined : { officerId: row.officer_id, seq: row.seq };
}

export async function recordMutation(db: Queryable, mutationId: string, officerId: string, seq: number): Promise<void> {
  await db.query('insert into mutations (mutation_id, officer_id, seq) values ($1, $2, $3)', [mutationId, officerId, seq]);
}

export async function findIngest(db: Queryable, externalIds: readonly string[]): Promise<Map<string, { hitId: string; seq: number }>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db.query<{ external_id: string; hit_id: string; seq: number }>(
    'select external_id, hit_id, seq from hit_ingest where external_id = any($1::text[])',
    [externalIds],
  );
  return new Map(rows.map((row) => [row.external_id, { hitId: row.hit_id, seq: row.seq }]));
}

export async function recordIngest(
  db: Queryable,
  externalId: string,
  hitId: string,
  seq: number,
  subject: SubjectDetails,
): Promise<void> {
  await db.query('insert into hit_ingest (external_id, hit_id, seq) values ($1, $2, $3)', [externalId, hitId, seq]);
  await db.query('insert into subjects (hit_id, subject) values ($1, $2)', [hitId, JSON.stringify(subject)]);
}

/** `recordIngest` for many hits in two statements (ingest batches). */
export async function recordIngests(
  db: Queryable,
  hits: readonly { readonly externalId: string; readonly hitId: string; readonly seq: number; readonly subject: SubjectDetails }[],
): Promise<void> {
  if (hits.length === 0) return;
  const placeholders = (width: number) => hits.map((_, row) => `(${Array.from({ length: width }, (_, col) => `$${row * width + col + 1}`).join(', ')})`).join(', ');
  await db.query(`insert into hit_ingest (external_id, hit_id, seq) values ${placeholders(3)}`, hits.flatMap((hit) => [hit.externalId, hit.hitId, hit.seq]));
  await db.query(`insert into subjects (hit_id, subject) values ${placeholders(2)}`, hits.flatMap((hit) => [hit.hitId, JSON.stringify(hit.subject)]));
}

export async function readSubject(db: Queryable, hitId: string): Promise<SubjectDetails | undefined> {
  const rows = await db.query<{ subject: SubjectDetails }>('select subject from subjects where hit_id = $1', [hitId]);
  return rows[0]?.subject;
}

export async function recordRefusal(
  db: Queryable,
  refusal: { officerId: string; command: unknown; code: string; message: string; at: number },
): Promise<void> {
  await db.query('insert into refusals (at, officer_id, command, code, message) values ($1, $2, $3, $4, $5)', [
    refusal.at,
    refusal.officerId,
    JSON.stringify(refusal.command ?? null),
    refusal.code,
    refusal.message,
  ]);
}

// ---- meta ---------------------------------------------------------------------------------------------------

export async function readMeta(db: Queryable, key: string): Promise<string | undefined> {
  const rows = await db.query<{ value: string }>('select value from meta where key = $1', [key]);
  return rows[0]?.value;
}

/** Writes `value` unless the key exists; returns the value that is stored (first writer wins). */
export async function ensureMeta(db: Queryable, key: string, value: string): Promise<string> {
  await db.query('insert into meta (key, value) values ($1, $2) on conflict (key) do nothing', [key, value]);
  return (await readMeta(db, key))!;
}

export async function writeMeta(db: Queryable, key: string, value: string): Promise<void> {
  await db.query('insert into meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [
    key,
    value,
  ]);
}
