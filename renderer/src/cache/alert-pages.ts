import type { Alert } from '@watchfloor/shared';
import type { AlertRow } from './database';
import { CorruptCacheError, parseAlertRow } from './rows';
import type { Table } from 'dexie';

/**
 * The cached alert rows read in pages, most urgent first (the `[rank+id]` index, see alert-ranks.ts), so a
 * start shows the top of the queue without waiting for the rest: each page is checked and handed on as it
 * comes, and the next page is requested before this one is parsed, so IndexedDB reads ahead while this
 * thread checks. Memory and the time to the first page do not grow with the rows held. A row without a
 * valid rank is missing from the index, so once the last page is in, the rows read are held against the
 * table's count: a damaged rank is found like any damaged row.
 */

/** Rows per read: a few milliseconds of checking each, few enough reads that their round trips do not add up. */
export const ALERT_PAGE_ROWS = 4000;

/** One page of the cached alerts; `last` once no row follows (a last page may be empty). */
export interface AlertPage {
  readonly alerts: readonly Alert[];
  /** Alerts handed on so far, this page's included. */
  readonly received: number;
  /**
   * Rows the cache holds; known once the last page is in. Counting them first would cost more than the
   * read: IndexedDB counts a store by visiting every row, and a database runs one such request at a time,
   * so the pages' reads would wait behind it.
   */
  readonly total: number | undefined;
  readonly last: boolean;
}

/** The index that orders the rows most urgent first. */
const URGENCY_INDEX = '[rank+id]';

/**
 * Reads every alert row in pages of `pageRows`, calling `onPage` for each, most urgent first. Must run inside
 * a read transaction that spans the table; a damaged row throws out of it like a whole-table read would.
 */
export async function readAlertPages(
  table: Table<AlertRow, string>,
  onPage: (page: AlertPage) => void,
  pageRows: number = ALERT_PAGE_ROWS,
): Promise<void> {
  let next = table.orderBy(URGENCY_INDEX).limit(pageRows).toArray();
  let received = 0;
  for (;;) {
    const rows = await next;
    const full = rows.length === pageRows;
    if (full) {
      const last = rows[rows.length - 1]!;
      next = table.where(URGENCY_INDEX).above([last.rank, last.id]).limit(pageRows).toArray();
      // Awaited on the next turn; if this page throws first, that read must not be reported unhandled.
      next.catch(() => undefined);
    }
    const alerts = rows.map((row) => parseAlertRow(row).alert);
    received += alerts.length;
    if (!full) await expectAllRead(table, received);
    onPage({ alerts, received, total: full ? undefined : received, last: !full });
    if (!full) return;
  }
}

/** Throws when the table holds rows the urgency index does not (their rank is missing or not a valid key). */
async function expectAllRead(table: Table<AlertRow, string>, received: number): Promise<void> {
  const held = await table.count();
  if (held !== received) throw new CorruptCacheError('alerts', `${held - received} rows have no valid rank`);
}
