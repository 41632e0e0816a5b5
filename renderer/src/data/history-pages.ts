import type { HistoryRequest, HistoryResponse, OpsEvent } from '@watchfloor/shared';
import type { BatchRange } from './worker-protocol';

const HISTORY_PAGE = 5000;

/**
 * Pages the hub's history for events after `through` up to `upTo`, handing each page on with the range it
 * covers; `take` returns false to stop early. The screen and the cache both fill their gaps this way.
 */
export async function pageHistory(
  history: (request: HistoryRequest) => Promise<HistoryResponse>,
  through: number,
  upTo: number,
  take: (events: readonly OpsEvent[], range: BatchRange) => Promise<boolean> | boolean,
): Promise<void> {
  let from = through + 1;
  while (from <= upTo) {
    const page = await history({ fromSeq: from, limit: HISTORY_PAGE });
    const covered = Math.min(page.next !== undefined ? page.next - 1 : upTo, upTo);
    if (!(await take(page.events, { after: from - 1, through: covered })) || page.next === undefined) return;
    from = page.next;
  }
}
