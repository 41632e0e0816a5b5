import { EMPTY_OPS_STATE, foldEventsInPlace, type OpsEvent, type OpsState, type PendingEvent } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Database, Queryable } from '../db/database';
import { WRITER_LOCK } from '../db/migrations';
import { appendEvent, appendIngestedHits, countQuarantined, quarantineEvents, readEvents, type IngestedHit } from '../log/event-store';

/**
 * The hub's one path to the log and the picture folded from it. Writes run one at a time in this process
 * and under a database advisory lock across processes; each catches up with what other hubs appended
 * before its work decides anything, so decisions are taken on the latest state. Every event read or
 * appended is folded into the picture once, in seq order, and handed to `onAbsorbed` and the subscribers.
 */
export interface LogWriter {
  readonly state: () => OpsState;
  /** Highest seq this hub has read from the log (may be above state.lastSeq if an event was refused). */
  readonly cursor: () => number;
  /** Rows of the log set aside because no reader could read them (as far as this hub knows). */
  readonly quarantined: () => number;
  /**
   * Counts the rows set aside so far and reads the whole log; then runs `ready`, before any write queued
   * meanwhile.
   */
  start(ready: () => void): Promise<void>;
  /** Reads events other hubs appended. */
  pump(): Promise<void>;
  /** Runs `task` after every task queued before it; a failure does not block the ones after. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** One write: lock, catch up, decide and append, commit, then publish what was appended. */
  write<T>(work: WriteWork<T>): Promise<T>;
  subscribe(listener: (events: readonly OpsEvent[]) => void): () => void;
}

/** A write's work, in its transaction; `append` and `appendHits` add to the log and return what they logged. */
export type WriteWork<T> = (
  tx: Queryable,
  append: (event: PendingEvent) => Promise<OpsEvent>,
  appendHits: (hits: readonly IngestedHit[]) => Promise<OpsEvent[]>,
) => Promise<T>;

export interface LogWriterDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly now: () => number;
  /** Called after a commit so other hubs hear of it (pg NOTIFY); the writer itself pumps directly. */
  readonly notifyOthers?: (tx: Queryable, seq: number) => Promise<void>;
  /** Called with every run of events folded into the picture, before the subscribers. */
  readonly onAbsorbed: (events: readonly OpsEvent[]) => void;
}

/** Events per read while catching up. */
const PAGE = 2000;

export function createLogWriter(deps: LogWriterDeps): LogWriter {
  const { db, log, now } = deps;
  let state: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  let cursor = 0;
  let quarantined = 0;
  const listeners = new Set<(events: readonly OpsEvent[]) => void>();
  let tail: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  function absorb(events: readonly OpsEvent[], readThrough?: number): void {
    const fresh = events.filter((event) => event.seq > cursor);
    if (readThrough !== undefined) cursor = Math.max(cursor, readThrough);
    if (fresh.length === 0) return;
    // The writer owns its state and keeps no older version: fold in place, O(batch) per write.
    const result = foldEventsInPlace(state, fresh);
    for (const refusal of result.refused) {
      log.error({ seq: refusal.seq, reason: refusal.reason, detail: refusal.detail }, 'event in the log refused by the reducer');
    }
    state = result.state;
    cursor = Math.max(cursor, fresh[fresh.length - 1]!.seq);
    deps.onAbsorbed(fresh);
    for (const listener of listeners) {
      try {
        listener(fresh);
      } catch (error) {
        log.error({ err: error }, 'event listener failed');
      }
    }
  }

  /**
   * Reads what other writers appended. `setAside` moves the rows no reader can read out of the log; it runs
   * in the writer's transaction (the caller's, or one of its own).
   */
  async function catchUp(source: Queryable, setAside: (work: (tx: Queryable) => Promise<number>) => Promise<number>): Promise<void> {
    for (;;) {
      const page = await readEvents(source, { afterSeq: cursor, limit: PAGE });
      if (page.unreadable.length > 0) {
        for (const row of page.unreadable) log.error({ seq: row.seq, problem: row.problem }, 'unreadable event set aside from the log');
        quarantined += await setAside((tx) => quarantineEvents(tx, page.unreadable, now()));
      }
      absorb(page.events, page.lastSeq);
      if (page.rowsRead < PAGE) return;
    }
  }

  /** Catch-up outside a write: unreadable rows are set aside in a transaction of their own under the lock. */
  const catchUpAlone = () =>
    catchUp(db, (work) =>
      db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
        return work(tx);
      }),
    );

  return {
    state: () => state,
    cursor: () => cursor,
    quarantined: () => quarantined,
    serial,

    start: (ready) =>
      serial(async () => {
        quarantined = await countQuarantined(db);
        await catchUpAlone();
        ready();
      }),

    pump: () => serial(catchUpAlone),

    write(work) {
      return serial(async () => {
        const appended: OpsEvent[] = [];
        const result = await db.transaction(async (tx) => {
          await tx.query('select pg_advisory_xact_lock($1)', [WRITER_LOCK]);
          await catchUp(tx, (work) => work(tx));
          const append = async (event: PendingEvent) => {
            const logged = await appendEvent(tx, event, now());
            appended.push(logged);
            return logged;
          };
          const appendHits = async (hits: readonly IngestedHit[]) => {
            const logged = await appendIngestedHits(tx, hits, now());
            appended.push(...logged);
            return logged;
          };
          const value = await work(tx, append, appendHits);
          if (appended.length > 0) await deps.notifyOthers?.(tx, appended[appended.length - 1]!.seq);
          return value;
        });
        absorb(appended);
        return result;
      });
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
