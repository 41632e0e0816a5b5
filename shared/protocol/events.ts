import { z } from 'zod';
import {
  Actor,
  Checkpoint,
  EntityId,
  EpochMs,
  EscalationLevel,
  Hit,
  NOTE_MAX_LENGTH,
  Operation,
  Outcome,
  REASON_MAX_LENGTH,
} from '../domain/model';

/**
 * Events of the hub's append-only log. `seq` is the log position (1, 2, 3…), `at` when the hub recorded it.
 * New types and new optional fields may be added; nothing here is ever removed or changes meaning.
 */
const Seq = z.int().positive();
const base = { seq: Seq, at: EpochMs };
/** On an officer's command: when the officer gave it (the console's clock, checked by the hub), where `at`
 * is when the hub logged it; they differ for a command queued while the hub was out of reach. */
const given = { givenAt: EpochMs.optional() };

export const HitRaised = z.object({ ...base, type: z.literal('hit.raised'), hit: Hit });
export const AlertAcknowledged = z.object({
  ...base,
  ...given,
  type: z.literal('alert.acknowledged'),
  alertId: EntityId,
  by: Actor,
});
export const AlertEscalated = z.object({
  ...base,
  ...given,
  type: z.literal('alert.escalated'),
  alertId: EntityId,
  level: EscalationLevel,
  /**
   * The officer's words; with `auto`, a code from `AUTO_ESCALATION_REASONS` (or, in events logged before
   * those codes, an English sentence).
   */
  reason: z.string().min(1).max(REASON_MAX_LENGTH),
  /** The parameters of an automatic escalation's reason code. */
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  by: Actor,
  /** Raised by the hub's deadline timer; the holder is released so the alert must be taken up again. */
  auto: z.boolean(),
});
export const AlertResolved = z.object({
  ...base,
  ...given,
  type: z.literal('alert.resolved'),
  alertId: EntityId,
  outcome: Outcome,
  /** false: a duty officer's "confirmed" awaits a shift lead (status confirmation-pending). */
  final: z.boolean(),
  /** The officer's closing comment. */
  comment: z.string().min(1).max(NOTE_MAX_LENGTH).optional(),
  by: Actor,
});
export const AlertNoted = z.object({
  ...base,
  ...given,
  type: z.literal('alert.noted'),
  alertId: EntityId,
  text: z.string().min(1).max(NOTE_MAX_LENGTH),
  by: Actor,
});
export const AlertAssigned = z.object({
  ...base,
  ...given,
  type: z.literal('alert.assigned'),
  alertId: EntityId,
  officer: Actor,
  by: Actor,
});
export const OperationUpdated = z.object({ ...base, type: z.literal('operation.updated'), operation: Operation });
export const CheckpointUpdated = z.object({ ...base, type: z.literal('checkpoint.updated'), checkpoint: Checkpoint });
export const AuditDetailsViewed = z.object({
  ...base,
  type: z.literal('audit.details-viewed'),
  hitId: EntityId,
  /** The purpose id from the bureau's list; absent on reveals made before the hub asked for one. */
  purpose: z.string().min(1).max(40).optional(),
  reason: z.string().min(1).max(REASON_MAX_LENGTH),
  by: Actor,
});

export const OpsEvent = z.discriminatedUnion('type', [
  HitRaised,
  AlertAcknowledged,
  AlertEscalated,
  AlertResolved,
  AlertNoted,
  AlertAssigned,
  OperationUpdated,
  CheckpointUpdated,
  AuditDetailsViewed,
]);
export type OpsEvent = Readonly<z.infer<typeof OpsEvent>>;
export type OpsEventType = OpsEvent['type'];
export type EventOf<T extends OpsEventType> = Extract<OpsEvent, { type: T }>;
export type AlertEvent = EventOf<
  'alert.acknowledged' | 'alert.escalated' | 'alert.resolved' | 'alert.noted' | 'alert.assigned'
>;

/** An event as decided, before the log gives it a seq and a time. */
export type PendingEvent = OpsEvent extends infer E ? (E extends OpsEvent ? Omit<E, 'seq' | 'at'> : never) : never;

export const EVENT_TYPES: readonly OpsEventType[] = OpsEvent.options.map((option) => option.shape.type.value);

export function isAlertEvent(event: OpsEvent): event is AlertEvent {
  return event.type.startsWith('alert.');
}

/** The most events one batch may carry. */
export const MAX_BATCH_EVENTS = 5000;

/** A batch as it travels from hub to client: events in ascending seq order. */
export const EventBatch = z.array(OpsEvent).max(MAX_BATCH_EVENTS);
