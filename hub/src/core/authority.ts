import {
  DEFAULT_ESCALATION_POLICY,
  DEFAULT_REVEAL_PURPOSES,
  RETENTION_DEFAULTS,
  type CommandAck,
  type DetailsResponse,
  type EscalationPolicy,
  type IngestHitBody,
  type OpsEvent,
  type OpsState,
  type Officer,
  type PendingEvent,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { IngestSource } from '../auth/ingest-keys';
import type { OfficerDirectory } from '../auth/officers';
import type { Database, Queryable } from '../db/database';
import { createOfficerRequests, type AdminOutcome } from './commands';
import { createEscalationTicks } from './escalation-ticks';
import { createIngestQueue, type IngestOutcome } from './ingest';
import { createLogWriter } from './log-writer';
import { createRecentEvents } from './recent-events';

export type { AdminOutcome } from './commands';
export type { IngestOutcome } from './ingest';

/**
 * The hub's authority over the operation picture. Every write (command, ingest, admin change, automatic
 * escalation, audit) runs here, one at a time in this process and under a database advisory lock across
 * processes; before deciding, it catches up with events other hubs wrote, so decisions are always taken
 * on the latest state. Events reach subscribers (the socket fan-out) in seq order, each once.
 *
 * Its parts, each in its own module: log-writer.ts (the one write path and the folded picture), ingest.ts
 * (feeders' hits, committed in groups), commands.ts (officers' commands, details and admin changes),
 * escalation-ticks.ts (automatic escalation) and recent-events.ts (the latest events, for catch-up).
 */
export interface Authority {
  readonly state: () => OpsState;
  /** Highest seq this hub has read from the log (may be above state.lastSeq if an event was refused). */
  readonly cursor: () => number;
  /** Rows of the log set aside because no reader could read them (as far as this hub knows). */
  readonly quarantined: () => number;
  start(): Promise<void>;
  /**
   * Events after `afterSeq` (up to `limit`) from the ones this hub absorbed most recently, or undefined
   * when they are no longer all held in memory (read the log instead). Saves every reconnecting client a
   * database read and a re-validation of events the hub already holds as typed values.
   */
  recentAfter(afterSeq: number, limit: number): readonly OpsEvent[] | undefined;
  /** After a retention purge: catch-up from before `seq` must come from the (purged) log, not memory. */
  forgetThrough(seq: number): void;
  /** Reads events other hubs appended; called on NOTIFY and on a slow timer. */
  pump(): Promise<void>;
  subscribe(listener: (events: readonly OpsEvent[]) => void): () => void;
  executeCommand(officer: Officer, input: unknown): Promise<CommandAck>;
  /** Ingests a hit posted by `source`, within the checkpoints and countries its key may post for. */
  ingest(body: IngestHitBody, source: IngestSource): Promise<IngestOutcome>;
  upsertOperation(officer: Officer, input: unknown): Promise<AdminOutcome>;
  upsertCheckpoint(officer: Officer, input: unknown): Promise<AdminOutcome>;
  /** Appends events the hub itself originates (simulator, seed data) in one transaction. */
  appendSystemEvents(events: readonly PendingEvent[]): Promise<readonly OpsEvent[]>;
  /** Escalates, one level each, the alerts whose deadline has passed; costs O(due), not O(alerts). */
  escalateDue(): Promise<number>;
  revealDetails(officer: Officer, input: unknown): Promise<DetailsResponse>;
  /** Resolves when every queued write has finished and every refusal so far is recorded. */
  drain(): Promise<void>;
}

export interface AuthorityDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly directory: OfficerDirectory;
  readonly now?: () => number;
  readonly escalationPolicy?: EscalationPolicy;
  /** How many of the latest events to keep in memory for catch-up. */
  readonly recentCapacity?: number;
  /** Largest number of ingested hits committed in one transaction. */
  readonly ingestBatch?: number;
  /**
   * Under load (feeders posting concurrently), an ingest transaction takes its batch no sooner than this long
   * after the previous one took its own, unless `ingestGroup` hits are waiting: fewer, larger transactions.
   */
  readonly ingestLingerMs?: number;
  /** So many waiting hits share a transaction's fixed cost well enough to commit without lingering. */
  readonly ingestGroup?: number;
  /** How long feeders' external ids are remembered; hits screened before that are refused. */
  readonly idempotencyDays?: number;
  /** The ids of the bureau's reveal purposes; absent: the defaults. */
  readonly revealPurposes?: readonly string[];
  /** Called after a commit so other hubs hear of it (pg NOTIFY); the writer itself pumps directly. */
  readonly notifyOthers?: (tx: Queryable, seq: number) => Promise<void>;
}

export function createAuthority(deps: AuthorityDeps): Authority {
  const { db, log, directory } = deps;
  const now = deps.now ?? Date.now;
  const ingestBatch = deps.ingestBatch ?? 500;
  const recent = createRecentEvents(deps.recentCapacity ?? 100_000);
  const writer = createLogWriter({
    db,
    log,
    now,
    ...(deps.notifyOthers === undefined ? {} : { notifyOthers: deps.notifyOthers }),
    onAbsorbed(events) {
      escalation.touched(events);
      recent.push(events);
    },
  });
  const escalation = createEscalationTicks(writer, deps.escalationPolicy ?? DEFAULT_ESCALATION_POLICY, now);
  const ingest = createIngestQueue(writer, now, {
    batch: ingestBatch,
    lingerMs: deps.ingestLingerMs ?? 20,
    group: Math.min(ingestBatch, deps.ingestGroup ?? 64),
    idempotencyDays: deps.idempotencyDays ?? RETENTION_DEFAULTS.idempotencyDays,
  });
  const requests = createOfficerRequests({ db, log, directory, now, writer, revealPurposes: deps.revealPurposes ?? DEFAULT_REVEAL_PURPOSES });

  return {
    state: writer.state,
    cursor: writer.cursor,
    quarantined: writer.quarantined,
    recentAfter: recent.after,
    forgetThrough: recent.forgetThrough,

    start: () => writer.start(escalation.start),

    pump: writer.pump,
    subscribe: writer.subscribe,
    executeCommand: requests.executeCommand,
    ingest: ingest.ingest,
    upsertOperation: requests.upsertOperation,
    upsertCheckpoint: requests.upsertCheckpoint,

    appendSystemEvents: (events) =>
      writer.write(async (_tx, append) => {
        const logged: OpsEvent[] = [];
        for (const event of events) logged.push(await append(event));
        return logged;
      }),

    escalateDue: escalation.escalateDue,
    revealDetails: requests.revealDetails,

    drain: () => {
      // A flush still waiting for its turn joins the queue now, so draining includes the hits it will take.
      ingest.flushWaiting();
      return writer.serial(async () => undefined).then(() => requests.flushRefusals());
    },
  };
}
