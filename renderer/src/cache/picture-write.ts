import { foldEvents, urgencyRank, type Alert, type Checkpoint, type Operation, type OpsEvent, type OpsState } from '@watchfloor/shared';
import { DATA_STORES, type CacheConnection } from './connection';
import type { AlertRow, HitChunkRow, MetaRow } from './database';
import { messageOf } from './errors';
import { blocksOf } from './event-blocks';
import { mergeIntoLog } from './event-log';
import { appendToChunk, emptyChunk, HIT_CHUNK_ROWS, withStatuses } from './hit-chunks';
import { parseAlertRow, parseHitChunk } from './rows';
import { protocolFieldsOf } from './strip';
import type { BatchResult } from './types';

/**
 * Writing the cached picture: a live batch is folded into the alerts it touches, their map rows (hit
 * chunks) and the log, one slice of `WRITE_BATCH` events per transaction with the `through` it reaches.
 * A page of the hub's snapshot is stored as picture (alerts and their map rows) in one transaction.
 */

/** A page of the hub's snapshot, its alerts built (see data/worker-protocol.ts). */
export interface SnapshotPart {
  /** The log position the whole snapshot is valid at. */
  readonly seq: number;
  readonly lastAt: number;
  readonly index: number;
  readonly pages: number;
  /** The first page's; empty in the others. */
  readonly operations: readonly Operation[];
  readonly checkpoints: readonly Checkpoint[];
  readonly alerts: readonly Alert[];
}

export interface PictureWriter {
  /** Stores a batch `{after, through}`; events at or below what is stored are ignored. */
  applyBatch(events: readonly OpsEvent[], range: { readonly after: number; readonly through: number }): Promise<BatchResult>;
  /**
   * Stores a page of the hub's snapshot, given in order: the first replaces the picture, each adds its
   * alerts, and the last sets `through` to the snapshot's seq. Until then `through` stays 0, so a console
   * reloaded midway shows the pages stored and is sent a new snapshot. The cached log gets no events from
   * before the snapshot: replay reads those from the hub.
   */
  storeSnapshotPage(page: SnapshotPart): Promise<BatchResult>;
  /** The hub's `reset`: forget the picture, keep the outbox. */
  reset(): Promise<void>;
}

/** Rows per write transaction: big enough to amortise a commit, small enough to keep each one short. */
const WRITE_BATCH = 1000;

/**
 * Rows per put request. Issuing a request serialises its rows on this thread: 100 alert rows take a few
 * milliseconds, so a slow machine stays well clear of a 50 ms task.
 */
const WRITE_PART = 100;

export function createPictureWriter(connection: CacheConnection): PictureWriter {
  /**
   * Writes one slice of a batch, and its `through`, in one transaction. Alert rows are read only for the
   * alerts the slice changes: hits it raises are taken to be new, since looking each one up cost a third of
   * the write. Their rows are added, not put, so a hit the cache already holds fails the add, which aborts
   * the transaction (nothing is written) and throws `AlreadyHeld`; the caller then writes the slice again
   * with `lookUpRaised`, and the shared reducer refuses the duplicate as it would anywhere else.
   */
  async function writeSlice(events: readonly OpsEvent[], through: number, lookUpRaised: boolean): Promise<number> {
    const { data } = connection.databases();
    return data.transaction('rw', [...DATA_STORES], async () => {
      const meta = await connection.readMeta();
      const fresh = events.filter((event) => event.seq > meta.through);
      if (fresh.length === 0 && through <= meta.through) return 0;

      const ids = new Set<string>();
      const lookUp = new Set<string>();
      for (const event of fresh) {
        if (event.type === 'hit.raised') {
          ids.add(event.hit.id);
          if (lookUpRaised) lookUp.add(event.hit.id);
        } else if ('alertId' in event) {
          // An alert raised earlier in this slice is not stored yet; one raised before it may be.
          if (!ids.has(event.alertId)) lookUp.add(event.alertId);
          ids.add(event.alertId);
        }
      }
      const openId = meta.nextChunk - 1;
      const raises = ids.size > lookUp.size || lookUpRaised;
      // Both reads at once: each read that waits for another is a round trip to the IndexedDB backend.
      const [stored, openRow] = await Promise.all([
        lookUp.size > 0 ? data.alerts.bulkGet([...lookUp]) : [],
        raises && openId >= 0 ? data.hitChunks.get(openId) : undefined,
      ]);
      const before = new Map<string, AlertRow>();
      for (const row of stored) {
        if (row !== undefined) before.set(row.id, parseAlertRow(row));
      }
      const base: OpsState = {
        lastSeq: meta.through,
        lastAt: meta.lastAt,
        operations: new Map(),
        checkpoints: new Map(),
        alerts: new Map([...before].map(([id, row]) => [id, row.alert])),
      };
      const folded = foldEvents(base, fresh).state;

      let nextChunk = meta.nextChunk;
      const chunks = new Map<number, HitChunkRow>();
      if (openRow !== undefined) chunks.set(openId, parseHitChunk(openRow));
      let open = chunks.get(openId);
      const raised: Alert[] = [];
      const addedRows: AlertRow[] = [];
      const changedRows: AlertRow[] = [];
      const statusChanges = new Map<number, Map<number, Alert['status']>>();
      for (const id of ids) {
        const alert = folded.alerts.get(id);
        const previous = before.get(id);
        if (alert === undefined || alert === previous?.alert) continue;
        if (previous === undefined) {
          raised.push(alert);
          continue;
        }
        changedRows.push(rowOfAlert(alert, previous.chunk, previous.row));
        if (alert.status !== previous.status) {
          const changes = statusChanges.get(previous.chunk) ?? new Map<number, Alert['status']>();
          changes.set(previous.row, alert.status);
          statusChanges.set(previous.chunk, changes);
        }
      }
      for (let start = 0; start < raised.length; ) {
        if (open === undefined || open.count >= HIT_CHUNK_ROWS) {
          open = emptyChunk(nextChunk);
          nextChunk += 1;
        }
        const take = raised.slice(start, start + HIT_CHUNK_ROWS - open.count);
        take.forEach((alert, offset) => addedRows.push(rowOfAlert(alert, open!.id, open!.count + offset)));
        open = appendToChunk(open, take);
        chunks.set(open.id, open);
        start += take.length;
      }
      const patchIds = [...statusChanges.keys()].filter((id) => !chunks.has(id));
      if (patchIds.length > 0) {
        (await data.hitChunks.bulkGet(patchIds)).forEach((row) => {
          if (row !== undefined) chunks.set(row.id, parseHitChunk(row));
        });
      }
      for (const [id, changes] of statusChanges) {
        const chunk = chunks.get(id);
        // A chunk removed by retention has nothing left to patch.
        if (chunk !== undefined) chunks.set(id, withStatuses(chunk, changes));
      }

      const lastAt = fresh.length === 0 ? meta.lastAt : Math.max(meta.lastAt, ...fresh.map((event) => event.at));
      // Seqs kept from history above `through` are already in the log: merge rather than store them twice.
      const keptAhead = meta.keptThrough !== undefined && fresh.length > 0 && fresh[0]!.seq <= meta.keptThrough;
      const nextMeta = settledKept({ ...meta, through: Math.max(meta.through, through), lastAt, savedAt: connection.now(), nextChunk });
      const writes: PendingWrite[] = [
        ...(keptAhead ? [() => mergeIntoLog(data, fresh)] : blocksOf(fresh).map((block) => () => data.eventBlocks.put(block))),
        ...inParts(addedRows, (part) =>
          data.alerts.bulkAdd(part).catch((error: unknown) => {
            throw lookUpRaised ? error : new AlreadyHeld(messageOf(error));
          }),
        ),
        ...inParts(changedRows, (part) => data.alerts.bulkPut(part)),
        ...inParts([...chunks.values()], (part) => data.hitChunks.bulkPut(part)),
        ...inParts([...folded.operations.values()], (part) => data.operations.bulkPut(part)),
        ...inParts([...folded.checkpoints.values()], (part) => data.checkpoints.bulkPut(part)),
        () => data.meta.put(nextMeta),
      ];
      await pipelined(writes);
      return fresh.length;
    });
  }

  async function writeSliceChecked(events: readonly OpsEvent[], through: number): Promise<number> {
    try {
      return await writeSlice(events, through, false);
    } catch (error) {
      if (!(error instanceof AlreadyHeld)) throw error;
      return writeSlice(events, through, true);
    }
  }

  return {
    async applyBatch(events, range) {
      return connection.guarded(async (): Promise<BatchResult> => {
        const meta = await connection.readMeta();
        if (range.after > meta.through) {
          return {
            ok: false,
            reason: 'gap',
            through: meta.through,
            message: `the cache holds events up to ${meta.through}; fill ${meta.through + 1}..${range.after} from history first`,
          };
        }
        // Only keys the protocol defines are stored, so nothing personal reaches the disk (see strip.ts).
        const parsed = events.map(protocolFieldsOf);
        let applied = 0;
        for (let start = 0; start < parsed.length || start === 0; start += WRITE_BATCH) {
          const slice = parsed.slice(start, start + WRITE_BATCH);
          const last = start + WRITE_BATCH >= parsed.length;
          const through = last ? range.through : slice[slice.length - 1]!.seq;
          applied += await writeSliceChecked(slice, through);
          if (last) break;
        }
        return { ok: true, applied, through: Math.max(meta.through, range.through) };
      });
    },

    storeSnapshotPage(page) {
      return connection.guarded(async (): Promise<BatchResult> => {
        const { data } = connection.databases();
        return data.transaction('rw', [...DATA_STORES], async () => {
          if (page.index === 0) await connection.clearPicture(data);
          const meta = await connection.readMeta();
          let nextChunk = meta.nextChunk;
          const openRow = page.alerts.length > 0 && nextChunk > 0 ? await data.hitChunks.get(nextChunk - 1) : undefined;
          let open = openRow === undefined ? undefined : parseHitChunk(openRow);
          const rows: AlertRow[] = [];
          const chunks = new Map<number, HitChunkRow>();
          for (let start = 0; start < page.alerts.length; ) {
            if (open === undefined || open.count >= HIT_CHUNK_ROWS) {
              open = emptyChunk(nextChunk);
              nextChunk += 1;
            }
            const take = page.alerts.slice(start, start + HIT_CHUNK_ROWS - open.count);
            take.forEach((alert, offset) => rows.push(rowOfAlert(alert, open!.id, open!.count + offset)));
            open = appendToChunk(open, take);
            chunks.set(open.id, open);
            start += take.length;
          }
          const last = page.index === page.pages - 1;
          const nextMeta: MetaRow = { ...meta, nextChunk, savedAt: connection.now(), ...(last ? { through: page.seq, lastAt: page.lastAt, snapshotSeq: page.seq } : {}) };
          await pipelined([
            ...inParts(rows, (part) => data.alerts.bulkPut(part)),
            ...inParts([...chunks.values()], (part) => data.hitChunks.bulkPut(part)),
            ...inParts(page.operations, (part) => data.operations.bulkPut(part)),
            ...inParts(page.checkpoints, (part) => data.checkpoints.bulkPut(part)),
            () => data.meta.put(nextMeta),
          ]);
          return { ok: true, applied: page.alerts.length, through: nextMeta.through };
        });
      });
    },

    async reset() {
      const { durable } = connection.databases();
      await durable.transaction('rw', [...DATA_STORES], () => connection.clearPicture(durable));
    },
  };
}

function rowOfAlert(alert: Alert, chunk: number, row: number): AlertRow {
  return {
    id: alert.id,
    status: alert.status,
    updatedAt: alert.updatedAt,
    rank: urgencyRank(alert),
    chunk,
    row,
    alert,
  };
}

/** Forgets `keptThrough` once live batches have passed it. */
function settledKept(meta: MetaRow): MetaRow {
  if (meta.keptThrough === undefined || meta.keptThrough > meta.through) return meta;
  const { keptThrough: _passed, ...settled } = meta;
  return settled;
}

/** A hit raised in a slice is already in the cache: the slice is written again, looking every alert up. */
class AlreadyHeld extends Error {
  override readonly name = 'AlreadyHeld';
}

type PendingWrite = () => Promise<unknown>;

function inParts<T>(rows: readonly T[], put: (part: readonly T[]) => Promise<unknown>): PendingWrite[] {
  const parts: PendingWrite[] = [];
  for (let start = 0; start < rows.length; start += WRITE_PART) parts.push(() => put(rows.slice(start, start + WRITE_PART)));
  return parts;
}

/**
 * Issues the writes of one transaction with one still in flight while the next is issued. Issuing a put
 * serialises its rows on this thread: issuing all of a slice at once made one task of 50-170 ms, and
 * awaiting each before issuing the next left this thread idle while IndexedDB wrote. Between parts the
 * thread is free for other tasks (input, drawing); IndexedDB keeps the order of requests in a transaction.
 */
async function pipelined(writes: readonly PendingWrite[]): Promise<void> {
  const issued: Promise<unknown>[] = [];
  for (const write of writes) {
    const next = write();
    // Awaited below; this only keeps a failure after an earlier one from being reported as unhandled.
    next.catch(() => undefined);
    if (issued.length > 0) await issued[issued.length - 1];
    issued.push(next);
  }
  await Promise.all(issued);
}
