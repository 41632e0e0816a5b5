import type { Queryable } from '../db/database';
import { WRITER_LOCK } from '../db/migrations';
import { readMeta, writeMeta } from './event-store';

/**
 * Retention: events older than the cutoff are dropped where the current picture no longer needs them:
 * every event of an alert finally resolved and untouched since before the cutoff, and operation or
 * checkpoint updates superseded by a later one. Audit events are kept. Clients that last saw the log
 * before the purged range get `reset` and rebuild from what remains.
 */
export const RETAINED_FROM_KEY = 'retained_from';

export async function purgeBefore(db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> }, cutoff: number): Promise<{ deleted: number; retainedFrom: number }> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
    const floorRows = await tx.query<{ floor: number | null }>('select max(seq) as floor from events where at < $1', [cutoff]);
    const floor = floorRows[0]?.floor ?? 0;
    const previous = Number((await readMeta(tx, RETAINED_FROM_KEY)) ?? 0);
    if (floor === 0) return { deleted: 0, retainedFrom: previous };
    const handled = await tx.query<{ seq: number }>(
      `delete from events where seq <= $1 and alert_id in (
         select alert_id from events where alert_id is not null group by alert_id
         having max(at) < $2 and bool_or(type = 'alert.resolved' and (body->>'final')::boolean)
       ) returning seq`,
      [floor, cutoff],
    );
    const superseded = await tx.query<{ seq: number }>(
      `delete from events e where e.seq <= $1 and e.type in ('operation.updated', 'checkpoint.updated')
         and exists (
           select 1 from events later where later.type = e.type and later.seq > e.seq
             and coalesce(later.body->'operation'->>'id', later.body->'checkpoint'->>'id')
               = coalesce(e.body->'operation'->>'id', e.body->'checkpoint'->>'id')
         ) returning seq`,
      [floor],
    );
    const retainedFrom = Math.max(previous, floor);
    await writeMeta(tx, RETAINED_FROM_KEY, String(retainedFrom));
    return { deleted: handled.length + superseded.length, retainedFrom };
  });
}
