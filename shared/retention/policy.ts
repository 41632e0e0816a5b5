import { z } from 'zod';
import { INGEST_CLOCK_SKEW_MS } from '../protocol/ingest-time';

/**
 * How long each kind of data is kept, written once for the hub (which purges its tables), the desktop shell
 * (which passes a bureau's settings to the hub it runs) and the console (whose cache keeps events no longer
 * than the hub does). Every setting is a whole number of days. `docs/retention.md` says the same.
 *
 * - `eventDays`: events the current picture no longer needs (every event of an alert finally resolved and
 *   untouched since, superseded operation and checkpoint updates) leave the hub's log after this long; the
 *   console's cache keeps no event older than this.
 * - `subjectDays`: a hit's personal details leave this long after the hub received them, whatever the alert.
 * - `subjectGraceDays`: ...or this long after the alert was finally resolved, whichever comes first.
 * - `idempotencyDays`: how long the hub remembers a feeder's `externalId` and an officer's `mutationId`, so
 *   that a retry is answered as a duplicate. A hit screened longer ago than this is refused at ingest: its
 *   first copy could have been received and forgotten.
 * - `refusalDays`: refused commands and reveals are kept this long for accountability.
 * The audit trail is not purged by retention.
 */
const MAX_DAYS = 3650;

export const RetentionDays = z
  .int('expected a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_DAYS, `must be at most ${MAX_DAYS} days (10 years)`);

export const RETENTION_DEFAULTS = {
  eventDays: 30,
  subjectDays: 90,
  subjectGraceDays: 30,
  idempotencyDays: 7,
  refusalDays: 365,
} as const;

export const RetentionPolicy = z
  .object({
    eventDays: RetentionDays.default(RETENTION_DEFAULTS.eventDays),
    subjectDays: RetentionDays.default(RETENTION_DEFAULTS.subjectDays),
    subjectGraceDays: RetentionDays.default(RETENTION_DEFAULTS.subjectGraceDays),
    idempotencyDays: RetentionDays.default(RETENTION_DEFAULTS.idempotencyDays),
    refusalDays: RetentionDays.default(RETENTION_DEFAULTS.refusalDays),
  })
  .strict();
export type RetentionPolicy = Readonly<z.infer<typeof RetentionPolicy>>;
/** Settings as written in a file or on a command line: each may be left to its default. */
export type RetentionSettings = Readonly<z.input<typeof RetentionPolicy>>;

export const DAY_MS = 86_400_000;

/** The times before which each kind of data goes, for a purge run at `now`. */
export interface RetentionCutoffs {
  /** Events of handled alerts untouched since before this, and superseded updates logged before it. */
  readonly events: number;
  /** Personal details received before this. */
  readonly subjectsReceived: number;
  /** Personal details of alerts finally resolved before this. */
  readonly subjectsResolved: number;
  /**
   * Ingest and mutation records written before this. They are kept a clock drift longer than the window,
   * so that any copy of a forgotten hit is screened before `ingestForgetsBefore` and refused.
   */
  readonly idempotency: number;
  readonly refusals: number;
}

export function retentionCutoffs(policy: RetentionPolicy, now: number): RetentionCutoffs {
  return {
    events: now - policy.eventDays * DAY_MS,
    subjectsReceived: now - policy.subjectDays * DAY_MS,
    subjectsResolved: now - policy.subjectGraceDays * DAY_MS,
    idempotency: ingestForgetsBefore(policy, now) - INGEST_CLOCK_SKEW_MS,
    refusals: now - policy.refusalDays * DAY_MS,
  };
}

/** Hits screened before this are refused at ingest: whether they were already received may be forgotten. */
export function ingestForgetsBefore(policy: Pick<RetentionPolicy, 'idempotencyDays'>, now: number): number {
  return now - policy.idempotencyDays * DAY_MS;
}
