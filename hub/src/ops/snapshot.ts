import {
  SNAPSHOT_PAGE_ALERTS,
  checkpointWithinScope,
  operationWithinScope,
  snapshotAlertOf,
  urgencyRank,
  withinScope,
  type Alert,
  type Officer,
  type OpsState,
  type SnapshotPage,
} from '@watchfloor/shared';
import type { Socket } from 'socket.io';

/**
 * The picture one officer may see, cut into `snapshot` pages for a console that starts from nothing. It
 * is taken at one moment: the alerts (immutable values) are collected from the state then, so events the
 * hub folds in place while the pages go out change nothing in them, and the snapshot is valid at the seq
 * read at that moment. Pages go out most urgent first (`urgencyRank`): a heap over the alerts' ranks
 * yields each page's alerts in O(page x log n), so no page waits for the whole picture to be sorted.
 */
export interface SnapshotPages {
  readonly seq: number;
  readonly total: number;
  readonly pages: number;
  /** The next page, or undefined after the last one. */
  next(): SnapshotPage | undefined;
}

/** Takes the snapshot of `state`, valid at `seq`, as `officer` may see it. Synchronous: the state must not change during it. */
export function takeSnapshot(officer: Officer, state: OpsState, seq: number, pageSize = SNAPSHOT_PAGE_ALERTS): SnapshotPages {
  const operations = [...state.operations.values()].filter((operation) => operationWithinScope(officer, operation));
  const checkpoints = [...state.checkpoints.values()].filter((checkpoint) => checkpointWithinScope(officer, checkpoint));
  const alerts: Alert[] = [];
  for (const alert of state.alerts.values()) if (withinScope(officer, alert)) alerts.push(alert);
  const order = rankHeap(alerts);
  const total = alerts.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const lastAt = state.lastAt;
  let index = 0;
  return {
    seq,
    total,
    pages,
    next() {
      if (index >= pages) return undefined;
      const page: SnapshotPage = {
        seq,
        lastAt,
        index,
        pages,
        total,
        operations: index === 0 ? operations : [],
        checkpoints: index === 0 ? checkpoints : [],
        alerts: order.take(pageSize).map(snapshotAlertOf),
      };
      index += 1;
      return page;
    },
  };
}

/** The alerts lowest rank first, taken a page at a time from a binary heap of their indices. */
function rankHeap(alerts: readonly Alert[]): { take(count: number): Alert[] } {
  const keys = new Float64Array(alerts.length);
  for (let i = 0; i < alerts.length; i += 1) keys[i] = urgencyRank(alerts[i]!);
  const heap = new Int32Array(alerts.length);
  for (let i = 0; i < heap.length; i += 1) heap[i] = i;
  let size = heap.length;
  const down = (from: number) => {
    let at = from;
    const item = heap[at]!;
    const key = keys[item]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[heap[child + 1]!]! < keys[heap[child]!]!) child += 1;
      if (keys[heap[child]!]! >= key) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = item;
  };
  for (let i = (size >>> 1) - 1; i >= 0; i -= 1) down(i);
  return {
    take(count) {
      const taken: Alert[] = [];
      while (taken.length < count && size > 0) {
        taken.push(alerts[heap[0]!]!);
        size -= 1;
        heap[0] = heap[size]!;
        down(0);
      }
      return taken;
    },
  };
}

/** Longest a page waits for the client to take the one before. */
const DRAIN_WAIT_MS = 5000;

/**
 * Sends the snapshot's pages to `socket`, yielding to the event loop between pages and waiting while the
 * socket is still writing the last one (a slow client holds back its own pages, not the hub). Resolves with
 * whether every page went out (false: the socket went away first).
 */
export async function sendSnapshot(socket: Socket, snapshot: SnapshotPages): Promise<boolean> {
  for (let page = snapshot.next(); page !== undefined; page = snapshot.next()) {
    if (!socket.connected) return false;
    socket.emit('snapshot', page);
    await written(socket);
  }
  return socket.connected;
}

interface Transport {
  readonly writable: boolean;
  once(event: 'drain' | 'close', listener: () => void): void;
  off(event: 'drain' | 'close', listener: () => void): void;
}

/** After the next turn of the event loop, and once the socket's transport has written what it was given. */
function written(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      const transport = (socket.conn as unknown as { transport?: Transport }).transport;
      if (transport === undefined || transport.writable || !socket.connected) return resolve();
      const done = () => {
        clearTimeout(timer);
        transport.off('drain', done);
        transport.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, DRAIN_WAIT_MS);
      transport.once('drain', done);
      transport.once('close', done);
    });
  });
}
