import type { Actor, AuditEntry, ReasonWithParams } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { appendAuditEntries } from '../audit/index';
import type { Database, Queryable } from '../db/database';

/**
 * The `refusals` table: every refused command, details request and admin change, for accountability, each
 * also recorded in the audit trail in the same transaction (who, the command's type, the hit, the code and
 * message). Refusals are buffered and written many rows to one statement, outside the writer's
 * transaction, so a client sending refused requests never holds up the ingest and the commands that wait
 * for the writer. The buffer is bounded: what overflows it is counted and logged, never allowed to grow
 * the hub's memory.
 */
export type RefusalRow = {
  readonly at: number;
  readonly officer: Actor;
  /** The command as refused: its `type`, and `alertId` or `hitId` where it has one, go to the audit trail. */
  readonly command: unknown;
  readonly code: string;
  readonly message: string;
} & ReasonWithParams;

export interface RefusalRecorder {
  record(refusal: RefusalRow): void;
  /** Resolves once every refusal recorded before the call has been written (or counted as lost). */
  flush(): Promise<void>;
}

export interface RefusalRecorderOptions {
  readonly db: Pick<Database, 'transaction'>;
  readonly log: Logger;
  /** Most refusals held waiting for their write; more are counted and logged, not stored. */
  readonly capacity?: number;
  /** Most rows per statement. */
  readonly batch?: number;
  /** How long a refusal waits for others to share its statement. */
  readonly lingerMs?: number;
}

export function createRefusalRecorder(options: RefusalRecorderOptions): RefusalRecorder {
  const { db, log } = options;
  const capacity = options.capacity ?? 10_000;
  const batch = options.batch ?? 500;
  const lingerMs = options.lingerMs ?? 50;
  let waiting: RefusalRow[] = [];
  let overflowed = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function writeWaiting(): Promise<void> {
    while (waiting.length > 0) {
      const rows = waiting.splice(0, batch);
      try {
        await db.transaction(async (tx) => {
          await insertRefusals(tx, rows);
          await appendAuditEntries(tx, rows.map(refusalAudit));
        });
      } catch (error) {
        log.error({ err: error, refusals: rows.length }, 'refusals could not be recorded');
      }
    }
    if (overflowed > 0) {
      log.error({ refusals: overflowed }, 'refusals not recorded: the refusal buffer was full');
      overflowed = 0;
    }
  }

  function schedule(): void {
    timer = undefined;
    writing = writing.then(writeWaiting);
  }

  return {
    record(refusal) {
      if (waiting.length >= capacity) {
        overflowed += 1;
        return;
      }
      waiting.push(refusal);
      timer ??= setTimeout(schedule, lingerMs);
    },
    flush() {
      clearTimeout(timer);
      schedule();
      return writing;
    },
  };
}

function refusalAudit(row: RefusalRow): AuditEntry {
  const command = typeof row.command === 'object' && row.command !== null ? (row.command as Record<string, unknown>) : {};
  const hitId = typeof command.alertId === 'string' ? command.alertId : typeof command.hitId === 'string' ? command.hitId : undefined;
  return {
    act: 'refused',
    at: row.at,
    officer: { id: row.officer.id, name: row.officer.name },
    ...(hitId === undefined ? {} : { hitId }),
    details: { command: typeof command.type === 'string' ? command.type : 'unknown', code: row.code, reason: row.reason, params: row.params, message: row.message },
  };
}

async function insertRefusals(db: Queryable, rows: readonly RefusalRow[]): Promise<void> {
  // One jsonb parameter unpacked by the database: one statement and one parse whatever the row count.
  await db.query(
    `insert into refusals (at, officer_id, command, code, message)
     select at, officer_id, command, code, message
       from jsonb_to_recordset($1::jsonb) as row(at bigint, officer_id text, command jsonb, code text, message text)`,
    [JSON.stringify(rows.map((row) => ({ at: row.at, officer_id: row.officer.id, command: row.command ?? null, code: row.code, message: row.message })))],
  );
}
