import { ALERT_STATUSES, type Alert, type AlertStatus } from '@watchfloor/shared';
import type { HitColumns } from '../map/hit-columns';
import { Dictionary, writeHitRow } from '../map/hit-rows';
import type { HitChunkRow } from './database';

/**
 * Hit positions for the map, stored column by column in chunks of up to HIT_CHUNK_ROWS hits. The newest
 * chunk is open: each batch rewrites it with its new rows (bounded work per batch); a full chunk is never
 * rewritten except to patch one status byte when an alert changes.
 */
export const HIT_CHUNK_ROWS = 2048;

const statusIndex = new Map(ALERT_STATUSES.map((value, index) => [value, index]));

export function statusKey(status: AlertStatus): number {
  return statusIndex.get(status)!;
}

export function emptyChunk(id: number): HitChunkRow {
  return {
    id,
    count: 0,
    firstAt: 0,
    lastAt: 0,
    ids: '',
    positions: new Float32Array(0),
    atMs: new Float64Array(0),
    severities: new Uint8Array(0),
    statuses: new Uint8Array(0),
    sources: new Uint8Array(0),
    checkpointRefs: new Uint16Array(0),
    checkpoints: [],
    countryRefs: new Uint8Array(0),
    countries: [],
  };
}

function grown<T extends Float32Array | Float64Array | Uint8Array | Uint16Array>(column: T, length: number): T {
  const next = new (column.constructor as new (length: number) => T)(length);
  next.set(column);
  return next;
}

/** A copy of `chunk` with `alerts` appended as rows; the caller keeps `count + alerts.length <= HIT_CHUNK_ROWS`. */
export function appendToChunk(chunk: HitChunkRow, alerts: readonly Alert[]): HitChunkRow {
  const start = chunk.count;
  const count = start + alerts.length;
  const positions = grown(chunk.positions, count * 2);
  const atMs = grown(chunk.atMs, count);
  const severities = grown(chunk.severities, count);
  const statuses = grown(chunk.statuses, count);
  const sources = grown(chunk.sources, count);
  const checkpointRefs = grown(chunk.checkpointRefs, count);
  const countryRefs = grown(chunk.countryRefs, count);
  const rows = { positions, atMs, severities, sources, checkpointRefs, countryRefs };
  const checkpoints = new Dictionary(chunk.checkpoints);
  const countries = new Dictionary(chunk.countries);
  let firstAt = start === 0 ? Number.POSITIVE_INFINITY : chunk.firstAt;
  let lastAt = start === 0 ? 0 : chunk.lastAt;
  alerts.forEach((alert, offset) => {
    const row = start + offset;
    const hit = alert.hit;
    writeHitRow(rows, row, hit, checkpoints, countries);
    statuses[row] = statusKey(alert.status);
    firstAt = Math.min(firstAt, hit.at);
    lastAt = Math.max(lastAt, hit.at);
  });
  const newIds = alerts.map((alert) => alert.id).join('\n');
  return {
    id: chunk.id,
    count,
    firstAt: count === 0 ? 0 : firstAt,
    lastAt,
    ids: start === 0 ? newIds : alerts.length === 0 ? chunk.ids : `${chunk.ids}\n${newIds}`,
    positions,
    atMs,
    severities,
    statuses,
    sources,
    checkpointRefs,
    checkpoints: checkpoints.values,
    countryRefs,
    countries: countries.values,
  };
}

/** A copy of `chunk` whose status bytes are rewritten where `changes` (row -> status) says. */
export function withStatuses(chunk: HitChunkRow, changes: ReadonlyMap<number, AlertStatus>): HitChunkRow {
  const statuses = chunk.statuses.slice();
  for (const [row, status] of changes) statuses[row] = statusKey(status);
  return { ...chunk, statuses };
}

/**
 * Puts every cached hit in the map's new columns, in chunk order, each chunk as one block of columns: a
 * chunk row is a `HitColumnBlock` as stored, so nothing is allocated per hit but its id. Returns rows added.
 */
export function appendChunksTo(columns: HitColumns, chunks: readonly HitChunkRow[]): number {
  let added = 0;
  for (const chunk of chunks) {
    if (chunk.count === 0) continue;
    added += columns.appendColumns(chunk);
  }
  return added;
}
