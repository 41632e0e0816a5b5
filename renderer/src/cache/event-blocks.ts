import type { Transaction } from 'dexie';
import type { OpsEvent } from '@watchfloor/shared';
import type { EventBlockRow } from './database';

/**
 * The cached event log is kept in blocks of events (see `EventBlockRow`). This module cuts events into
 * blocks and moves a version-1 log (a row per event) into them. It reads no rows through the parsers in
 * rows.ts, which import the schema this module is part of.
 */

/**
 * Events per block. Chromium stores a value over 64 KB as a separate blob file, which costs more than the
 * row itself; a hit event clones to about 330-450 bytes, so a block stays well under that.
 */
export const EVENT_BLOCK_EVENTS = 100;

/** Cuts events, in ascending seq order, into blocks of at most `size`. */
export function blocksOf(events: readonly OpsEvent[], size = EVENT_BLOCK_EVENTS): EventBlockRow[] {
  const blocks: EventBlockRow[] = [];
  for (let start = 0; start < events.length; start += size) {
    const part = events.slice(start, start + size);
    const first = part[0]!;
    const last = part[part.length - 1]!;
    let lastAt = first.at;
    for (const event of part) if (event.at > lastAt) lastAt = event.at;
    blocks.push({ lastSeq: last.seq, firstSeq: first.seq, firstAt: first.at, lastAt, events: part });
  }
  return blocks;
}

/** Version-1 event rows read per request while they are moved into blocks: bounds the memory it takes. */
const UPGRADE_PAGE = 10_000;

/**
 * Schema version 2's upgrade: every version-1 event row, in seq order, into blocks. A row without a
 * numeric seq and time is left behind (it goes with the old store): the log is a copy of the hub's and
 * is fetched again, whereas throwing here would abort the upgrade and cost the outbox. The rows moved are
 * checked like any other when they are read.
 */
export async function blockStoredEvents(transaction: Transaction): Promise<void> {
  const source = transaction.table<OpsEvent, number>('events');
  const target = transaction.table<EventBlockRow, number>('eventBlocks');
  for (let after = -Infinity; ; ) {
    const rows = await source.where('seq').above(after).limit(UPGRADE_PAGE).toArray();
    const events = rows.filter((row) => Number.isSafeInteger(row?.seq) && typeof row.at === 'number' && Number.isFinite(row.at));
    if (events.length > 0) await target.bulkAdd(blocksOf(events));
    const last = rows.at(-1)?.seq;
    // Keys that are not numbers sort after every number: once one shows up, every event has been seen.
    if (rows.length < UPGRADE_PAGE || typeof last !== 'number') return;
    after = last;
  }
}
