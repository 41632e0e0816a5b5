import { z } from 'zod';

/**
 * The domain model of an operation, as every layer sees it. Each type is inferred from its zod schema so the
 * schema used at a boundary and the type used inside it can never drift apart.
 */

/**
 * The latest time the domain can hold: 2100-01-01T00:00:00Z. Every time a console formats or draws stays
 * far inside what a JavaScript Date (±8.64e15 ms) and the map's float32 seconds can represent.
 */
export const LATEST_EPOCH_MS = Date.UTC(2100, 0, 1);

/** Milliseconds since the Unix epoch, UTC, from 1970 up to `LATEST_EPOCH_MS`. Every time on the wire and in state is one of these. */
export const EpochMs = z
  .int()
  .nonnegative('expected a time at or after 1970-01-01T00:00:00Z')
  .max(LATEST_EPOCH_MS, 'expected a time before 2100-01-01T00:00:00Z');
export type EpochMs = z.infer<typeof EpochMs>;

/**
 * One line of text shown as a label (a summary, a name, a phase): no control characters, which would break
 * the line, and no bidirectional overrides or isolates, which can make a label read as something it is not.
 */
const LABEL_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const Label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !LABEL_FORBIDDEN.test(text), 'must be one line without control or bidirectional-override characters');

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as NG');
export type CountryCode = z.infer<typeof CountryCode>;

/** Our own identifiers: short, printable, safe in URLs and logs. */
export const EntityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'expected letters, digits, dot, dash, colon or underscore');
export type EntityId = z.infer<typeof EntityId>;

export const Longitude = z.number().min(-180).max(180);
export const Latitude = z.number().min(-90).max(90);

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Lower rank is more severe; the alert queue sorts by it. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The international databases a screening can match against. */
export const SOURCES = [
  'sltd',
  'red-notice',
  'diffusion',
  'nominal',
  'smv',
  'firearms',
  'fingerprint',
  'face',
  'dna',
] as const;
export const SourceDatabase = z.enum(SOURCES);
export type SourceDatabase = z.infer<typeof SourceDatabase>;

export const CHECKPOINT_KINDS = ['airport', 'seaport', 'land-border', 'market', 'mobile'] as const;
export const CheckpointKind = z.enum(CHECKPOINT_KINDS);
export type CheckpointKind = z.infer<typeof CheckpointKind>;

export const CHECKPOINT_STATUSES = ['online', 'degraded', 'offline'] as const;
export const CheckpointStatus = z.enum(CHECKPOINT_STATUSES);
export type CheckpointStatus = z.infer<typeof CheckpointStatus>;

export const Checkpoint = z.object({
  id: EntityId,
  name: Label(120),
  kind: CheckpointKind,
  country: CountryCode,
  lon: Longitude,
  lat: Latitude,
  status: CheckpointStatus,
  lastHeard: EpochMs.optional(),
});
export type Checkpoint = Readonly<z.infer<typeof Checkpoint>>;

export const OPERATION_STATUSES = ['planned', 'active', 'paused', 'concluded'] as const;
export const OperationStatus = z.enum(OPERATION_STATUSES);
export type OperationStatus = z.infer<typeof OperationStatus>;

const Count = z.int().nonnegative();
export const OperationCounters = z.object({
  checks: Count,
  hits: Count,
  arrests: Count,
  victimsRescued: Count,
  documentsSeized: Count,
});
export type OperationCounters = Readonly<z.infer<typeof OperationCounters>>;

export const OperationWindow = z
  .object({ start: EpochMs, end: EpochMs.optional() })
  .refine((window) => window.end === undefined || window.end >= window.start, {
    message: 'the window must not end before it starts',
    path: ['end'],
  });

/**
 * Phases the console words in the officer's language (`phases.<code>`), as the hub's simulated operation
 * goes through them. Any other phase is an administrator's own words and shows as written.
 */
export const PHASE_CODES = ['border-and-airport-screening', 'targeted-inspections', 'market-and-port-operations', 'follow-up-and-debrief'] as const;

export const Operation = z.object({
  id: EntityId,
  codename: Label(80),
  status: OperationStatus,
  phase: Label(80),
  countries: z.array(CountryCode).min(1).max(250),
  /**
   * The countries that run the operation (its command), among `countries`; the others are partners. The
   * console frames its map and the wall on them. Absent: no country stands out.
   */
  hostCountries: z.array(CountryCode).min(1).max(250).optional(),
  window: OperationWindow,
  counters: OperationCounters,
});
export type Operation = Readonly<z.infer<typeof Operation>>;

/**
 * A screening match. It carries no personal data: `subjectRef` is an opaque handle that authorised roles
 * exchange, with a reason, for the personal details kept on the hub.
 */
export const Hit = z.object({
  id: EntityId,
  operationId: EntityId,
  checkpointId: EntityId,
  /** Country of the checkpoint that screened the subject. */
  country: CountryCode,
  at: EpochMs,
  lon: Longitude,
  lat: Latitude,
  source: SourceDatabase,
  score: z.number().min(0).max(1),
  severity: Severity,
  /** Country whose bureau owns the matched record. */
  recordOwner: CountryCode,
  summary: Label(280),
  subjectRef: EntityId,
});
export type Hit = Readonly<z.infer<typeof Hit>>;

export const ROLES = ['observer', 'duty-officer', 'shift-lead', 'admin', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Officer = z.object({
  id: EntityId,
  name: Label(120),
  role: Role,
  /** A bureau user sees and acts only on what concerns this country. */
  scope: CountryCode.optional(),
});
export type Officer = Readonly<z.infer<typeof Officer>>;

/** Who did something: an officer, or the hub itself (`SYSTEM_ACTOR`) for automatic escalations. */
export const Actor = z.object({ id: EntityId, name: Label(120) });
export type Actor = Readonly<z.infer<typeof Actor>>;
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Hub (automatic)' };

export const ALERT_STATUSES = ['new', 'acknowledged', 'escalated', 'confirmation-pending', 'resolved'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const OUTCOMES = ['confirmed', 'false-positive', 'no-action', 'handed-over'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** 1 shift lead, 2 record-owner bureau liaison, 3 operation commander. */
export const EscalationLevel = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'expected escalation level 1, 2 or 3',
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const NOTE_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 500;
