import { z } from 'zod';
import { EntityId, EpochMs, EscalationLevel, NOTE_MAX_LENGTH, Outcome, REASON_MAX_LENGTH } from '../domain/model';
import { WireReason, type ReasonWithParams } from './refusals';

/**
 * Commands a client sends on `/ops` (`command` with an ack callback). `mutationId` is chosen by the client
 * and makes a retry safe: the hub applies one mutation id once and answers `duplicate: true` after that.
 */
const MutationId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected 8 to 64 letters, digits, dash or underscore');
/**
 * `givenAt`: when the officer gave the command, by the console's clock. A command queued while the hub was
 * out of reach arrives later; the hub keeps this time in the event it logs (see `settleGivenAt`).
 */
const base = { mutationId: MutationId, alertId: EntityId, givenAt: EpochMs.optional() };
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

export const AcknowledgeCommand = z.object({ ...base, type: z.literal('acknowledge') });
export const EscalateCommand = z.object({
  ...base,
  type: z.literal('escalate'),
  level: EscalationLevel,
  reason: Text(REASON_MAX_LENGTH),
});
/** `comment`: the officer's closing words, kept in the resolution's history entry. */
export const ResolveCommand = z.object({ ...base, type: z.literal('resolve'), outcome: Outcome, comment: Text(NOTE_MAX_LENGTH).optional() });
export const NoteCommand = z.object({ ...base, type: z.literal('note'), text: Text(NOTE_MAX_LENGTH) });
export const AssignCommand = z.object({ ...base, type: z.literal('assign'), officerId: EntityId });

export const Command = z.discriminatedUnion('type', [
  AcknowledgeCommand,
  EscalateCommand,
  ResolveCommand,
  NoteCommand,
  AssignCommand,
]);
export type Command = Readonly<z.infer<typeof Command>>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: readonly CommandType[] = Command.options.map((option) => option.shape.type.value);

/** `rate-limited`: nothing was decided; send the same command again after `retryAfterMs`. */
export const REFUSAL_CODES = ['forbidden', 'invalid', 'not-found', 'conflict', 'rate-limited'] as const;
export const RefusalCode = z.enum(REFUSAL_CODES);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** How long to wait before asking again, with a `rate-limited` refusal. */
export const RetryAfterMs = z.int().positive();

/**
 * A refusal carries its `reason` code and `params` (see `refusals.ts`), which the console words, and the
 * same in English as `message`, for logs and other clients.
 */
export const CommandAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), seq: z.int().positive(), duplicate: z.boolean().optional() }),
  z.object({ ok: z.literal(false), code: RefusalCode, ...WireReason, message: z.string().min(1), retryAfterMs: RetryAfterMs.optional() }),
]);
export type CommandAck = Readonly<z.infer<typeof CommandAck>>;
/** A refusal as the hub and the shared rules build it: a known reason with its typed parameters. */
export type Refusal = {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly message: string;
  readonly retryAfterMs?: number;
} & ReasonWithParams;
