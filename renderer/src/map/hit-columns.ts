import {
  ALERT_STATUSES,
  SEVERITIES,
  SOURCES,
  type Alert,
  type AlertStatus,
  type CheckpointKind,
  type CountryCode,
  type EntityId,
} from '@watchfloor/shared';
import { createCountrySlots, HIDDEN_KEY, kindKey, severityOfKey, severityStatusKey, sourceKey, type CountrySlots } from './categories';
import { hitFill, hitLine, hitLineWidth, SEVERITY_RADIUS } from './palette';
import { grownArray, zeroedArray } from './grown-array';
import { createRowIndex, type EncodedIds } from './row-index';

/**
 * The map's store of hits: one row per hit in preallocated typed arrays (columns), never one JS object per
 * hit. The columns are laid out exactly as the GPU reads them, so a new hit is written once here and its
 * bytes are uploaded as they are. Capacity doubles when full (amortised O(1) per row); every other change
 * touches only the rows it concerns: `append` writes new rows, `setStatus` rewrites one row.
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
  /** Appends the alerts whose hits are new and updates the status of those already held. Returns rows added. */
  append(alerts: readonly Alert[]): number;
  /**
   * Appends alerts the caller knows are not held (a live batch's alerts the store has just raised), without
   * looking their ids up among the rows held: the cost of a live batch grows with the batch, not with what
   * is held (see RowIndex). Returns rows added.
   */
  appendNew(alerts: readonly Alert[]): number;
  /**
   * Appends the alerts the store has just raised, from `encoded` (the data plane's encoding of the batch's
   * new hits) when it holds exactly these hits: the UI thread then copies rows and ids instead of reading
   * every alert. It holds exactly these when it has as many rows, because the store raises the batch's hits
   * in their order, leaving out only those it already held. Otherwise, or without `encoded`, as `appendNew`.
   * Returns rows added.
   */
  appendRaised(alerts: readonly Alert[], encoded: NewHitsBlock | undefined): number;
  /**
   * The same as `append` for hits given column by column (the cache's chunks), without an object per hit.
   * Rows whose id is already held update that row's status.
   */
  appendColumns(block: HitColumnBlock): number;
  /**
   * Hits from the cache at start-up, which holds each once: with nothing held yet, rows are added without
   * looking their ids up, so the first draw does not wait for the id index. The index is built by
   * `indexPending` or, at the latest, by the next lookup or append. Returns rows added.
   */
  appendNewColumns(block: HitColumnBlock): number;
  /** Indexes up to `maxRows` ids of rows added by `appendNewColumns`; returns how many still wait. */
  indexPending(maxRows: number): number;
  /** Rewrites the one row of `alertId`. False when the alert is not held. */
  setStatus(alertId: string, status: AlertStatus): boolean;
  rowOf(alertId: string): number | undefined;
  alertIdAt(row: number): EntityId | undefined;
  checkpointIdAt(row: number): EntityId | undefined;
  /** Rows rewritten in place since the last call, each once. The map (the one consumer) uploads them. */
  takeRewrittenRows(): readonly number[];
}

/**
 * Hits column by column, as the cache stores them and the data plane encodes a live batch's new hits:
 * category columns are indices into SEVERITIES, ALERT_STATUSES and SOURCES, checkpoints and countries are
 * dictionary encoded. Arrays hold `count` rows. Only typed arrays and two short lists, so a block crosses
 * from the worker to the UI thread by transfer, and is written into the columns without an object per hit.
 */
export interface HitRows {
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
}

/** A cache chunk's hits. */
export interface HitColumnBlock extends HitRows {
  /** The hits' ids joined with '\n' (ids cannot contain one), as the cache stores them: never split. */
  readonly ids: string;
}

/**
 * A live batch's new hits as the data-plane worker encodes them (see new-hits.ts): their ids already as
 * characters and hashes, so the UI thread copies them instead of reading and hashing strings.
 */
export interface NewHitsBlock extends HitRows {
  readonly ids: EncodedIds;
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

export function createHitColumns(options: HitColumnsOptions): HitColumns {
  const { originMs, kindOf = () => undefined } = options;
  let capacity = Math.max(1, options.initialCapacity ?? DEFAULT_CAPACITY);
  let length = 0;
  let generation = 0;
  let latestCriticalMs = Number.NEGATIVE_INFINITY;

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
  // Word views of the four-byte columns, for one store per row (see wordOf).
  let categoryWords = new Uint32Array(categories.buffer);
  let fillWords = new Uint32Array(fillColors.buffer);
  let lineWords = new Uint32Array(lineColors.buffer);

  const rows = createRowIndex({ expectedRows: capacity, onDuplicate: hideRow });
  /** True while every row came through `appendNewColumns`, which is for the cache's hits at start-up only. */
  let onlyCached = true;
  /** Each batch's rows, from `rows.claimAll`; reused so an append allocates nothing per hit. */
  let claimed = new Int32Array(0);
  const checkpointIds: EntityId[] = [];
  const checkpointRef = new Map<EntityId, number>();
  const checkpointKinds: number[] = [];
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
      checkpointRef.set(checkpointId, ref);
    }
    return ref;
  }

  /** A second row for one id (a damaged cache): the first row is the alert's; this one is never drawn. */
  function hideRow(row: number): void {
    categories[row * 4] = HIDDEN_KEY;
    rewritten.add(row);
  }

  function setStatus(alertId: string, status: AlertStatus): boolean {
    const row = rows.find(alertId);
    if (row < 0) return false;
    setStatusAt(row, status);
    return true;
  }

  function setStatusAt(row: number, status: AlertStatus): void {
    if (restyle(row, status)) rewritten.add(row);
  }

  /** Gives the row the look and category of `status`; false when it had them already, or is hidden. */
  function restyle(row: number, status: AlertStatus): boolean {
    const current = categories[row * 4]!;
    if (current === HIDDEN_KEY) return false;
    const key = severityStatusKey(severityOfKey(current), status);
    if (key === current) return false;
    categories[row * 4] = key;
    writeStyle(row, key);
    return true;
  }

  /** Room for the rows of a batch of `count` (see RowIndex.claimAll); rows from `length` up are new. */
  function claimRows(count: number): Int32Array {
    if (claimed.length < count) claimed = new Int32Array(Math.max(count, claimed.length * 2));
    return claimed;
  }

  function appendNew(alerts: readonly Alert[]): number {
    const placed = claimRows(alerts.length);
    ensureCapacity(length + alerts.length);
    rows.addNew(alerts.map((alert) => alert.id), placed);
    return writeAlerts(alerts, placed);
  }

  function appendColumns(block: HitColumnBlock): number {
    onlyCached = false;
    ensureCapacity(length + block.count);
    const placed = claimRows(block.count);
    rows.claimJoined(block.ids, block.count, placed);
    writeBlock(block, placed);
    return taken();
  }

  function appendNewColumns(block: HitColumnBlock): number {
    if (!onlyCached) return appendColumns(block);
    ensureCapacity(length + block.count);
    rows.addUnindexed(block.ids, block.count);
    writeBlock(block, rowsFrom(length, block.count));
    return taken();
  }

  function appendNewBlock(block: NewHitsBlock): number {
    onlyCached = false;
    ensureCapacity(length + block.count);
    // Rows first: an id the batch gives twice is found by the index, which hides its second row.
    writeBlock(block, rowsFrom(length, block.count));
    rows.addNewEncoded(block.ids);
    return taken();
  }

  /** `count` new rows from `first` up, in the claim array. */
  function rowsFrom(first: number, count: number): Int32Array {
    const placed = claimRows(count);
    for (let i = 0; i < count; i++) placed[i] = first + i;
    return placed;
  }

  /** Takes the rows the index has added into `length`; returns how many that is. */
  function taken(): number {
    const added = rows.size - length;
    length = rows.size;
    return added;
  }

  /** Writes the block's rows where `placed` says: new rows from `length` up, status updates below. */
  function writeBlock(block: HitRows, placed: Int32Array): void {
    const before = length;
    // Dictionaries are resolved once per block, not once per row.
    const refs = block.checkpoints.map(refOf);
    const slots = block.countries.map((country) => countrySlots.slotOf(country));
    const { positions: blockPositions, atMs: blockAt, severities, statuses, sources, checkpointRefs: blockRefs, countryRefs } = block;
    for (let i = 0; i < block.count; i++) {
      const row = placed[i]!;
      if (row < before) {
        setStatusAt(row, ALERT_STATUSES[statuses[i]!]!);
        continue;
      }
      positions[row * 2] = blockPositions[i * 2]!;
      positions[row * 2 + 1] = blockPositions[i * 2 + 1]!;
      const at = blockAt[i]!;
      times[row] = (at - originMs) / 1000;
      atMs[row] = at;
      const ref = refs[blockRefs[i]!]!;
      checkpointRefs[row] = ref;
      const severity = severities[i]!;
      const key = KEY_OF_SEVERITY_STATUS[severity]![statuses[i]!]!;
      writeStyle(row, key);
      categoryWords[row] = wordOf(key, KEY_OF_SOURCE[sources[i]!]!, checkpointKinds[ref]!, slots[countryRefs[i]!]!);
      if (severity === CRITICAL && at > latestCriticalMs) latestCriticalMs = at;
    }
  }

  /** Writes the alerts' rows where `placed` says: new rows from `length` up, status updates below. */
  function writeAlerts(alerts: readonly Alert[], placed: Int32Array): number {
    onlyCached = false;
    const before = length;
    for (let i = 0; i < alerts.length; i++) {
      const alert = alerts[i]!;
      const row = placed[i]!;
      if (row < before) {
        setStatusAt(row, alert.status);
        continue;
      }
      const hit = alert.hit;
      positions[row * 2] = hit.lon;
      positions[row * 2 + 1] = hit.lat;
      times[row] = (hit.at - originMs) / 1000;
      atMs[row] = hit.at;
      const ref = refOf(hit.checkpointId);
      checkpointRefs[row] = ref;
      const key = severityStatusKey(hit.severity, alert.status);
      writeStyle(row, key);
      categoryWords[row] = wordOf(key, sourceKey(hit.source), checkpointKinds[ref]!, countrySlots.slotOf(hit.country));
      if (hit.severity === 'critical' && hit.at > latestCriticalMs) latestCriticalMs = hit.at;
    }
    length = rows.size;
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
    append(alerts) {
      const placed = claimRows(alerts.length);
      ensureCapacity(length + alerts.length);
      rows.claimAll(alerts.map((alert) => alert.id), placed);
      return writeAlerts(alerts, placed);
    },
    appendNew,
    appendRaised(alerts, encoded) {
      if (encoded === undefined || encoded.count !== alerts.length) return appendNew(alerts);
      const first = length;
      const added = appendNewBlock(encoded);
      // The block has every hit as raised ('new'); an alert acknowledged in the same batch is not any more.
      // Its row is new, so nothing of it is on the GPU yet to be rewritten.
      for (let i = 0; i < alerts.length; i++) {
        const status = alerts[i]!.status;
        if (status !== 'new') restyle(first + i, status);
      }
      return added;
    },
    appendColumns,
    appendNewColumns,
    indexPending: (maxRows) => rows.indexPending(maxRows),
    setStatus,
    rowOf: (alertId) => {
      const row = rows.find(alertId);
      return row < 0 ? undefined : row;
    },
    alertIdAt: (row) => (row >= 0 && row < length ? rows.idAt(row) : undefined),
    checkpointIdAt: (row) => (row >= 0 && row < length ? checkpointIds[checkpointRefs[row]!] : undefined),
    takeRewrittenRows() {
      if (rewritten.size === 0) return [];
      const taken = [...rewritten];
      rewritten = new Set();
      return taken;
    },
  };
}
