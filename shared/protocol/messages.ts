import { z } from 'zod';
import {
  CountryCode,
  EntityId,
  EpochMs,
  Label,
  Officer,
  Severity,
  SourceDatabase,
} from '../domain/model';
import { RevealPurposeId, RevealPurposeList, RevealReason } from '../access/reveal-purpose';
import { HandlingLabel } from '../replay/export-label';
import { describeIssues } from '../validation';
import { RetryAfterMs } from './commands';
import { OpsEvent } from './events';
import { WireReason } from './refusals';

/** Wire protocol v1: every message that crosses the hub boundary, HTTP and socket.io `/ops`. */
export const PROTOCOL_VERSION = 1;
export const OPS_NAMESPACE = '/ops';

// ---- HTTP ---------------------------------------------------------------------------------------------

export const SessionRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

/**
 * A signed-in session. The token names the officer and the session, nothing more: role, scope and whether
 * the officer may still sign in are read from the hub's directory on every request. `expiresAt`: this token
 * lapses then unless renewed (`POST /api/v1/session/renew`); `renewableUntil`: no renewal goes past it.
 */
export const SessionResponse = z.object({
  token: z.string().min(1),
  officer: Officer,
  expiresAt: EpochMs,
  renewableUntil: EpochMs,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/**
 * Why a session is over, or a socket was closed: in the `session-ended` socket message, the `reason` of a
 * refused handshake (`connect_error` data) and of a refused renewal. `rights-changed` alone leaves the
 * session valid: the console reconnects with the same token and gets the new rights in `hello`.
 */
export const SESSION_END_REASONS = ['signed-out', 'revoked', 'expired', 'disabled', 'removed', 'rights-changed', 'demo', 'unknown'] as const;
export const SessionEndReason = z.enum(SESSION_END_REASONS);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** hub -> client `session-ended`, sent just before the hub closes the socket. */
export const SessionEnded = z.object({ reason: SessionEndReason, message: z.string().min(1).max(300) });
export type SessionEnded = z.infer<typeof SessionEnded>;

/** `401` of the session routes and of admin routes whose token's session is over. */
export const SessionRefused = z.object({ error: z.literal('unauthorized'), reason: SessionEndReason, message: z.string() });
export type SessionRefused = z.infer<typeof SessionRefused>;

/** `POST /api/v1/officers/:id/sessions/revoke` -> how many of the officer's live sessions were revoked. */
export const SessionsRevoked = z.object({ officerId: EntityId, revoked: z.int().nonnegative() });
export type SessionsRevoked = z.infer<typeof SessionsRevoked>;

/**
 * `degraded`: the hub serves everything it can read, but set aside `quarantinedEvents` rows of its log that
 * no reader could read (see docs/protocol.md, "Unreadable events").
 */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  headSeq: z.int().nonnegative(),
  quarantinedEvents: z.int().nonnegative().optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Personal data about the screened subject. Stored on the hub only; never in an event or a client cache. */
export const SubjectDetails = z.record(z.string().max(64), z.string().max(500));
export type SubjectDetails = z.infer<typeof SubjectDetails>;

/** `POST /api/v1/hits` from checkpoint systems. `at` is ISO 8601 with a zone, or epoch milliseconds. */
export const IngestHitBody = z.object({
  externalId: z.string().min(1).max(128),
  operationId: EntityId,
  checkpointId: EntityId,
  at: z.union([EpochMs, z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)).pipe(EpochMs)]),
  source: SourceDatabase,
  score: z.number().min(0).max(1),
  severity: Severity.optional(),
  summary: z.string().trim().pipe(Label(280)),
  recordOwner: CountryCode,
  subject: SubjectDetails,
});
export type IngestHitBody = z.infer<typeof IngestHitBody>;

export const IngestHitResponse = z.object({ hitId: EntityId, seq: z.int().positive() });

/** Shape of every 4xx body: `error` is a stable code, `issues` says what to fix. */
export const ErrorBody = z.object({
  error: z.string(),
  message: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What a 4xx body says in words (its message, then the issues), or '' when it is not an `ErrorBody`. */
export function errorBodyText(body: unknown): string {
  const read = ErrorBody.safeParse(body);
  if (!read.success) return '';
  return [read.data.message, read.data.issues ? describeIssues(read.data.issues) : undefined].filter(Boolean).join(' ');
}

// ---- socket.io /ops -----------------------------------------------------------------------------------

export const Handshake = z.object({
  token: z.string().min(1),
  since: z.int().nonnegative().optional(),
  clientId: z.string().min(1).max(64).optional(),
  /**
   * The client reads `snapshot` pages: starting from nothing (`since` 0, or after `reset`), it is sent the
   * current picture in pages and then the log after it, instead of every event from the first.
   */
  snapshot: z.boolean().optional(),
});
export type Handshake = z.infer<typeof Handshake>;

export const Hello = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  hubId: z.string().min(1),
  headSeq: z.int().nonnegative(),
  officer: Officer,
  /** Admins only, when the hub has set aside unreadable rows of its log: how many (see health). */
  quarantinedEvents: z.int().positive().optional(),
  /** The bureau's purposes for revealing personal details, to pick from; absent: the defaults. */
  revealPurposes: RevealPurposeList.optional(),
  /** The bureau's handling label for what the console exports (e.g. "For official use only"); absent: none set. */
  handlingLabel: HandlingLabel.optional(),
});
export type Hello = z.infer<typeof Hello>;

/**
 * `cause`: why `since` cannot be served, which the console words (absent from an older hub); `reason` says
 * the same in English for logs and other clients.
 */
export const RESET_CAUSES = ['ahead-of-hub', 'older-than-retained'] as const;
export const Reset = z.object({ cause: z.enum(RESET_CAUSES).optional(), reason: z.string().min(1), headSeq: z.int().nonnegative() });
export type Reset = z.infer<typeof Reset>;

export const HistoryRequest = z
  .object({
    fromSeq: z.int().nonnegative().optional(),
    fromTime: EpochMs.optional(),
    toTime: EpochMs.optional(),
    operationId: EntityId.optional(),
    limit: z.int().min(1).max(5000),
  })
  .refine((request) => request.fromSeq === undefined || request.fromTime === undefined, {
    message: 'give fromSeq or fromTime, not both',
  });
export type HistoryRequest = z.infer<typeof HistoryRequest>;

export const HistoryResponse = z.object({
  events: z.array(OpsEvent),
  /** Pass as `fromSeq` to get the next page; absent on the last page. */
  next: z.int().nonnegative().optional(),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** A `history` request the hub did not serve; with `rate-limited`, ask again after `retryAfterMs`. */
export const HistoryError = z.object({
  error: z.enum(['invalid', 'unavailable', 'rate-limited']),
  ...WireReason,
  message: z.string().min(1),
  retryAfterMs: RetryAfterMs.optional(),
});
export type HistoryError = z.infer<typeof HistoryError>;

export const HistoryReply = z.union([HistoryResponse, HistoryError]);
export type HistoryReply = z.infer<typeof HistoryReply>;

/** A purpose from the bureau's list (`Hello.revealPurposes`) and a reason that says what it is for here. */
export const DetailsRequest = z.object({
  hitId: EntityId,
  purpose: RevealPurposeId,
  reason: RevealReason,
});
export type DetailsRequest = z.infer<typeof DetailsRequest>;

/**
 * An earlier reveal of the same hit, from the audit trail. `purpose` is absent on reveals recorded before
 * the hub asked for one.
 */
export const EarlierReveal = z.object({
  at: EpochMs,
  officer: z.object({ id: EntityId, name: z.string().max(120) }),
  purpose: z.string().max(40).optional(),
});
export type EarlierReveal = z.infer<typeof EarlierReveal>;
/** How many earlier reveals a details answer lists at most: the latest ones. */
export const EARLIER_REVEALS_MAX = 50;

/**
 * The details, with who revealed them before and when (latest first; at most `EARLIER_REVEALS_MAX`, and
 * `earlierRevealsTotal` says how many there were). Only an officer who may reveal the hit gets them.
 */
export const DetailsResponse = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    hitId: EntityId,
    subject: SubjectDetails,
    earlierReveals: z.array(EarlierReveal).max(EARLIER_REVEALS_MAX),
    earlierRevealsTotal: z.int().nonnegative(),
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['forbidden', 'invalid', 'not-found', 'rate-limited']),
    ...WireReason,
    message: z.string(),
    retryAfterMs: RetryAfterMs.optional(),
  }),
]);
export type DetailsResponse = z.infer<typeof DetailsResponse>;

// ---- presence (extension of v1: officers' do-not-disturb, visible to shift leads) ---------------------

/** client -> hub `presence`: the officer's do-not-disturb, until when (absent: off). */
export const PresenceUpdate = z.object({ doNotDisturbUntil: EpochMs.optional() });
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** hub -> shift leads and admins `presence`: who is connected, and who has silenced alerts until when. */
export const PresenceEntry = z.object({
  officer: z.object({ id: EntityId, name: z.string().min(1).max(120) }),
  role: Officer.shape.role,
  connections: z.int().positive(),
  doNotDisturbUntil: EpochMs.optional(),
});
export const PresenceList = z.array(PresenceEntry).max(10_000);
export type PresenceEntry = z.infer<typeof PresenceEntry>;
