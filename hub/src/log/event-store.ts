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

/** A hit.raised event with what is stored beside it: the feeder's external id and the personal data. */
export interface IngestedHit {
  readonly externalId: string;
  readonly event: Extract<PendingEvent, { type: 'hit.raised' }>;
  readonly subject: SubjectDetails;
}

/**
 * Appends an ingest batch in one statement: the hit.raised events, their external ids (idempotency) and the
 * subjects' personal data (never in the event body). On PGlite each statement costs about as much as
 * hundreds of rows, and a multi-row VALUES list costs the planner per parameter; the whole batch travels as
 * one jsonb parameter instead and is unpacked by the database. Returns the events in seq order.
 */
export async function appendIngestedHits(db: Queryable, hits: readonly IngestedHit[], at: number): Promise<OpsEvent[]> {
  if (hits.length === 0) return [];
  const rows = await db.query<{ seq: number; alert_id: string }>(
    `with batch as (
       select item->>'externalId' as external_id, item->'event'->'hit'->>'id' as hit_id, item->'event' as body,
              item->'subject' as subject, ord
         from jsonb_array_elements($2::jsonb) with ordinality as input(item, ord)
     ), logged as (
       insert into events (at, type, alert_id, body)
       select $1::bigint, 'hit.raised', hit_id, body from batch order by ord
       returning seq, alert_id
     ), ingested as (
       insert into hit_ingest (external_id, hit_id, seq)
       select batch.external_id, batch.hit_id, logged.seq from batch join logged on logged.alert_id = batch.hit_id
     ), stored as (
       insert into subjects (hit_id, subject) select hit_id, subject from batch
     )
     select seq, alert_id from logged order by seq`,
    [at, JSON.stringify(hits)],
  );
  const byId = new Map(hits.map((hit) => [hit.event.hit.id, hit.event]));
  return rows.map((row) => ({ ...byId.get(row.alert_id)!, seq: Number(row.seq), at }) as OpsEvent);
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

export async function readSubject(db: Queryable, hitId: string): Promise<SubjectDetails | undefined> {
  const rows = await db.query<{ subject: SubjectDetails }>('select subject from subjects where hit_id = $1', [hitId]);
  return rows[0]?.subject;
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
