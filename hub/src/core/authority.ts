import { randomUUID } from 'node:crypto';
import {
  Checkpoint,
  Command,
  DEFAULT_ESCALATION_POLICY,
  DetailsRequest,
  EMPTY_OPS_STATE,
  Operation,
  decideCommand,
  defaultSeverity,
  describeIssues,
  foldEventsInPlace,
  ingestTimeIssue,
  mayAdminister,
  mayRevealDetails,
  parseWith,
  requireCapability,
  type CommandAck,
  type DetailsResponse,
  type EscalationPolicy,
  type IngestHitBody,
  type OpsEvent,
  type OpsState,
  type Officer,
  type PendingEvent,
  type Refusal,
  type ValidationIssue,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import { ingestScopeRefusal, type IngestSource } from '../auth/ingest-keys';
import type { OfficerDirectory } from '../auth/officers';
import type { Database, Queryable } from '../db/database';
import { WRITER_LOCK } from '../db/migrations';
import {
  appendEvent,
  appendIngestedHits,
  countQuarantined,
  findIngest,
  quarantineEvents,
  readBack,
  findMutation,
  readEvents,
  readSubject,
  recordMutation,
  type IngestedHit,
} from '../log/event-store';
import { createRefusalRecorder } from '../log/refusal-log';
import { createEscalationSchedule, dueEscalation, type EscalationSchedule } from './escalation-schedule';
import { unstorableText } from './storable';

/**
 * The hub's authority over the operation picture. Every write (command, ingest, admin change, automatic
 * escalation, audit) runs here, one at a time in this process and under a database advisory lock across
 * processes; before deciding, it catches up with events other hubs wrote, so decisions are always taken
 * on the latest state. Events reach subscribers (the socket fan-out) in seq order, each once.
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

export type IngestOutcome =
  | { readonly status: 201 | 200; readonly hitId: string; readonly seq: number }
  | { readonly status: 400; readonly issues: readonly { path: string; message: string }[] }
  | { readonly status: 403; readonly message: string };

export type AdminOutcome = { readonly ok: true; readonly seq: number } | Refusal;

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
  /** Called after a commit so other hubs hear of it (pg NOTIFY); the writer itself pumps directly. */
  readonly notifyOthers?: (tx: Queryable, seq: number) => Promise<void>;
}

interface PendingIngest {
  readonly body: IngestHitBody;
  readonly source: IngestSource;
  readonly resolve: (outcome: IngestOutcome) => void;
  readonly reject: (error: unknown) => void;
}

const PAGE = 2000;

export function createAuthority(deps: AuthorityDeps): Authority {
  const { db, log, directory } = deps;
  const now = deps.now ?? Date.now;
  const policy = deps.escalationPolicy ?? DEFAULT_ESCALATION_POLICY;
  const ingestBatch = deps.ingestBatch ?? 500;
  const ingestLingerMs = deps.ingestLingerMs ?? 20;
  const ingestGroup = Math.min(ingestBatch, deps.ingestGroup ?? 64);
  let state: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  let cursor = 0;
  let quarantined = 0;
  const listeners = new Set<(events: readonly OpsEvent[]) => void>();
  // The latest absorbed events in seq order, as a ring: recent[(start + i) % capacity].
  const recentCapacity = deps.recentCapacity ?? 100_000;
  const recent: OpsEvent[] = [];
  let recentStart = 0;
  /** Seq of the newest event pushed out of the ring; 0 while nothing has been. */
  let evictedThrough = 0;
  let tail: Promise<unknown> = Promise.resolve();
  let pendingIngest: PendingIngest[] = [];
  /** The flush that will take the pending hits, while one is scheduled and has not taken them yet. */
  let ingestFlush: { readonly timer: NodeJS.Timeout | NodeJS.Immediate; readonly immediate: boolean } | undefined;
  /** Ingest flushes begun and not finished: hits arriving meanwhile mean the hub is under load. */
  let ingestCommits = 0;
  /** The last ingest flush took several hits, or more arrived while it ran: feeders are posting concurrently. */
  let ingestLoaded = false;
  let lastIngestTaken = 0;
  /** Built from the folded log at start, then kept up to date by every fold. */
  let escalations: EscalationSchedule | undefined;
  const schedule = () => (escalations ??= createEscalationSchedule(() => state.alerts, { policy }));

  /** Runs `task` after every task queued before it; a failure does not block the ones after. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  function absorb(events: readonly OpsEvent[], readThrough?: number): void {
    const fresh = events.filter((event) => event.seq > cursor);
    if (readThrough !== undefined) cursor = Math.max(cursor, readThrough);
    if (fresh.length === 0) return;
    // The authority owns its state and keeps no older version: fold in place, O(batch) per write.
    const result = foldEventsInPlace(state, fresh);
    for (const refusal of result.refused) {
      log.error({ seq: refusal.seq, reason: refusal.reason, detail: refusal.detail }, 'event in the log refused by the reducer');
    }
    state = result.state;
    escalations?.touched(fresh);
    cursor = Math.max(cursor, fresh[fresh.length - 1]!.seq);
    for (const event of fresh) {
      if (recent.length < recentCapacity) recent.push(event);
      else {
        evictedThrough = recent[recentStart]!.seq;
        recent[recentStart] = event;
        recentStart = (recentStart + 1) % recentCapacity;
      }
    }
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

  /** One write: lock, catch up, decide and append, commit, then publish what was appended. */
  function write<T>(
    work: (
      tx: Queryable,
      append: (event: PendingEvent) => Promise<OpsEvent>,
      appendHits: (hits: readonly IngestedHit[]) => Promise<OpsEvent[]>,
    ) => Promise<T>,
  ): Promise<T> {
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
  }

  const refusals = createRefusalRecorder({ db, log });

  /** Logs a refusal and records it; the row is written later, outside any write, so it holds up no one. */
  function refuse<R extends Refusal>(officer: Officer, command: unknown, refusal: R): R {
    log.warn({ officer: officer.id, role: officer.role, code: refusal.code, reason: refusal.message, command }, 'command refused');
    refusals.record({ officerId: officer.id, command, code: refusal.code, message: refusal.message, at: now() });
    return refusal;
  }

  async function flushIngest(): Promise<void> {
    let batch: PendingIngest[] = [];
    const take = () => {
      ingestFlush = undefined;
      lastIngestTaken = performance.now();
      batch = pendingIngest.splice(0, ingestBatch);
      if (pendingIngest.length > 0) scheduleIngest();
    };
    ingestCommits += 1;
    try {
      const outcomes = await write(async (tx, _append, appendHits) => {
        // The batch is taken when the writer is free, not when the flush was scheduled, so every hit that
        // arrived while earlier writes ran joins this one transaction (group commit grows with the load).
        take();
        const known = await findIngest(tx, batch.map((item) => item.body.externalId));
        // Hits raised by this batch get their seq once appended; a later copy of an externalId in the same
        // batch answers 200 with the first copy's hit.
        const results: (IngestOutcome | { readonly status: 201 | 200; readonly hitId: string })[] = [];
        const raisedHere = new Map<string, string>();
        const raised: IngestedHit[] = [];
        for (const { body, source } of batch) {
          // Scope first: a key learns nothing, not even a duplicate's hit id, about checkpoints it may not feed.
          const refusal = ingestScopeRefusal(source, body.checkpointId, state.checkpoints.get(body.checkpointId)?.country);
          if (refusal !== undefined) {
            results.push({ status: 403, message: refusal });
            continue;
          }
          const seen = known.get(body.externalId);
          if (seen !== undefined) {
            results.push({ status: 200, ...seen });
            continue;
          }
          const copied = raisedHere.get(body.externalId);
          if (copied !== undefined) {
            results.push({ status: 200, hitId: copied });
            continue;
          }
          const checkpoint = state.checkpoints.get(body.checkpointId);
          const operation = state.operations.get(body.operationId);
          if (checkpoint === undefined || operation === undefined) {
            const issues = [
              ...(checkpoint === undefined ? [{ path: 'checkpointId', message: `unknown checkpoint '${body.checkpointId}'` }] : []),
              ...(operation === undefined ? [{ path: 'operationId', message: `unknown operation '${body.operationId}'` }] : []),
            ];
            results.push({ status: 400, issues });
            continue;
          }
          const timeIssue = ingestTimeIssue(body.at, now(), operation.window.start);
          if (timeIssue !== undefined) {
            results.push({ status: 400, issues: [timeIssue] });
            continue;
          }
          const event = raisedEvent(body, checkpoint, operation.id);
          const checked = readBack(event, now());
          if (!checked.ok) {
            results.push({ status: 400, issues: checked.issues.map(asIngestIssue) });
            continue;
          }
          raisedHere.set(body.externalId, event.hit.id);
          results.push({ status: 201, hitId: event.hit.id });
          raised.push({ externalId: body.externalId, source: source.id, subject: body.subject, event });
        }
        const seqOf = new Map<string, number>();
        for (const event of await appendHits(raised)) if (event.type === 'hit.raised') seqOf.set(event.hit.id, event.seq);
        return results.map((result): IngestOutcome => ('hitId' in result && !('seq' in result) ? { ...result, seq: seqOf.get(result.hitId)! } : result));
      });
      batch.forEach((item, index) => item.resolve(outcomes[index]!));
    } catch (error) {
      // Failed before the work began (lock, catch-up): answer the hits that were waiting for it.
      if (batch.length === 0) take();
      for (const item of batch) item.reject(error);
    } finally {
      ingestCommits -= 1;
      ingestLoaded = batch.length > 1 || pendingIngest.length > 0;
    }
  }

  /**
   * Schedules the flush that will take the pending hits. A lone feeder posting one hit after another gets
   * each committed at once. Under load (a commit under way, or the last one carried several hits), the flush
   * waits until `ingestLingerMs` after the previous one took its batch, unless a group of hits is already
   * waiting: each transaction's fixed cost (on PGlite several hundred µs per statement) is then shared by
   * more hits, and the socket fan-out sends fewer, larger batches. Lingering with a group at hand would only
   * leave the core idle (feeders that wait for answers send no more).
   */
  function scheduleIngest(): void {
    const grouped = pendingIngest.length >= ingestGroup;
    if (ingestFlush !== undefined && (ingestFlush.immediate || !grouped)) return;
    cancelIngestFlush();
    const loaded = ingestCommits > 0 || ingestLoaded;
    const wait = grouped || !loaded ? 0 : lastIngestTaken + ingestLingerMs - performance.now();
    const flush = () => void flushIngest();
    ingestFlush = wait > 0 ? { timer: setTimeout(flush, wait), immediate: false } : { timer: setImmediate(flush), immediate: true };
  }

  function cancelIngestFlush(): void {
    if (ingestFlush === undefined) return;
    if (ingestFlush.immediate) clearImmediate(ingestFlush.timer as NodeJS.Immediate);
    else clearTimeout(ingestFlush.timer as NodeJS.Timeout);
    ingestFlush = undefined;
  }

  async function upsert(officer: Officer, event: PendingEvent, what: string): Promise<AdminOutcome> {
    const decision = mayAdminister(officer);
    if (!decision.ok) {
      log.warn({ officer: officer.id, what }, 'admin change refused');
      return decision;
    }
    const logged = await write((_tx, append) => append(event));
    return { ok: true, seq: logged.seq };
  }

  return {
    state: () => state,
    cursor: () => cursor,
    quarantined: () => quarantined,

    forgetThrough(seq) {
      evictedThrough = Math.max(evictedThrough, seq);
    },

    recentAfter(afterSeq, limit) {
      // Every event this hub absorbed went through the ring, so it holds all events after afterSeq unless
      // one of them was evicted.
      if (afterSeq < evictedThrough) return undefined;
      const at = (i: number) => recent[(recentStart + i) % recent.length]!;
      // Seqs rise along the ring: binary-search the first one after afterSeq.
      let low = 0;
      let high = recent.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (at(middle).seq <= afterSeq) low = middle + 1;
        else high = middle;
      }
      const page: OpsEvent[] = [];
      for (let i = low; i < recent.length && page.length < limit; i += 1) page.push(at(i));
      return page;
    },

    start: () =>
      serial(async () => {
        quarantined = await countQuarantined(db);
        await catchUpAlone();
        // Once, from the whole folded log (O(N)), rather than a push per alert while catching up.
        escalations = createEscalationSchedule(() => state.alerts, { policy });
      }),

    pump: () => serial(catchUpAlone),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    executeCommand(officer, input) {
      const parsed = parseWith(Command, input);
      if (!parsed.ok) {
        const message = `Invalid command: ${describeIssues(parsed.issues)}`;
        log.warn({ officer: officer.id, reason: message }, 'command refused');
        return Promise.resolve({ ok: false, code: 'invalid', message });
      }
      const command = parsed.value;
      const unstorable = unstorableText(command);
      if (unstorable !== undefined) {
        return Promise.resolve({ ok: false, code: 'invalid', message: `Invalid command: ${describeIssues([unstorable])}` });
      }
      // Refused by role alone: decided without the writer, which ingest and other officers' commands wait for.
      const byRole = requireCapability(officer, 'act');
      if (!byRole.ok) return Promise.resolve(refuse(officer, command, byRole));
      return write(async (tx, append): Promise<CommandAck> => {
        const previous = await findMutation(tx, command.mutationId);
        if (previous !== undefined) {
          if (previous.officerId === officer.id) return { ok: true, seq: previous.seq, duplicate: true };
          return refuse(officer, command, { ok: false, code: 'invalid', message: 'This mutation id was already used by another officer.' });
        }
        const alert = state.alerts.get(command.alertId);
        if (alert === undefined) {
          return refuse(officer, command, { ok: false, code: 'not-found', message: `No alert ${command.alertId}.` });
        }
        const assignee = command.type === 'assign' ? await directory.find(command.officerId, tx) : undefined;
        const decision = decideCommand(officer, command, alert, assignee);
        if (!decision.ok) return refuse(officer, command, decision);
        const checked = readBack(decision.event, now());
        if (!checked.ok) {
          const message = `Invalid command: ${describeIssues(checked.issues)}`;
          return refuse(officer, command, { ok: false, code: 'invalid', message });
        }
        const event = await append(decision.event);
        await recordMutation(tx, command.mutationId, officer.id, event.seq);
        return { ok: true, seq: event.seq };
      });
    },

    ingest(body, source) {
      const unstorable = unstorableText(body);
      if (unstorable !== undefined) return Promise.resolve({ status: 400, issues: [unstorable] });
      return new Promise<IngestOutcome>((resolve, reject) => {
        pendingIngest.push({ body, source, resolve, reject });
        scheduleIngest();
      });
    },

    upsertOperation(officer, input) {
      const parsed = parseWith(Operation, input);
      if (!parsed.ok) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues(parsed.issues) });
      const unstorable = unstorableText(parsed.value);
      if (unstorable !== undefined) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues([unstorable]) });
      return upsert(officer, { type: 'operation.updated', operation: parsed.value }, 'operations');
    },

    upsertCheckpoint(officer, input) {
      const parsed = parseWith(Checkpoint, input);
      if (!parsed.ok) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues(parsed.issues) });
      const unstorable = unstorableText(parsed.value);
      if (unstorable !== undefined) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues([unstorable]) });
      return upsert(officer, { type: 'checkpoint.updated', checkpoint: parsed.value }, 'checkpoints');
    },

    appendSystemEvents: (events) =>
      write(async (_tx, append) => {
        const logged: OpsEvent[] = [];
        for (const event of events) logged.push(await append(event));
        return logged;
      }),

    async escalateDue() {
      const candidates = schedule().due(now());
      if (candidates.length === 0) return 0;
      return write(async (_tx, append) => {
        let escalated = 0;
        for (const id of candidates) {
          // Asked again: catching up with other hubs' events may have changed the alert since.
          const event = dueEscalation(state.alerts.get(id), now(), policy);
          if (event === undefined) continue;
          await append(event);
          escalated += 1;
        }
        return escalated;
      });
    },

    revealDetails(officer, input) {
      const parsed = parseWith(DetailsRequest, input);
      if (!parsed.ok) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues(parsed.issues) });
      const unstorable = unstorableText(parsed.value);
      if (unstorable !== undefined) return Promise.resolve({ ok: false, code: 'invalid', message: describeIssues([unstorable]) });
      const { hitId, reason } = parsed.value;
      const refusal = (refused: Extract<DetailsResponse, { ok: false }>): DetailsResponse => refuse(officer, { type: 'details', hitId }, refused);
      // Refused by role alone: decided without the writer, as commands are.
      const byRole = requireCapability(officer, 'reveal-details');
      if (!byRole.ok) return Promise.resolve(refusal(byRole));
      return write(async (tx, append): Promise<DetailsResponse> => {
        const alert = state.alerts.get(hitId);
        if (alert === undefined) return refusal({ ok: false, code: 'not-found', message: `No hit ${hitId}.` });
        const decision = mayRevealDetails(officer, alert);
        if (!decision.ok) return refusal(decision);
        const subject = await readSubject(tx, hitId);
        if (subject === undefined) return refusal({ ok: false, code: 'not-found', message: `No personal details are held for hit ${hitId}.` });
        await append({ type: 'audit.details-viewed', hitId, reason, by: { id: officer.id, name: officer.name } });
        return { ok: true, hitId, subject };
      });
    },

    drain: () => {
      // A flush still waiting for its turn joins the queue now, so draining includes the hits it will take.
      if (ingestFlush !== undefined) {
        cancelIngestFlush();
        void flushIngest();
      }
      return serial(async () => undefined).then(() => refusals.flush());
    },
  };
}

/** The hit.raised event an ingested body becomes, screened at `checkpoint` (its country and position). */
function raisedEvent(body: IngestHitBody, checkpoint: Checkpoint, operationId: string): Extract<PendingEvent, { type: 'hit.raised' }> {
  return {
    type: 'hit.raised',
    hit: {
      id: `hit-${randomUUID()}`,
      operationId,
      checkpointId: checkpoint.id,
      country: checkpoint.country,
      at: body.at,
      lon: checkpoint.lon,
      lat: checkpoint.lat,
      source: body.source,
      score: body.score,
      severity: body.severity ?? defaultSeverity(body.source, body.score),
      recordOwner: body.recordOwner,
      summary: body.summary,
      subjectRef: `subj-${randomUUID()}`,
    },
  };
}

/** An event's issue in the ingest body's terms: the hit's position and country come from its checkpoint. */
function asIngestIssue(issue: ValidationIssue): ValidationIssue {
  const field = issue.path.replace(/^hit\./, '');
  const fromCheckpoint = ['country', 'lon', 'lat'].includes(field);
  return fromCheckpoint ? { path: 'checkpointId', message: `the checkpoint's ${field}: ${issue.message}` } : { path: field, message: issue.message };
}
