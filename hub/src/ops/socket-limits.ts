import { refusalOf, type LimitedRequest, type Officer } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { createTokenBucket, type Admission, type BucketLimit, type TokenBucket } from './rate-limit';

/**
 * What one `/ops` socket may ask of the hub, so one client (a bug, a stuck retry loop, a hostile observer)
 * cannot starve the feeders and officers that share the hub's single writer and event loop. A request over
 * its socket's limit is answered at once, without touching the database; it is counted, and logged as one
 * line when it starts and one summary line per `SUMMARY_MS` while it lasts (not one line or row per message).
 * Even a refusal costs the hub decoding and answering it, so a socket that ignores `retryAfterMs` and keeps
 * sending (`FLOODING` refusals within one summary period, several times what a console waiting as told
 * meets) is to be disconnected.
 *
 * The limits sit well above what an officer working fast asks: a bulk acknowledge of a few hundred selected
 * alerts is one burst of commands, a replay or a gap fill a burst of full history pages.
 */
export type LimitedEvent = 'command' | 'history' | 'details' | 'presence';

export const SOCKET_LIMITS: Readonly<Record<LimitedEvent, BucketLimit>> = {
  /** One token per command. */
  command: { capacity: 600, perSecond: 20 },
  /** One token per log position asked for (a history request's `limit`). */
  history: { capacity: 25_000, perSecond: 5_000 },
  /** One token per reveal of personal details; each needs a typed reason. */
  details: { capacity: 10, perSecond: 0.5 },
  /** One token per do-not-disturb change. */
  presence: { capacity: 10, perSecond: 0.5 },
};

const SUMMARY_MS = 10_000;
const FLOODING = 1000;

export interface SocketLimits {
  /** Admits a request costing `cost` tokens of `event`'s bucket, or says when to ask again. */
  admit(event: LimitedEvent, cost?: number): Admission;
  /** The socket ignores the retry hints it is given: it should be disconnected. */
  flooding(): boolean;
  /** The socket has gone: report what was turned away and not reported yet. */
  close(): void;
}

export interface SocketLimitsOptions {
  readonly limits?: Readonly<Record<LimitedEvent, BucketLimit>>;
  readonly now?: () => number;
}

export function createSocketLimits(log: Logger, officer: Officer, options: SocketLimitsOptions = {}): SocketLimits {
  const limits = options.limits ?? SOCKET_LIMITS;
  const buckets = new Map<LimitedEvent, TokenBucket>();
  const refused = new Map<LimitedEvent, number>();
  let summary: NodeJS.Timeout | undefined;
  let refusedSinceReport = 0;

  function report(): void {
    summary = undefined;
    if (refused.size === 0) return;
    log.warn({ officer: officer.id, role: officer.role, rateLimited: Object.fromEntries(refused) }, 'rate-limited requests from one socket');
    refused.clear();
    refusedSinceReport = 0;
  }

  return {
    admit(event, cost = 1) {
      let bucket = buckets.get(event);
      if (bucket === undefined) {
        bucket = createTokenBucket(limits[event], options.now);
        buckets.set(event, bucket);
      }
      const admission = bucket.take(cost);
      if (admission.ok) return admission;
      if (summary === undefined) {
        log.warn({ officer: officer.id, role: officer.role, event, retryAfterMs: admission.retryAfterMs }, 'socket over its rate limit; refusing without a database write');
        summary = setTimeout(report, SUMMARY_MS);
        summary.unref();
      }
      refused.set(event, (refused.get(event) ?? 0) + 1);
      refusedSinceReport += 1;
      return admission;
    },
    flooding: () => refusedSinceReport >= FLOODING,
    close() {
      clearTimeout(summary);
      report();
    },
  };
}

/** What the client is told when `event` is over its limit. */
export function rateLimited(request: LimitedRequest, retryAfterMs: number) {
  return { ...refusalOf({ reason: 'rate-limited', params: { request, seconds: Math.ceil(retryAfterMs / 1000) } }), retryAfterMs };
}
