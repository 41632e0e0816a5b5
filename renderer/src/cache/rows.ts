import { z } from 'zod';
import {
  Alert,
  ALERT_STATUSES,
  Checkpoint,
  Command,
  CountryCode,
  EntityId,
  Operation,
  OpsEvent,
  SEVERITIES,
  SOURCES,
} from '@watchfloor/shared';
import { META_KEY, type AlertRow, type EventBlockRow, type HitChunkRow, type MetaRow, type OutboxRow } from './database';

/**
 * Every row read back from IndexedDB is parsed with these before it is trusted: the disk, another version
 * of the app or a bug may have left anything there. A row that fails is corruption (see recovery.ts).
 */
export class CorruptCacheError extends Error {
  constructor(
    readonly store: string,
    detail: string,
  ) {
    super(`cache store ${store}: ${detail}`);
    this.name = 'CorruptCacheError';
  }
}

export const AlertRowSchema = z.object({
  id: EntityId,
  status: z.enum(ALERT_STATUSES),
  updatedAt: z.int().nonnegative(),
  rank: z.number(),
  chunk: z.int().nonnegative(),
  row: z.int().nonnegative(),
  alert: Alert,
});

export const OutboxRowSchema = z.object({
  position: z.int().positive(),
  mutationId: z.string().min(1),
  hubId: z.string().min(1),
  officerId: EntityId,
  command: Command,
  queuedAt: z.int().nonnegative(),
  attempts: z.int().nonnegative(),
  status: z.enum(['queued', 'sent']),
  owner: z.string().min(1).optional(),
});

export const MetaRowSchema = z.object({
  key: z.literal(META_KEY),
  schemaVersion: z.int().positive(),
  hubId: z.string().min(1).optional(),
  officerId: EntityId,
  through: z.int().nonnegative(),
  lastAt: z.int().nonnegative(),
  savedAt: z.int().nonnegative(),
  nextChunk: z.int().nonnegative(),
  retentionMs: z.int().positive().optional(),
  keptThrough: z.int().nonnegative().optional(),
  snapshotSeq: z.int().nonnegative().optional(),
  rights: z.string().max(64).optional(),
});

/**
 * Dictionary entries already found valid. Every chunk repeats the same few hundred checkpoint ids, and a
 * zod check per entry of every chunk was a tenth of a million-hit start; each distinct string is checked
 * once, still by the shared schema.
 */
const validCheckpointIds = new Set<string>();
const validCountries = new Set<string>();

function allValid(values: unknown, schema: z.ZodType, valid: Set<string>): boolean {
  if (!Array.isArray(values)) return false;
  for (const value of values) {
    if (typeof value !== 'string') return false;
    if (valid.has(value)) continue;
    if (!schema.safeParse(value).success) return false;
    valid.add(value);
  }
  return true;
}

function isChunkShaped(value: unknown): value is HitChunkRow {
  if (typeof value !== 'object' || value === null) return false;
  const chunk = value as Record<keyof HitChunkRow, unknown>;
  return (
    Number.isInteger(chunk.id) && (chunk.id as number) >= 0 &&
    Number.isInteger(chunk.count) && (chunk.count as number) >= 0 &&
    typeof chunk.firstAt === 'number' && typeof chunk.lastAt === 'number' &&
    typeof chunk.ids === 'string' &&
    chunk.positions instanceof Float32Array &&
    chunk.atMs instanceof Float64Array &&
    chunk.severities instanceof Uint8Array &&
    chunk.statuses instanceof Uint8Array &&
    chunk.sources instanceof Uint8Array &&
    chunk.checkpointRefs instanceof Uint16Array &&
    chunk.countryRefs instanceof Uint8Array &&
    allValid(chunk.checkpoints, EntityId, validCheckpointIds) &&
    allValid(chunk.countries, CountryCode, validCountries)
  );
}

/**
 * A chunk is checked with plain structural tests and column by column in plain loops (a million values
 * take milliseconds), never by building a zod object per hit, which would cost what the columnar layout
 * saves.
 */
export function parseHitChunk(value: unknown): HitChunkRow {
  if (!isChunkShaped(value)) throw new CorruptCacheError('hitChunks', 'not a hit chunk (fields missing or of the wrong type)');
  const chunk = value;
  const n = chunk.count;
  const fail = (detail: string): never => {
    throw new CorruptCacheError('hitChunks', `chunk ${chunk.id}: ${detail}`);
  };
  if (chunk.positions.length !== n * 2) fail('positions length');
  for (const column of [chunk.atMs, chunk.severities, chunk.statuses, chunk.sources, chunk.checkpointRefs, chunk.countryRefs]) {
    if (column.length !== n) fail('column length');
  }
  if (n > 0 && lineCount(chunk.ids) !== n) fail('id count');
  const { positions, severities, statuses, sources, checkpointRefs, countryRefs, atMs } = chunk;
  for (let row = 0; row < n; row++) {
    const lon = positions[row * 2]!;
    const lat = positions[row * 2 + 1]!;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) fail(`row ${row} position`);
    if (!(atMs[row]! >= 0)) fail(`row ${row} time`);
    if (severities[row]! >= SEVERITIES.length || statuses[row]! >= ALERT_STATUSES.length || sources[row]! >= SOURCES.length) {
      fail(`row ${row} category`);
    }
    if (checkpointRefs[row]! >= chunk.checkpoints.length || countryRefs[row]! >= chunk.countries.length) fail(`row ${row} reference`);
  }
  return chunk;
}

/** Lines in `text`, counted without splitting it (a chunk's ids are split once, by whoever uses them). */
function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

export function parseRow<S extends z.ZodType>(store: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CorruptCacheError(store, result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return result.data;
}

export const parseAlertRow = (value: unknown): AlertRow => parseRow('alerts', AlertRowSchema, value) as AlertRow;
export const parseOutboxRow = (value: unknown): OutboxRow => parseRow('outbox', OutboxRowSchema, value) as OutboxRow;
export const parseMetaRow = (value: unknown): MetaRow => parseRow('meta', MetaRowSchema, value) as MetaRow;
export const parseOperation = (value: unknown): Operation => parseRow('operations', Operation, value);
export const parseCheckpoint = (value: unknown): Checkpoint => parseRow('checkpoints', Checkpoint, value);
const EventBlockSchema = z
  .object({
    lastSeq: z.int().positive(),
    firstSeq: z.int().positive(),
    firstAt: z.number(),
    lastAt: z.number(),
    events: z.array(OpsEvent).min(1),
  })
  .refine(
    (block) =>
      block.events[0]!.seq === block.firstSeq &&
      block.events[block.events.length - 1]!.seq === block.lastSeq &&
      block.events.every((event, index) => index === 0 || event.seq > block.events[index - 1]!.seq),
    { message: 'events out of seq order or not matching the block keys' },
  );

export const parseEventBlock = (value: unknown): EventBlockRow => parseRow('eventBlocks', EventBlockSchema, value) as EventBlockRow;
