import { EVENT_TYPES, OpsEvent, parseWith, type Parsed, type PendingEvent, type SubjectDetails, type ValidationIssue } from '@watchfloor/shared';
import { unstorableText } from '../core/storable';
import type { Queryable } from '../db/database';

/**
 * The append-only event log and the tables written in the same transaction as an event (processed
 * mutation ids, ingest external ids, personal subject data). Plain functions over a `Queryable`, so every
 * call can run inside the caller's transaction.
 *
 * What is written is exactly what every reader can read: an event is checked against the protocol's event
 * schema (the one consoles and the hub's own restart read with) before it is appended. A row that fails it
 * all the same (written by an older build, or by hand) is left out of every read and reported, so one bad
 * row never stops the hub, its history or a console; `quarantineEvents` sets it aside.
 */
interface EventRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly body: unknown;
  readonly [column: string]: unknown;
}

/** A row of the log that no reader can read, with the reason. */
export interface UnreadableEvent {
  readonly seq: number;
  readonly problem: string;
}

/** An event the log refused to append because readers could not read it back. */
export class UnwritableEventError extends Error {
  override readonly name = 'UnwritableEventError';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`event refused by the log: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
}

/** The event as every reader will read it back once appended at `at`, or why it could not be. */
export function readBack(event: PendingEvent, at: number): Parsed<OpsEvent> {
  const parsed = parseWith(OpsEvent, { ...event, seq: 1, at });
  if (!parsed.ok) return parsed;
  const unstorable = unstorableText(event);
  return unstorable === undefined ? parsed : { ok: false, issues: [unstorable] };
}

function writable(event: PendingEvent, at: number): void {
  const checked = readBack(event, at);
  if (!checked.ok) throw new UnwritableEventError(checked.issues);
}

export async function appendEvent(db: Queryable, event: PendingEvent, at: number): Promise<OpsEvent> {
  writable(event, at);
  const alertId = 'alertId' in event ? event.alertId : event.type === 'hit.raised' ? event.hit.id : undefined;
  const rows = await db.query<{ seq: number }>(
    'insert into events (at, type, alert_id, body) values ($1, $2, $3, $4) returning seq',
    [at, event.type, alertId ?? null, JSON.stringify(event)],
  );
  return { ...event, seq: rows[0]!.seq, at } as OpsEvent;
}

/**
 * A hit.raised event with what is stored beside it: the feeder's external id, the personal data and which
 * ingest key posted it.
 */
export interface IngestedHit {
  readonly externalId: string;
  /** The ingest key's id: who posted the hit, for an administrator tracing a feeder (not in the event). */
  readonly source: string;
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
  for (const hit of hits) writable(hit.event, at);
  const rows = await db.query<{ seq: number; alert_id: string }>(
    `with batch as (
       select item->>'externalId' as external_id, item->'event'->'hit'->>'id' as hit_id, item->'event' as body,
              item->'subject' as subject, item->>'source' as source, ord
         from jsonb_array_elements($2::jsonb) with ordinality as input(item, ord)
     ), logged as (
       insert into events (at, type, alert_id, body)
       select $1::bigint, 'hit.raised', hit_id, body from batch order by ord
       returning seq, alert_id
     ), ingested as (
       insert into hit_ingest (external_id, hit_id, seq, source, at)
       select batch.external_id, batch.hit_id, logged.seq, batch.source, $1::bigint from batch join logged on logged.alert_id = batch.hit_id
     ), stored as (
       insert into subjects (hit_id, subject, received_at) select hit_id, subject, $1::bigint from batch
     )
     select seq, alert_id from logged order by seq`,
    [at, JSON.stringify(hits)],
  );
  const byId = new Map(hits.map((hit) => [hit.event.hit.id, hit.event]));
  return rows.map((row) => ({ ...byId.get(row.alert_id)!, seq: Number(row.seq), at }) as OpsEvent);
}

/** A page of the log: the events readers can read, and how far the page went through the log. */
export interface LogPage {
  readonly events: OpsEvent[];
  /** Rows of the page no reader can read, left out of `events`. */
  readonly unreadable: readonly UnreadableEvent[];
  /** How many rows the page read, readable or not; fewer than asked means the end of what matched. */
  readonly rowsRead: number;
  /** Seq of the last row read, if any. */
  readonly lastSeq: number | undefined;
}

export async function readEvents(
  db: Queryable,
  range: { readonly afterSeq: number; readonly limit: number; readonly fromTime?: number; readonly toTime?: number },
): Promise<LogPage> {
  const rows = await db.query<EventRow>(
    `select seq, at, type, body from events
      where seq > $1 and ($2::bigint is null or at >= $2) and ($3::bigint is null or at <= $3)
      order by seq limit $4`,
    [range.afterSeq, range.fromTime ?? null, range.toTime ?? null, range.limit],
  );
  const events: OpsEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  for (const row of rows) {
    // A type this build does not know is a later protocol extension written by a newer hub: skipped, never
    // set aside, so an older node sharing the database never takes a newer one's events away.
    if (!(EVENT_TYPES as readonly string[]).includes(row.type)) continue;
    const parsed = OpsEvent.safeParse({ ...(row.body as object), seq: Number(row.seq), at: Number(row.at) });
    if (parsed.success) events.push(parsed.data);
    else unreadable.push({ seq: Number(row.seq), problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ').slice(0, 2000) });
  }
  const last = rows[rows.length - 1];
  return { events, unreadable, rowsRead: rows.length, lastSeq: last === undefined ? undefined : Number(last.seq) };
}

/**
 * Moves unreadable rows out of the log into `quarantined_events`, as they were and with the reason, for
 * an administrator to inspect. Run in the writer's transaction. Returns how many rows it moved.
 */
export async function quarantineEvents(tx: Queryable, unreadable: readonly UnreadableEvent[], now: number): Promise<number> {
  if (unreadable.length === 0) return 0;
  const moved = await tx.query<{ seq: number }>(
    `with reasons as (
       select (item->>'seq')::bigint as seq, item->>'problem' as problem from jsonb_array_elements($1::jsonb) as input(item)
     ), kept as (
       insert into quarantined_events (seq, at, type, alert_id, body, problem, quarantined_at)
       select e.seq, e.at, e.type, e.alert_id, e.body, reasons.problem, $2::bigint from events e join reasons using (seq)
       on conflict (seq) do nothing
       returning seq
     )
     delete from events where seq in (select seq from kept) returning seq`,
    [JSON.stringify(unreadable), now],
  );
  return moved.length;
}

export async function countQuarantined(db: Queryable): Promise<number> {
  const rows = await db.query<{ count: number | string }>('select count(*) as count from quarantined_events');
  return Number(rows[0]?.count ?? 0);
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

export async function recordMutation(db: Queryable, mutationId: string, officerId: string, seq: number, at: number): Promise<void> {
  await db.query('insert into mutations (mutation_id, officer_id, seq, at) values ($1, $2, $3, $4)', [mutationId, officerId, seq, at]);
}

export async function findIngest(db: Queryable, externalIds: readonly string[]): Promise<Map<string, { hitId: string; seq: number }>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db.query<{ external_id: string; hit_id: string; seq: number }>(
    'select external_id, hit_id, seq from hit_ingest where external_id = any($1::text[])',
    [externalIds],
  );
  return new Map(rows.map((row) => [row.external_id, { hitId: row.hit_id, seq: row.seq }]));
}

/** Starts the grace period after which retention removes a hit's personal details: its alert is closed. */
export async function markSubjectResolved(db: Queryable, hitId: string, at: number): Promise<void> {
  await db.query('update subjects set resolved_at = $2 where hit_id = $1', [hitId, at]);
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
