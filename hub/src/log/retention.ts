import { retentionCutoffs, type RetentionPolicy } from '@watchfloor/shared';
import { recordAudit } from '../audit/index';
import type { Queryable } from '../db/database';
import { WRITER_LOCK } from '../db/migrations';
import { readMeta, writeMeta } from './event-store';

/**
 * Retention by data type (`RetentionPolicy`, docs/retention.md): one run removes what each setting says has
 * been kept long enough, and counts it per type.
 *
 * - Events the current picture no longer needs: every event of an alert finally resolved and untouched
 *   since before the cutoff, and operation or checkpoint updates superseded by a later one. Audit events and
 *   anything still open are kept. Clients that last saw the log before the purged range get `reset`.
 * - Personal details (`subjects`): received before their cutoff, or of an alert finally resolved before
 *   the grace cutoff.
 * - Ingest and mutation records (idempotency), and refusals, older than their cutoffs.
 * The audit trail is not purged; each run is recorded in it, with its counts per type and its cutoffs.
 *
 * Each removal visits only what it removes (and, for events, the events that crossed the cutoff since the
 * last run): every table is reached through an index on the time that decides, never read whole. Rows go in
 * batches, each its own statement, so a large first run does not hold up ingest or commands; only the event
 * purge takes the writer's lock, as the log's readers expect.
 */
export const RETAINED_FROM_KEY = 'retained_from';
/** The event cutoff of the last run: alerts whose last event is older were judged then. */
const EVENTS_JUDGED_BEFORE_KEY = 'retention_events_judged_before';
const BATCH = 5000;

/** How many rows of each kind one run removed. */
export interface RetentionCounts {
  readonly subjects: number;
  readonly events: number;
  readonly ingest: number;
  readonly mutations: number;
  readonly refusals: number;
}

export interface RetentionStore extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

export async function runRetention(db: RetentionStore, policy: RetentionPolicy, now: number): Promise<RetentionCounts> {
  const cutoff = retentionCutoffs(policy, now);
  const events = await purgeEvents(db, cutoff.events);
  const received = await deleteInBatches(db, 'delete from subjects where hit_id in (select hit_id from subjects where received_at < $1 limit $2) returning 1', cutoff.subjectsReceived);
  const resolved = await deleteInBatches(db, 'delete from subjects where hit_id in (select hit_id from subjects where resolved_at < $1 limit $2) returning 1', cutoff.subjectsResolved);
  const ingest = await deleteInBatches(db, 'delete from hit_ingest where external_id in (select external_id from hit_ingest where at < $1 limit $2) returning 1', cutoff.idempotency);
  const mutations = await deleteInBatches(db, 'delete from mutations where mutation_id in (select mutation_id from mutations where at < $1 limit $2) returning 1', cutoff.idempotency);
  const refusals = await deleteInBatches(db, 'delete from refusals where id in (select id from refusals where at < $1 limit $2) returning 1', cutoff.refusals);
  const counts = { subjects: received + resolved, events, ingest, mutations, refusals };
  // Every run is in the audit trail, also one that found nothing due: it shows retention is running.
  await recordAudit(db, { act: 'retention-run', at: now, details: { purged: { ...counts }, cutoffs: { ...cutoff } } });
  return counts;
}

async function deleteInBatches(db: Queryable, sql: string, before: number): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = (await db.query(sql, [before, BATCH])).length;
    total += removed;
    if (removed < BATCH) return total;
  }
}

async function purgeEvents(db: RetentionStore, cutoff: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
    const judgedBefore = Number((await readMeta(tx, EVENTS_JUDGED_BEFORE_KEY)) ?? 0);
    const retainedFrom = Number((await readMeta(tx, RETAINED_FROM_KEY)) ?? 0);
    const crossed = await tx.query<{ floor: number | null }>('select max(seq) as floor from events where at >= $1 and at < $2', [judgedBefore, cutoff]);
    const floor = Math.max(retainedFrom, Number(crossed[0]?.floor ?? 0));
    if (floor === 0) return 0;
    // An alert's last event crosses the cutoff once: only alerts with an event that crossed since the last
    // run can have become purgeable.
    const handled = await tx.query<{ seq: number }>(
      `delete from events where seq <= $1 and alert_id in (
         select alert_id from events where alert_id in (
           select distinct alert_id from events where at >= $3 and at < $2 and alert_id is not null
         )
         group by alert_id
         having max(at) < $2 and bool_or(type = 'alert.resolved' and (body->>'final')::boolean)
       ) returning seq`,
      [floor, cutoff, judgedBefore],
    );
    const superseded = await tx.query<{ seq: number }>(
      `delete from events e where e.seq <= $1 and e.type in ('operation.updated', 'checkpoint.updated')
         and exists (
           select 1 from events later
            where later.type in ('operation.updated', 'checkpoint.updated') and later.type = e.type and later.seq > e.seq
              and coalesce(later.body->'operation'->>'id', later.body->'checkpoint'->>'id')
                = coalesce(e.body->'operation'->>'id', e.body->'checkpoint'->>'id')
         ) returning seq`,
      [floor],
    );
    await writeMeta(tx, RETAINED_FROM_KEY, String(floor));
    await writeMeta(tx, EVENTS_JUDGED_BEFORE_KEY, String(Math.max(judgedBefore, cutoff)));
    return handled.length + superseded.length;
  });
}
