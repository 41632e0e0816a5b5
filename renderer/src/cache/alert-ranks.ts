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

/** Rows ranked per read and write while upgrading: bounds the memory it takes, and each is one round trip. */
const UPGRADE_PAGE = 5_000;

/** The rank of a stored row's alert, or `DAMAGED_RANK` when the row holds no rankable alert. */
export function rankOfStored(row: unknown): number {
  try {
    const rank = urgencyRank((row as { alert: Alert }).alert);
    return Number.isFinite(rank) && rank >= 0 ? rank : DAMAGED_RANK;
  } catch {
    return DAMAGED_RANK;
  }
}

type StoredRow = Readonly<Record<string, unknown>> & { readonly id: string };

/** A row stored before version 4, ranked, without the fields only the indexes version 4 drops read. */
function ranked({ severityRank: _severity, raisedAt: _raised, holderId: _holder, ...row }: StoredRow): StoredRow {
  return { ...row, rank: rankOfStored(row) };
}

/**
 * Schema upgrade: every alert row already stored gets its rank, a page of rows read and written back at a
 * time (a cursor updating row by row costs a round trip per row).
 */
export async function rankStoredAlerts(transaction: Transaction): Promise<void> {
  const table = transaction.table<StoredRow, string>('alerts');
  let rows = await table.limit(UPGRADE_PAGE).toArray();
  while (rows.length > 0) {
    await table.bulkPut(rows.map(ranked));
    if (rows.length < UPGRADE_PAGE) return;
    rows = await table.where(':id').above(rows[rows.length - 1]!.id).limit(UPGRADE_PAGE).toArray();
  }
}
