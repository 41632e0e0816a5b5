import type { OpsEvent } from '@watchfloor/shared';
import type { CacheConnection } from './connection';
import type { CacheDatabase } from './database';
import { blocksOf, EVENT_BLOCK_EVENTS } from './event-blocks';
import { parseEventBlock } from './rows';
import { protocolFieldsOf } from './strip';
import type { BatchResult } from './types';

/**
 * The cached event log, for replay: read back in seq order, and filled with events fetched from the hub's
 * history. Live batches add to it as they are applied (picture-write.ts); the blocks it is stored in are
 * cut in event-blocks.ts.
 */

export interface EventLog {
  /** Cached log events with seq >= `fromSeq`, ascending, at most `limit` (for replay; holes are possible). */
  readEvents(fromSeq: number, limit: number): Promise<readonly OpsEvent[]>;
  /** Keeps events fetched from the hub's history for replay; the picture and `through` are not touched. */
  keepEvents(events: readonly OpsEvent[]): Promise<BatchResult>;
}

export function createEventLog(connection: CacheConnection): EventLog {
  return {
    async readEvents(fromSeq, limit) {
      const { data } = connection.databases();
      return data.transaction('r', data.eventBlocks, async () => {
        const events: OpsEvent[] = [];
        // Blocks never overlap, so in key order their events are in seq order.
        for (let from = fromSeq; events.length < limit; ) {
          const wanted = Math.ceil((limit - events.length) / EVENT_BLOCK_EVENTS) + 1;
          const blocks = (await data.eventBlocks.where('lastSeq').aboveOrEqual(from).limit(wanted).toArray()).map(parseEventBlock);
          for (const block of blocks) {
            for (const event of block.events) if (event.seq >= fromSeq && events.length < limit) events.push(event);
          }
          if (blocks.length < wanted) break;
          from = blocks[blocks.length - 1]!.lastSeq + 1;
        }
        return events;
      });
    },

    async keepEvents(events) {
      return connection.guarded(async (): Promise<BatchResult> => {
        const { data } = connection.databases();
        // Only keys the protocol defines are stored, as for live batches (strip.ts).
        const kept = events.map(protocolFieldsOf).sort((a, b) => a.seq - b.seq);
        const applied = await data.transaction('rw', [data.eventBlocks, data.meta], async () => {
          const meta = await connection.readMeta();
          const added = await mergeIntoLog(data, kept);
          const last = kept.at(-1)?.seq ?? 0;
          if (added > 0 && last > meta.through && last > (meta.keptThrough ?? 0)) await data.meta.put({ ...meta, keptThrough: last });
          return added;
        });
        return { ok: true, applied, through: events.at(-1)?.seq ?? 0 };
      });
    },
  };
}

/**
 * Adds events (ascending seq) to the log that it does not hold yet; returns how many. The blocks whose
 * seq ranges meet theirs are read, merged with them and cut again, so that blocks stay disjoint and no seq
 * is held twice. Live batches come here only when they reach events kept from history.
 */
export async function mergeIntoLog(data: CacheDatabase, events: readonly OpsEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const first = events[0]!.seq;
  const last = events[events.length - 1]!.seq;
  const meeting = (
    await data.eventBlocks
      .where('lastSeq')
      .aboveOrEqual(first)
      .until((block) => block.firstSeq > last)
      .toArray()
  ).map(parseEventBlock);
  const bySeq = new Map<number, OpsEvent>();
  for (const block of meeting) for (const event of block.events) bySeq.set(event.seq, event);
  const held = bySeq.size;
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  if (bySeq.size === held) return 0;
  await data.eventBlocks.bulkDelete(meeting.map((block) => block.lastSeq));
  await data.eventBlocks.bulkPut(blocksOf([...bySeq.values()].sort((a, b) => a.seq - b.seq)));
  return bySeq.size - held;
}
