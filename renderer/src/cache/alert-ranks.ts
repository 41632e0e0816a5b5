import type { Transaction } from 'dexie';
import { urgencyRank, type Alert } from '@watchfloor/shared';

/**
 * Each stored alert row keeps its place in the shared urgency order (`rank`, with its id beside it in the
 * `[rank+id]` index), so a start reads the most urgent rows first. This module gives rows stored before
 * the index their rank. It reads rows without the parsers of rows.ts, which import the schema this module
 * is part of: a row whose alert cannot be ranked is damaged, and gets a rank below every real one, so the
 * first page a start reads meets it and the cache is rebuilt as for any damaged row.
 */

/** Below every rank `urgencyRank` gives. */
export const DAMAGED_RANK = -1;

/** The rank of a stored row's alert, or `DAMAGED_RANK` when the row holds no rankable alert. */
export function rankOfStored(row: unknown): number {
  try {
    const rank = urgencyRank((row as { alert: Alert }).alert);
    return Number.isFinite(rank) && rank >= 0 ? rank : DAMAGED_RANK;
  } catch {
    return DAMAGED_RANK;
  }
}

/** Schema upgrade: every alert row already stored gets its rank. */
export async function rankStoredAlerts(transaction: Transaction): Promise<void> {
  await transaction
    .table('alerts')
    .toCollection()
    .modify((row: { rank?: number }) => {
      row.rank = rankOfStored(row);
    });
}
