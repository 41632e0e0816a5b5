import type { AlertStatus, Checkpoint, EntityId, Severity } from '@watchfloor/shared';
import { HIDDEN_KEY, severityOfKey, statusOfKey } from './categories';
import type { HitColumns } from './hit-columns';

/**
 * Where hits pile up at one place: each checkpoint's count of open alerts, kept by the hit store as rows
 * change (`HitColumns.openAt`), so a badge costs one look-up per checkpoint and nothing per alert; and the
 * newest of them, listed when the officer points at the checkpoint (a walk over that checkpoint's rows only).
 */

/** A checkpoint holding at least `AGGREGATE_MIN` open alerts gets a count badge. */
const AGGREGATE_MIN = 2;
/** How many of a checkpoint's alerts its list names. */
const AGGREGATE_LIST_LIMIT = 6;

export interface CheckpointAggregate {
  readonly checkpoint: Checkpoint;
  readonly open: number;
}

/** The checkpoints with a pile of open alerts, most first. */
export function checkpointAggregates(checkpoints: readonly Checkpoint[], hits: Pick<HitColumns, 'openAt'>): readonly CheckpointAggregate[] {
  const piles: CheckpointAggregate[] = [];
  for (const checkpoint of checkpoints) {
    const open = hits.openAt(checkpoint.id);
    if (open >= AGGREGATE_MIN) piles.push({ checkpoint, open });
  }
  return piles.sort((a, b) => b.open - a.open);
}

interface AggregateEntry {
  readonly alertId: EntityId;
  readonly severity: Severity;
  readonly status: AlertStatus;
  readonly atMs: number;
}

/** The newest open alerts at a checkpoint, at most `limit`. */
export function newestOpenAt(
  hits: Pick<HitColumns, 'rowsAt' | 'categories' | 'alertIdAt' | 'atMs'>,
  checkpointId: EntityId,
  limit = AGGREGATE_LIST_LIMIT,
): readonly AggregateEntry[] {
  const rows = hits.rowsAt(checkpointId);
  const entries: AggregateEntry[] = [];
  for (let i = rows.length - 1; i >= 0 && entries.length < limit; i--) {
    const row = rows[i]!;
    const key = hits.categories[row * 4]!;
    if (key === HIDDEN_KEY || statusOfKey(key) === 'resolved') continue;
    entries.push({ alertId: hits.alertIdAt(row)!, severity: severityOfKey(key), status: statusOfKey(key), atMs: hits.atMs[row]! });
  }
  return entries.sort((a, b) => b.atMs - a.atMs);
}
