import { DATA_STORES, type CacheConnection } from './connection';
import type { PurgeResult } from './types';

/** Retention: what the cache forgets once it is old enough. The outbox is never purged. */

export interface Retention {
  /** Removes events (and resolved alerts, and hit chunks) older than `retentionMs`; never the outbox. */
  purgeOlderThan(retentionMs: number): Promise<PurgeResult>;
}

export function createRetention(connection: CacheConnection): Retention {
  return {
    async purgeOlderThan(retentionMs) {
      const cutoff = connection.now() - retentionMs;
      const { data } = connection.databases();
      return data.transaction('rw', [...DATA_STORES], async () => {
        const meta = await connection.readMeta();
        const oldBlocks = await data.eventBlocks.where('lastAt').below(cutoff).toArray();
        await data.eventBlocks.bulkDelete(oldBlocks.map((block) => block.lastSeq));
        // Counted without parsing: the rows are going, and a damaged one must not stop their removal.
        const events = oldBlocks.reduce((sum, block) => sum + (Array.isArray(block.events) ? block.events.length : 0), 0);
        const oldResolved = await data.alerts
          .where('updatedAt')
          .below(cutoff)
          .filter((row) => row.status === 'resolved')
          .primaryKeys();
        await data.alerts.bulkDelete(oldResolved);
        // The newest chunk is still being filled: it stays, whatever the age of its first rows.
        const openChunk = meta.nextChunk - 1;
        const oldChunks = (await data.hitChunks.where('lastAt').below(cutoff).primaryKeys()).filter((id) => id !== openChunk);
        await data.hitChunks.bulkDelete(oldChunks);
        await data.meta.put({ ...meta, retentionMs });
        return { events, alerts: oldResolved.length, hitChunks: oldChunks.length };
      });
    },
  };
}
