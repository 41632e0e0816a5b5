import { randomUUID } from 'node:crypto';
import { defaultSeverity, ingestForgetsBefore, ingestTimeIssue, type Checkpoint, type IngestHitBody, type PendingEvent, type ValidationIssue } from '@watchfloor/shared';
import { ingestScopeRefusal, type IngestSource } from '../auth/ingest-keys';
import { findIngest, readBack, type IngestedHit } from '../log/event-store';
import type { LogWriter } from './log-writer';
import { unstorableText } from './storable';

/**
 * Hits posted by feeders, committed in groups: every hit waiting when the writer is free goes into one
 * transaction, so a transaction's fixed cost is shared by more hits as the load grows, and a lone feeder
 * still has each hit committed at once. Each hit is screened against its key's scope, deduplicated by its
 * external id, and checked as the event it becomes before it is appended.
 */

export type IngestOutcome =
  | { readonly status: 201 | 200; readonly hitId: string; readonly seq: number }
  | { readonly status: 400; readonly issues: readonly { path: string; message: string }[] }
  | { readonly status: 403; readonly message: string };

export interface IngestOptions {
  /** Largest number of ingested hits committed in one transaction. */
  readonly batch: number;
  /**
   * Under load (feeders posting concurrently), an ingest transaction takes its batch no sooner than this long
   * after the previous one took its own, unless `group` hits are waiting: fewer, larger transactions.
   */
  readonly lingerMs: number;
  /** So many waiting hits share a transaction's fixed cost well enough to commit without lingering. */
  readonly group: number;
  /** How long external ids are remembered (the retention policy's idempotency window); older hits are refused. */
  readonly idempotencyDays: number;
}

export interface IngestQueue {
  /** Ingests a hit posted by `source`, within the checkpoints and countries its key may post for. */
  ingest(body: IngestHitBody, source: IngestSource): Promise<IngestOutcome>;
  /** A flush still waiting for its turn joins the writer's queue now (for draining). */
  flushWaiting(): void;
}

interface PendingIngest {
  readonly body: IngestHitBody;
  readonly source: IngestSource;
  readonly resolve: (outcome: IngestOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export function createIngestQueue(writer: LogWriter, now: () => number, options: IngestOptions): IngestQueue {
  let pendingIngest: PendingIngest[] = [];
  /** The flush that will take the pending hits, while one is scheduled and has not taken them yet. */
  let ingestFlush: { readonly timer: NodeJS.Timeout | NodeJS.Immediate; readonly immediate: boolean } | undefined;
  /** Ingest flushes begun and not finished: hits arriving meanwhile mean the hub is under load. */
  let ingestCommits = 0;
  /** The last ingest flush took several hits, or more arrived while it ran: feeders are posting concurrently. */
  let ingestLoaded = false;
  let lastIngestTaken = 0;

  async function flushIngest(): Promise<void> {
    let batch: PendingIngest[] = [];
    const take = () => {
      ingestFlush = undefined;
      lastIngestTaken = performance.now();
      batch = pendingIngest.splice(0, options.batch);
      if (pendingIngest.length > 0) scheduleIngest();
    };
    ingestCommits += 1;
    try {
      const outcomes = await writer.write(async (tx, _append, appendHits) => {
        // The batch is taken when the writer is free, not when the flush was scheduled, so every hit that
        // arrived while earlier writes ran joins this one transaction (group commit grows with the load).
        take();
        const known = await findIngest(tx, batch.map((item) => item.body.externalId));
        // Hits raised by this batch get their seq once appended; a later copy of an externalId in the same
        // batch answers 200 with the first copy's hit.
        const results: (IngestOutcome | { readonly status: 201 | 200; readonly hitId: string })[] = [];
        const raisedHere = new Map<string, string>();
        const raised: IngestedHit[] = [];
        const state = writer.state();
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
          const timeIssue = ingestTimeIssue(body.at, now(), operation.window.start, ingestForgetsBefore(options, now()));
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
   * waits until `lingerMs` after the previous one took its batch, unless a group of hits is already
   * waiting: each transaction's fixed cost (on PGlite several hundred µs per statement) is then shared by
   * more hits, and the socket fan-out sends fewer, larger batches. Lingering with a group at hand would only
   * leave the core idle (feeders that wait for answers send no more).
   */
  function scheduleIngest(): void {
    const grouped = pendingIngest.length >= options.group;
    if (ingestFlush !== undefined && (ingestFlush.immediate || !grouped)) return;
    cancelIngestFlush();
    const loaded = ingestCommits > 0 || ingestLoaded;
    const wait = grouped || !loaded ? 0 : lastIngestTaken + options.lingerMs - performance.now();
    const flush = () => void flushIngest();
    ingestFlush = wait > 0 ? { timer: setTimeout(flush, wait), immediate: false } : { timer: setImmediate(flush), immediate: true };
  }

  function cancelIngestFlush(): void {
    if (ingestFlush === undefined) return;
    if (ingestFlush.immediate) clearImmediate(ingestFlush.timer as NodeJS.Immediate);
    else clearTimeout(ingestFlush.timer as NodeJS.Timeout);
    ingestFlush = undefined;
  }

  return {
    ingest(body, source) {
      const unstorable = unstorableText(body);
      if (unstorable !== undefined) return Promise.resolve({ status: 400, issues: [unstorable] });
      return new Promise<IngestOutcome>((resolve, reject) => {
        pendingIngest.push({ body, source, resolve, reject });
        scheduleIngest();
      });
    },

    flushWaiting() {
      if (ingestFlush === undefined) return;
      cancelIngestFlush();
      void flushIngest();
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
