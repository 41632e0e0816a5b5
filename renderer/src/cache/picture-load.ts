import type { Alert, Checkpoint, Operation, OpsState } from '@watchfloor/shared';
// Not the map's index: it pulls in maplibre and React, and the cache may run in a worker.
import { createHitColumns, type HitColumns } from '../map/hit-columns';
import { ALL_STORES, type CacheConnection } from './connection';
import { META_KEY, type CacheDatabase, type HitChunkRow } from './database';
import { appendChunksTo, HIT_CHUNK_ROWS } from './hit-chunks';
import { entryOf } from './outbox';
import { readAlertPages } from './alert-pages';
import { parseCheckpoint, parseHitChunk, parseMetaRow, parseOperation, parseOutboxRow } from './rows';
import type { CachedHits, CachedPicture, CacheNotice, LoadPictureOptions, MakeColumns, PictureHead } from './types';

/**
 * Loading the cached picture for a fast start, in one read transaction: what the picture is besides its rows
 * (operations, checkpoints, through), then the alert rows in pages (alert-pages.ts), the first answered
 * before the map's hit chunks, and the outbox. Every row is checked as it is read; a
 * damaged one rebuilds the cache (see connection.ts) and the load is answered from the rebuilt one.
 */

export interface PictureReader {
  /** Reads the whole cached picture in one pass; a damaged cache is rebuilt and reported in `notices`. */
  loadPicture(makeColumns?: MakeColumns, options?: LoadPictureOptions): Promise<CachedPicture>;
  /** Only the map's part (no alert rows, no outbox): for a view that shows the map alone, such as a wall display. */
  loadHits(makeColumns?: MakeColumns): Promise<CachedHits>;
}

/** Hit chunks per read request on loading: a few milliseconds of parsing and columns each. */
const CHUNK_PAGE = 8;

/** Where the map's time origin goes when the cache builds the columns: as the live session does. */
const defaultMakeColumns: MakeColumns = (state, firstHitAt, rows) => {
  const starts = [...state.operations.values()].map((operation) => operation.window.start);
  const origin = Math.min(...starts, firstHitAt ?? Date.now()) - 3_600_000;
  return createHitColumns({
    originMs: origin,
    initialCapacity: Math.max(rows, 1),
    kindOf: (id) => state.checkpoints.get(id)?.kind,
  });
};

export function createPictureReader(connection: CacheConnection): PictureReader {
  /** What the picture is besides its alert rows and hits: small, read first. */
  async function readHead(data: CacheDatabase, alerts: Map<string, Alert>): Promise<{ readonly head: PictureHead; readonly chunkIds: number[] }> {
    const [storedMeta, operationRows, checkpointRows, chunkIds] = await Promise.all([
      data.meta.get(META_KEY),
      data.operations.toArray(),
      data.checkpoints.toArray(),
      data.hitChunks.toCollection().primaryKeys(),
    ]);
    const meta = storedMeta === undefined ? undefined : parseMetaRow(storedMeta);
    const state: OpsState = {
      lastSeq: meta?.through ?? 0,
      lastAt: meta?.lastAt ?? 0,
      operations: new Map<string, Operation>(operationRows.map(parseOperation).map((operation) => [operation.id, operation])),
      checkpoints: new Map<string, Checkpoint>(checkpointRows.map(parseCheckpoint).map((checkpoint) => [checkpoint.id, checkpoint])),
      alerts,
    };
    const empty = meta === undefined || (meta.through === 0 && chunkIds.length === 0);
    const ageMs = empty ? undefined : Math.max(0, connection.now() - meta.savedAt);
    return { head: { state, through: state.lastSeq, ageMs }, chunkIds };
  }

  /**
   * Reads the map's part of the picture, the hit chunks in pages of `CHUNK_PAGE`. Every page is requested
   * at once, so IndexedDB reads ahead while this thread parses each page and writes it into the columns:
   * the columns fill during the read instead of after it. Returns once every request is issued (requests
   * issued later in the transaction are answered after these); the promise it returns resolves with the
   * complete map.
   */
  function readHits(
    data: CacheDatabase,
    makeColumns: MakeColumns,
    head: PictureHead,
    chunkIds: readonly number[],
    notices: readonly CacheNotice[],
  ): Promise<CachedHits> {
    const pages: Promise<HitChunkRow[]>[] = [];
    for (let start = 0; start < chunkIds.length; start += CHUNK_PAGE) {
      const last = chunkIds[Math.min(chunkIds.length, start + CHUNK_PAGE) - 1]!;
      const page = data.hitChunks.where('id').between(chunkIds[start]!, last, true, true).toArray();
      // Awaited in turn below; if one page fails the rest fail with it, and must not be reported unhandled.
      page.catch(() => undefined);
      pages.push(page);
    }
    const done = (async () => {
      let hits: HitColumns | undefined;
      for (const page of pages) {
        const chunks = (await page).map(parseHitChunk);
        // Every chunk but the newest is full, so this bounds the rows from above by less than one chunk.
        hits ??= makeColumns(head.state, chunks.find((chunk) => chunk.count > 0)?.firstAt, chunkIds.length * HIT_CHUNK_ROWS);
        appendChunksTo(hits, chunks);
      }
      hits ??= makeColumns(head.state, undefined, 0);
      const map: CachedHits = {
        through: head.through,
        operations: head.state.operations,
        checkpoints: head.state.checkpoints,
        hits,
        ageMs: head.ageMs,
        notices,
      };
      return map;
    })();
    done.catch(() => undefined);
    return done;
  }

  return {
    async loadPicture(makeColumns = defaultMakeColumns, options = {}) {
      return connection.readRepairing((notices) => {
        const { data } = connection.databases();
        return data.transaction('r', [...ALL_STORES], async () => {
          const alerts = new Map<string, Alert>();
          const { head, chunkIds } = await readHead(data, alerts);
          // The alerts' first page is requested before the hit chunks, so it is answered first: the queue
          // shows before the map's columns, whatever the size of either.
          const alertPages = readAlertPages(data.alerts, (page) => {
            for (const alert of page.alerts) alerts.set(alert.id, alert);
            options.onAlerts?.(page, head);
          });
          alertPages.catch(() => undefined);
          const done = readHits(data, makeColumns, head, chunkIds, notices);
          const outbox = data.outbox.orderBy('position').toArray();
          outbox.catch(() => undefined);
          const map = await done;
          options.onHits?.(map);
          await alertPages;
          return {
            state: head.state,
            through: map.through,
            hits: map.hits,
            pending: (await outbox).map((row) => entryOf(parseOutboxRow(row))),
            ageMs: map.ageMs,
            notices,
          };
        });
      });
    },

    async loadHits(makeColumns = defaultMakeColumns) {
      return connection.readRepairing((notices) => {
        const { data } = connection.databases();
        return data.transaction('r', [data.meta, data.operations, data.checkpoints, data.hitChunks], async () => {
          const { head, chunkIds } = await readHead(data, new Map());
          return readHits(data, makeColumns, head, chunkIds, notices);
        });
      });
    },
  };
}
