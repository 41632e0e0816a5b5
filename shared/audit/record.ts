import { z } from 'zod';
import { WireReason } from '../protocol/refusals';

/**
 * The audit trail's records as the hub stores them and every reader (the console, a checker of an exported
 * trail) reads them: who did what, when, from where, about which hit, with the act's own details, chained
 * to the record before by hashes. Details are loose objects: a reader keeps fields it does not know, so a
 * record written by a newer hub still hashes as it was written.
 */
export const AUDIT_ACTS = [
  'signed-in',
  'sign-in-failed',
  'signed-out',
  'details-revealed',
  'exported',
  'refused',
  'admin-changed',
  'officer-changed',
  'ingest-key-changed',
  'retention-run',
] as const;
export const AuditAct = z.enum(AUDIT_ACTS);
export type AuditAct = z.infer<typeof AuditAct>;

/** SHA-256 in lower-case hex. */
export const AuditHashText = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

/** Who acted, as the directory named them at the time; absent for the hub's own acts (file reloads, retention). */
export const AuditOfficer = z.object({ id: z.string().min(1), name: z.string() });
export type AuditOfficer = z.infer<typeof AuditOfficer>;

const Count = z.number().int().min(0);
const Change = z.enum(['added', 'updated', 'removed']);

export const SignedInDetails = z.looseObject({ role: z.string() });
/** The username tried, never the password. */
export const SignInFailedDetails = z.looseObject({ username: z.string() });
export const SignedOutDetails = z.looseObject({});
/**
 * `purpose`: an id from the bureau's list. A new record must name one (`DetailsRevealedEntryDetails`);
 * records written before purposes were asked have none and still read and verify.
 */
export const DetailsRevealedDetails = z.looseObject({ reason: z.string(), purpose: z.string().optional() });
export const DetailsRevealedEntryDetails = DetailsRevealedDetails.extend({ purpose: z.string().min(1) });
export const ExportedDetails = z.looseObject({
  what: z.string(),
  format: z.string(),
  range: z.object({ from: z.number(), to: z.number() }).optional(),
  operationId: z.string().optional(),
});
/** `reason` and `params` as the refusal carried them (`refusals.ts`); absent from records made before reason codes. */
export const RefusedDetails = z.looseObject({
  command: z.string(),
  code: z.string(),
  reason: WireReason.reason.optional(),
  params: WireReason.params.optional(),
  message: z.string(),
});
/**
 * `target`: `operation`, `checkpoint` (`eventSeq`: the event in the log that carries the change) or
 * `sessions` (an officer's sessions revoked: `id` is the officer's, `revoked` how many were live).
 */
export const AdminChangedDetails = z.looseObject({ target: z.string(), id: z.string(), eventSeq: z.number().int().positive().optional(), revoked: Count.optional() });
/** `fields`: which of the officer's settings changed (a password change says `password`, never the value). */
export const OfficerChangedDetails = z.looseObject({
  change: Change,
  officerId: z.string(),
  username: z.string().optional(),
  role: z.string().optional(),
  scope: z.string().optional(),
  disabled: z.boolean().optional(),
  fields: z.array(z.string()).optional(),
});
/** `fields`: which of the key's settings changed (`keyHash` for a new key under the same id). */
export const IngestKeyChangedDetails = z.looseObject({
  change: Change,
  keyId: z.string(),
  name: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
/** `purged`: rows removed per kind of data (`events`, `subjects`…); `cutoffs`: per kind, data older than this (ms) was due. */
export const RetentionRunDetails = z.looseObject({ purged: z.record(z.string(), Count), cutoffs: z.record(z.string(), z.number()).optional() });

/** What a caller asks the trail to hold: everything but the chain. */
const ENTRY_FIELDS = {
  /** Epoch milliseconds. */
  at: z.number().int().min(0),
  officer: AuditOfficer.optional(),
  /** The address the request came from, where the act came over HTTP. */
  source: z.string().optional(),
  hitId: z.string().optional(),
};

/** The chain: `seq` runs 1, 2, 3… without gaps; `prevHash` is the hash of record `seq - 1` (genesis for 1). */
const CHAIN_FIELDS = {
  seq: z.number().int().positive(),
  prevHash: AuditHashText,
  hash: AuditHashText,
};

/** `entryDetails`: what a new record must hold, where that is stricter than what older records hold. */
function act<A extends AuditAct, D extends z.ZodType, E extends z.ZodType = D>(name: A, details: D, entryDetails?: E) {
  const entry = z.object({ ...ENTRY_FIELDS, act: z.literal(name), details: (entryDetails ?? details) as E });
  return { entry, record: z.object({ ...ENTRY_FIELDS, act: z.literal(name), details, ...CHAIN_FIELDS }) };
}

const signedIn = act('signed-in', SignedInDetails);
const signInFailed = act('sign-in-failed', SignInFailedDetails);
const signedOut = act('signed-out', SignedOutDetails);
const detailsRevealed = act('details-revealed', DetailsRevealedDetails, DetailsRevealedEntryDetails);
const exported = act('exported', ExportedDetails);
const refused = act('refused', RefusedDetails);
const adminChanged = act('admin-changed', AdminChangedDetails);
const officerChanged = act('officer-changed', OfficerChangedDetails);
const ingestKeyChanged = act('ingest-key-changed', IngestKeyChangedDetails);
const retentionRun = act('retention-run', RetentionRunDetails);

export const AuditEntry = z.discriminatedUnion('act', [
  signedIn.entry,
  signInFailed.entry,
  signedOut.entry,
  detailsRevealed.entry,
  exported.entry,
  refused.entry,
  adminChanged.entry,
  officerChanged.entry,
  ingestKeyChanged.entry,
  retentionRun.entry,
]);
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditRecord = z.discriminatedUnion('act', [
  signedIn.record,
  signInFailed.record,
  signedOut.record,
  detailsRevealed.record,
  exported.record,
  refused.record,
  adminChanged.record,
  officerChanged.record,
  ingestKeyChanged.record,
  retentionRun.record,
]);
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The record whose hash is taken: all of it but the hash itself. */
export type UnsealedAuditRecord = Omit<AuditRecord, 'hash'>;

/** A filter over the trail, read a page at a time in seq order. Times are epoch ms, `to` exclusive. */
export const AuditTrailQuery = z.object({
  officerId: z.string().min(1).max(200).optional(),
  hitId: z.string().min(1).max(200).optional(),
  act: AuditAct.optional(),
  purpose: z.string().min(1).max(200).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  afterSeq: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type AuditTrailQuery = z.input<typeof AuditTrailQuery>;

export interface AuditTrailPage {
  readonly records: readonly AuditRecord[];
  /** `afterSeq` for the next page; absent on the last page. */
  readonly next?: number;
}
