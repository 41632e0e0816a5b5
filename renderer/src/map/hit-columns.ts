import {
  ALERT_STATUSES,
  IdMap,
  SEVERITIES,
  SOURCES,
  type Alert,
  type AlertStatus,
  type CheckpointKind,
  type CountryCode,
  type EntityId,
  type Severity,
} from '@watchfloor/shared';
import { createCountrySlots, HIDDEN_KEY, kindKey, severityStatusKey, sourceKey, statusOfKey, type CountrySlots } from './categories';
import { hitFill, hitLine, hitLineWidth, SEVERITY_RADIUS } from './palette';
import { grownArray, zeroedArray } from './grown-array';

/**
 * The map's store of hits: one row per hit in preallocated typed arrays (columns), never one JS object per
 * hit. The columns are laid out exactly as the GPU reads them, so a new hit is written once here and its
 * bytes are uploaded as they are. Capacity doubles when full (amortised O(1) per row); every other change
 * touches only the rows it concerns: `append` writes new rows, `setStatus` rewrites one row. Which row holds
 * an alert is a plain `Map` from id to row, with the ids in row order for the way back (a click, a tooltip).
 *
 * Times are seconds since `originMs` (the operation start) in float32: exact to well under a second for
 * the first 190 days, where epoch milliseconds in float32 would be off by minutes.
 */
export interface HitColumns {
  readonly originMs: number;
  /** Rows in use. */
  readonly length: number;
  /** Rows allocated; grows by doubling. */
  readonly capacity: number;
  /** Changes whenever the columns are reallocated (growth): holders of the arrays must fetch them again. */
  readonly generation: number;
  /** lon, lat per row. */
  readonly positions: Float32Array;
  /** Seconds since `originMs`. */
  readonly times: Float32Array;
  /** Four filter category channels per row; see categories.ts. */
  readonly categories: Uint8Array;
  readonly fillColors: Uint8Array;
  readonly lineColors: Uint8Array;
  /** Pixels. */
  readonly radii: Float32Array;
  /** Pixels. */
  readonly lineWidths: Float32Array;
  /** Exact hit time, for people (tooltips); the GPU never sees it. */
  readonly atMs: Float64Array;
  readonly countrySlots: CountrySlots;
  /** When the newest critical hit happened (epoch ms), or -Infinity; the map pulses while it is recent. */
  readonly latestCriticalMs: number;
  /** When the earliest hit held happened (epoch ms), or Infinity: a window from it shows every hit. */
  readonly earliestMs: number;
  /**
   * Appends the alerts whose hits are new, each as a new row, and gives the rows of those already held the
   * alert's status. An id given twice keeps one row. Returns rows added.
   */
  append(alerts: readonly Alert[]): number;
  /** The same for hits given column by column (the cache's chunks), without an object per hit. */
  appendColumns(block: HitColumnBlock): number;
  /**
   * Gives the row of `alertId` the look and category of `status`, or hides it (undefined: the alert is not
   * in the picture shown). False when the alert has no row.
   */
  setStatus(alertId: string, status: AlertStatus | undefined): boolean;
  rowOf(alertId: string): number | undefined;
  alertIdAt(row: number): EntityId | undefined;
  checkpointIdAt(row: number): EntityId | undefined;
  /** Open alerts (in the picture shown, not resolved) whose hits were screened at this checkpoint. */
  openAt(checkpointId: EntityId): number;
  /** The rows of this checkpoint's hits, in the order they were added. */
  rowsAt(checkpointId: EntityId): readonly number[];
  /** Rows rewritten in place since the last call, each once. The map (the one consumer) uploads them. */
  takeRewrittenRows(): readonly number[];
}

/**
 * Hits column by column, as the cache stores them: category columns are indices into SEVERITIES,
 * ALERT_STATUSES and SOURCES, checkpoints and countries are dictionary encoded. Arrays hold `count` rows.
 * Written into the columns without an object per hit.
 */
export interface HitColumnBlock {
  readonly count: number;
  /** lon, lat per row. */
  readonly positions: Float32Array;
  readonly atMs: Float64Array;
  readonly severities: Uint8Array;
  readonly statuses: Uint8Array;
  readonly sources: Uint8Array;
  readonly checkpointRefs: Uint16Array;
  readonly checkpoints: readonly EntityId[];
  readonly countryRefs: Uint8Array;
  readonly countries: readonly CountryCode[];
  /** The hits' ids joined with '\n' (ids cannot contain one), as the cache stores them. */
  readonly ids: string;
}

export interface HitColumnsOptions {
  readonly originMs: number;
  readonly initialCapacity?: number;
  /** The kind of a checkpoint, so hits can be filtered by it on the GPU. Unknown checkpoints get their own slot. */
  readonly kindOf?: (checkpointId: EntityId) => CheckpointKind | undefined;
}

export const DEFAULT_CAPACITY = 16_384;

/**
 * Four bytes as the one 32-bit word they make in memory, in this machine's byte order: a row's colour or
 * categories are written with one store instead of four (the GPU reads the same bytes either way).
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function wordOf(b0: number, b1: number, b2: number, b3: number): number {
  return (LITTLE_ENDIAN ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24) : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}
const rgbaWord = (rgba: readonly [number, number, number, number]) => wordOf(...rgba);

/** Per severity-status key, the row's look: computed once, copied per row. */
const STYLE_BY_KEY = SEVERITIES.flatMap((severity) =>
  ALERT_STATUSES.map((status) => ({
    fill: rgbaWord(hitFill(severity, status)),
    line: rgbaWord(hitLine(severity, status)),
    radius: SEVERITY_RADIUS[severity],
    lineWidth: hitLineWidth(severity, status),
  })),
);

/** Block columns' indices to our category keys, so a bulk append does no string lookups per row. */
const KEY_OF_SEVERITY_STATUS = SEVERITIES.map((severity) => ALERT_STATUSES.map((status) => severityStatusKey(severity, status)));
const KEY_OF_SOURCE = SOURCES.map(sourceKey);
const CRITICAL = SEVERITIES.indexOf('critical');
const SEVERITY_INDEX = Object.fromEntries(SEVERITIES.map((severity, index) => [severity, index])) as Record<Severity, number>;
/** 1 for a channel-0 key of an open alert shown, else 0: a row's share of its checkpoint's open count. */
const OPEN_BY_KEY = Uint8Array.from({ length: 32 }, (_, key) => (key !== HIDDEN_KEY && key < SEVERITIES.length * ALERT_STATUSES.length && statusOfKey(key) !== 'resolved' ? 1 : 0));

export function createHitColumns(options: HitColumnsOptions): HitColumns {
  const { originMs, kindOf = () => undefined } = options;
  let capacity = Math.max(1, options.initialCapacity ?? DEFAULT_CAPACITY);
  let length = 0;
  let generation = 0;
  let latestCriticalMs = Number.NEGATIVE_INFINITY;
  let earliestMs = Number.POSITIVE_INFINITY;

  // Written with zeros now (zeroedArray), as growth does: the rows to come do not each pay a page fault.
  let positions = zeroedArray(Float32Array, capacity * 2);
  let times = zeroedArray(Float32Array, capacity);
  let categories = zeroedArray(Uint8Array, capacity * 4);
  let fillColors = zeroedArray(Uint8Array, capacity * 4);
  let lineColors = zeroedArray(Uint8Array, capacity * 4);
  let radii = zeroedArray(Float32Array, capacity);
  let lineWidths = zeroedArray(Float32Array, capacity);
  let atMs = zeroedArray(Float64Array, capacity);
  let checkpointRefs = zeroedArray(Uint32Array, capacity);
  /** Index into SEVERITIES per row: a hidden row's category no longer says it, and showing it again needs it. */
  let severities = zeroedArray(Uint8Array, capacity);
  // Word views of the four-byte columns, for one store per row (see wordOf).
  let categoryWords = new Uint32Array(categories.buffer);
  let fillWords = new Uint32Array(fillColors.buffer);
  let lineWords = new Uint32Array(lineColors.buffer);

  const rowOfId = new IdMap<number>();
  const ids: string[] = [];
  const checkpointIds: EntityId[] = [];
  const checkpointRef = new Map<EntityId, number>();
  const checkpointKinds: number[] = [];
  /** Per checkpoint ref: its open count and its rows. */
  const openByRef: number[] = [];
  const rowsByRef: number[][] = [];
  const countrySlots = createCountrySlots();
  let rewritten = new Set<number>();

  function grow<T extends Float32Array | Float64Array | Uint8Array | Uint32Array>(column: T, perRow: number, rows: number): T {
    return grownArray(column, rows * perRow, length * perRow);
  }

  function ensureCapacity(needed: number): void {
    if (needed <= capacity) return;
    let next = capacity;
    while (next < needed) next *= 2;
    positions = grow(positions, 2, next);
    times = grow(times, 1, next);
    categories = grow(categories, 4, next);
    fillColors = grow(fillColors, 4, next);
    lineColors = grow(lineColors, 4, next);
    radii = grow(radii, 1, next);
    lineWidths = grow(lineWidths, 1, next);
    atMs = grow(atMs, 1, next);
    checkpointRefs = grow(checkpointRefs, 1, next);
    severities = grow(severities, 1, next);
    categoryWords = new Uint32Array(categories.buffer);
    fillWords = new Uint32Array(fillColors.buffer);
    lineWords = new Uint32Array(lineColors.buffer);
    capacity = next;
    generation += 1;
  }

  /** The row's look for its severity-status key; its categories are written by the caller. */
  function writeStyle(row: number, key: number): void {
    const style = STYLE_BY_KEY[key]!;
    fillWords[row] = style.fill;
    lineWords[row] = style.line;
    radii[row] = style.radius;
    lineWidths[row] = style.lineWidth;
  }

  /** The checkpoint's index in `checkpointIds`; its kind is looked up once per checkpoint, not per hit. */
  function refOf(checkpointId: EntityId): number {
    let ref = checkpointRef.get(checkpointId);
    if (ref === undefined) {
      ref = checkpointIds.length;
      checkpointIds.push(checkpointId);
      checkpointKinds.push(kindKey(kindOf(checkpointId)));
      openByRef.push(0);
      rowsByRef.push([]);
      checkpointRef.set(checkpointId, ref);
    }
    return ref;
  }

  /** Counts a row just written towards its checkpoint. */
  function tally(row: number, ref: number, key: number): void {
    openByRef[ref]! += OPEN_BY_KEY[key]!;
    rowsByRef[ref]!.push(row);
  }

  /** Takes back the count of a row written earlier in the same call, which is about to be written again. */
  function untally(row: number): void {
    const ref = checkpointRefs[row]!;
    openByRef[ref]! -= OPEN_BY_KEY[categories[row * 4]!]!;
    const rows = rowsByRef[ref]!;
    rows.splice(rows.lastIndexOf(row), 1);
  }

  /** Gives the row the look and category of `status`, or hides it; marks it for upload when that changed it. */
  function restyle(row: number, status: AlertStatus | undefined): void {
    const current = categories[row * 4]!;
    const key = status === undefined ? HIDDEN_KEY : severityStatusKey(SEVERITIES[severities[row]!]!, status);
    if (key === current) return;
    openByRef[checkpointRefs[row]!]! += OPEN_BY_KEY[key]! - OPEN_BY_KEY[current]!;
    categories[row * 4] = key;
    if (key !== HIDDEN_KEY) writeStyle(row, key);
    rewritten.add(row);
  }

  /**
   * The row of `id`: the one it has, or a new one at `length`. Rows from the caller's `before` up are the
   * call's own new rows, which it writes whole (an id twice in one call is written twice, the later wins).
   */
  function claim(id: string): number {
    const held = rowOfId.get(id);
    if (held !== undefined) return held;
    rowOfId.set(id, length);
    ids.push(id);
    return length++;
  }

  function append(alerts: readonly Alert[]): number {
    const before = length;
    ensureCapacity(length + alerts.length);
    for (const alert of alerts) {
      const fresh = length;
      const row = claim(alert.id);
      if (row < before) {
        restyle(row, alert.status);
        continue;
      }
      // Not the fresh row: the id came earlier in this call, whose tally it replaces.
      if (row !== fresh) untally(row);
      const hit = alert.hit;
      positions[row * 2] = hit.lon;
      positions[row * 2 + 1] = hit.lat;
      times[row] = (hit.at - originMs) / 1000;
      atMs[row] = hit.at;
      const ref = refOf(hit.checkpointId);
      checkpointRefs[row] = ref;
      severities[row] = SEVERITY_INDEX[hit.severity];
      const key = severityStatusKey(hit.severity, alert.status);
      writeStyle(row, key);
      tally(row, ref, key);
      categoryWords[row] = wordOf(key, sourceKey(hit.source), checkpointKinds[ref]!, countrySlots.slotOf(hit.country));
      if (hit.severity === 'critical' && hit.at > latestCriticalMs) latestCriticalMs = hit.at;
      if (hit.at < earliestMs) earliestMs = hit.at;
    }
    return length - before;
  }

  function appendColumns(block: HitColumnBlock): number {
    const blockIds = block.ids.split('\n');
    if (blockIds.length !== block.count) throw new RangeError(`a block of ${block.count} hits came with ${blockIds.length} ids`);
    const before = length;
    ensureCapacity(length + block.count);
    // Dictionaries are resolved once per block, not once per row.
    const refs = block.checkpoints.map(refOf);
    const slots = block.countries.map((country) => countrySlots.slotOf(country));
    const { positions: blockPositions, atMs: blockAt, severities: blockSeverities, statuses, sources, checkpointRefs: blockRefs, countryRefs } = block;
    for (let i = 0; i < block.count; i++) {
      const fresh = length;
      const row = claim(blockIds[i]!);
      if (row < before) {
        restyle(row, ALERT_STATUSES[statuses[i]!]!);
        continue;
      }
      if (row !== fresh) untally(row);
      positions[row * 2] = blockPositions[i * 2]!;
      positions[row * 2 + 1] = blockPositions[i * 2 + 1]!;
      const at = blockAt[i]!;
      times[row] = (at - originMs) / 1000;
      atMs[row] = at;
      const ref = refs[blockRefs[i]!]!;
      checkpointRefs[row] = ref;
      const severity = blockSeverities[i]!;
      severities[row] = severity;
      const key = KEY_OF_SEVERITY_STATUS[severity]![statuses[i]!]!;
      writeStyle(row, key);
      tally(row, ref, key);
      categoryWords[row] = wordOf(key, KEY_OF_SOURCE[sources[i]!]!, checkpointKinds[ref]!, slots[countryRefs[i]!]!);
      if (severity === CRITICAL && at > latestCriticalMs) latestCriticalMs = at;
      if (at < earliestMs) earliestMs = at;
    }
    return length - before;
  }

  return {
    originMs,
    countrySlots,
    get length() {
      return length;
    },
    get capacity() {
      return capacity;
    },
    get generation() {
      return generation;
    },
    get positions() {
      return positions;
    },
    get times() {
      return times;
    },
    get categories() {
      return categories;
    },
    get fillColors() {
      return fillColors;
    },
    get lineColors() {
      return lineColors;
    },
    get radii() {
      return radii;
    },
    get lineWidths() {
      return lineWidths;
    },
    get atMs() {
      return atMs;
    },
    get latestCriticalMs() {
      return latestCriticalMs;
    },
    get earliestMs() {
      return earliestMs;
    },
    append,
    appendColumns,
    setStatus(alertId, status) {
      const row = rowOfId.get(alertId);
      if (row === undefined) return false;
      restyle(row, status);
      return true;
    },
    rowOf: (alertId) => rowOfId.get(alertId),
    alertIdAt: (row) => ids[row],
    checkpointIdAt: (row) => (row >= 0 && row < length ? checkpointIds[checkpointRefs[row]!] : undefined),
    openAt(checkpointId) {
      const ref = checkpointRef.get(checkpointId);
      return ref === undefined ? 0 : openByRef[ref]!;
    },
    rowsAt(checkpointId) {
      const ref = checkpointRef.get(checkpointId);
      return ref === undefined ? [] : rowsByRef[ref]!;
    },
    takeRewrittenRows() {
      if (rewritten.size === 0) return [];
      const taken = [...rewritten];
      rewritten = new Set();
      return taken;
    },
  };
}
