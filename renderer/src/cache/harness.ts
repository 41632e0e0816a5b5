import { Dexie, type Table } from 'dexie';
import { mulberry32, SEVERITIES, SOURCES, type Alert, type Hit, type OpsEvent } from '@watchfloor/shared';
import { createHitColumns, type HitColumns } from '../map/hit-columns';
import { createMapController, type MapController } from '../map/map-controller';
import type { CacheBench, IngestTiming, StartTiming } from './bench-api';
import { openLocalCache } from './cache';
import { CacheDatabase, META_KEY, SCHEMA_VERSION, type HitChunkRow } from './database';
import { appendToChunk, emptyChunk, HIT_CHUNK_ROWS } from './hit-chunks';

/**
 * The cache benchmark's page (test/bench/cache-*.bench.ts): real Chromium IndexedDB, driven through
 * `window.cacheBench`. Seeding is not timed; each measured step starts from a freshly loaded page.
 */
const CACHE_NAME = 'bench-cache';
const NAIVE_NAME = 'bench-naive';
const IDENTITY = { officerId: 'off-bench', hubId: 'hub-bench' };
const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);


const COUNTRIES = ['NG', 'BJ', 'TG', 'GH', 'CI', 'SN', 'FR', 'DE', 'US', 'BR'];

function syntheticHit(index: number, random: () => number): Hit {
  return {
    id: `hit-${index}`,
    operationId: 'op-bench',
    checkpointId: `cp-${Math.floor(random() * 400)}`,
    country: COUNTRIES[index % COUNTRIES.length]!,
    at: T0 + index * 50,
    lon: random() * 360 - 180,
    lat: random() * 170 - 85,
    source: SOURCES[index % SOURCES.length]!,
    score: Math.round(random() * 100) / 100,
    severity: SEVERITIES[index % SEVERITIES.length]!,
    recordOwner: 'FR',
    summary: 'Travel document reported stolen, presented at primary control',
    subjectRef: `subj-${index}`,
  };
}

function syntheticAlert(hit: Hit, seq: number): Alert {
  return { id: hit.id, hit, status: 'new', level: 0, raisedAt: hit.at, updatedAt: hit.at, history: [{ type: 'hit.raised', seq, at: hit.at }] };
}

interface NaiveRow {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly at: number;
  readonly checkpointId: string;
  readonly severity: Hit['severity'];
  readonly status: Alert['status'];
  readonly source: Hit['source'];
  readonly country: string;
}

/** The baseline: one object per hit, as a first version would store them. */
class NaiveDatabase extends Dexie {
  declare readonly hits: Table<NaiveRow, string>;
  declare readonly events: Table<OpsEvent, number>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ hits: 'id', events: 'seq' });
  }
}

async function seedCache(count: number): Promise<void> {
  await Dexie.delete(CACHE_NAME);
  const db = new CacheDatabase(CACHE_NAME, {}, 'relaxed');
  await db.open();
  const random = mulberry32(1);
  let pending: HitChunkRow[] = [];
  let chunkId = 0;
  for (let start = 0; start < count; start += HIT_CHUNK_ROWS) {
    const alerts: Alert[] = [];
    for (let index = start; index < Math.min(count, start + HIT_CHUNK_ROWS); index++) alerts.push(syntheticAlert(syntheticHit(index, random), index + 1));
    pending.push(appendToChunk(emptyChunk(chunkId), alerts));
    chunkId += 1;
    if (pending.length === 50) {
      await db.hitChunks.bulkPut(pending);
      pending = [];
    }
  }
  if (pending.length > 0) await db.hitChunks.bulkPut(pending);
  await db.meta.put({
    key: META_KEY,
    schemaVersion: SCHEMA_VERSION,
    hubId: IDENTITY.hubId,
    officerId: IDENTITY.officerId,
    through: count,
    lastAt: T0 + count * 50,
    savedAt: Date.now(),
    nextChunk: chunkId,
  });
  db.close();
}

async function seedNaive(count: number): Promise<void> {
  await Dexie.delete(NAIVE_NAME);
  const db = new NaiveDatabase(NAIVE_NAME);
  const random = mulberry32(1);
  for (let start = 0; start < count; start += 10_000) {
    const rows: NaiveRow[] = [];
    for (let index = start; index < Math.min(count, start + 10_000); index++) {
      const hit = syntheticHit(index, random);
      const { id, lon, lat, at, checkpointId, severity, source, country } = hit;
      rows.push({ id, lon, lat, at, checkpointId, severity, status: 'new', source, country });
    }
    await db.hits.bulkPut(rows);
  }
  db.close();
}

/**
 * The map the picture is drawn on, made ready before any clock starts. A live trail of the last two minutes,
 * as on the console: the GPU filters older hits out, which keeps SwiftShader from rasterising a million dots.
 */
let mapView: Promise<MapController> | undefined;
function readyMap(): Promise<MapController> {
  mapView ??= (async () => {
    const container = document.createElement('div');
    container.style.cssText = 'position:fixed;inset-block-start:0;inset-inline-start:0;inline-size:480px;block-size:320px';
    document.body.append(container);
    const controller = createMapController({ container, onSelectAlert: () => undefined, onHover: () => undefined, reducedMotion: true });
    await controller.ready;
    return controller;
  })();
  return mapView;
}

/**
 * Gives the map the hits and resolves with the time of the next animation frame, the one deck.gl draws them
 * in: its frame loop asked for that frame before this call did, so its draw runs first.
 */
function drawFirst(map: MapController, hits: HitColumns): Promise<number> {
  const endMs = hits.atMs[hits.length - 1] ?? T0;
  map.update({ hits, checkpoints: [], filters: {}, selectedAlertId: undefined, window: { startMs: endMs - 120_000, endMs } });
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

async function coldStart(): Promise<StartTiming> {
  const map = await readyMap();
  const started = performance.now();
  const { cache } = await openLocalCache(IDENTITY, { name: CACHE_NAME });
  let readMs = 0;
  let drawStarted = 0;
  let drawn: Promise<number> | undefined;
  const picture = await cache.loadPicture(
    (state, firstHitAt, rows) => {
      readMs = performance.now() - started;
      return createHitColumns({ originMs: (firstHitAt ?? T0) - 3_600_000, initialCapacity: rows, kindOf: (id) => state.checkpoints.get(id)?.kind });
    },
    {
      onHits: ({ hits }) => {
        drawStarted = performance.now();
        drawn = drawFirst(map, hits);
      },
    },
  );
  const pictureMs = performance.now() - started;
  const drawnAt = await drawn!;
  cache.close();
  return { rows: picture.hits.length, totalMs: drawnAt - started, readMs, drawMs: drawnAt - drawStarted, pictureMs };
}

async function naiveStart(): Promise<StartTiming> {
  const map = await readyMap();
  const started = performance.now();
  const db = new NaiveDatabase(NAIVE_NAME);
  const rows = await db.hits.toArray();
  const readMs = performance.now() - started;
  const columns = createHitColumns({ originMs: T0 - 3_600_000, initialCapacity: rows.length });
  const alerts = rows.map((row) => ({ id: row.id, status: row.status, hit: row }) as unknown as Alert);
  columns.append(alerts);
  const drawStarted = performance.now();
  await drawFirst(map, columns);
  const totalMs = performance.now() - started;
  db.close();
  return { rows: columns.length, totalMs, readMs, drawMs: totalMs - (drawStarted - started), pictureMs: totalMs };
}

function syntheticEvents(count: number): OpsEvent[] {
  const random = mulberry32(2);
  return Array.from({ length: count }, (_, index) => ({ seq: index + 1, at: T0 + index * 50, type: 'hit.raised', hit: syntheticHit(index, random) }));
}

/** Runs `write` over the events batch by batch, watching the main thread for long tasks meanwhile. */
async function timedIngest(events: readonly OpsEvent[], batch: number, write: (slice: readonly OpsEvent[], after: number) => Promise<void>): Promise<IngestTiming> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const started = performance.now();
  for (let start = 0; start < events.length; start += batch) await write(events.slice(start, start + batch), start);
  const elapsedMs = performance.now() - started;
  // Long tasks are reported after they end; give the observer its turn before reading.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return {
    hits: events.length,
    elapsedMs,
    hitsPerSecond: (events.length / elapsedMs) * 1000,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
  };
}

async function ingestCache(count: number, batch: number): Promise<IngestTiming> {
  await Dexie.delete(`${CACHE_NAME}-ingest`);
  const { cache } = await openLocalCache(IDENTITY, { name: `${CACHE_NAME}-ingest` });
  const events = syntheticEvents(count);
  const timing = await timedIngest(events, batch, async (slice, after) => {
    const result = await cache.applyBatch(slice, { after, through: after + slice.length });
    if (!result.ok) throw new Error(`cache write failed: ${result.message}`);
  });
  cache.close();
  return timing;
}

async function ingestBare(count: number, batch: number): Promise<IngestTiming> {
  await Dexie.delete(`${NAIVE_NAME}-ingest`);
  const db = new NaiveDatabase(`${NAIVE_NAME}-ingest`);
  const events = syntheticEvents(count);
  const timing = await timedIngest(events, batch, async (slice) => {
    await db.events.bulkPut([...slice]);
  });
  db.close();
  return timing;
}

const bench: CacheBench = { seedCache, seedNaive, coldStart, naiveStart, ingestCache, ingestBare };
(window as { cacheBench?: CacheBench }).cacheBench = bench;
document.getElementById('status')!.textContent = 'cache harness ready';
