import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../i18n';
import { createHitColumns, type NewHitsBlock } from '../hit-columns';
import { encodeNewHits } from '../new-hits';
import { createMapController, type MapController, type MapWindow } from '../map-controller';
import type { MapFilters } from '../categories';
import { WorldMap } from '../WorldMap';
import type { MapBench, ScrubUpdateTiming, UploadCount } from './bench-api';
import { syntheticAlerts, syntheticCheckpoints } from './synthetic';
import '../../styles/app.css';

/**
 * A page with only the world map, fed with synthetic data, for end-to-end tests and the benchmark while the
 * live screen and the hub are built. `?bench=1` skips React and exposes `window.mapBench`.
 */
const ORIGIN_MS = Date.UTC(2026, 10, 22, 6, 0, 0);
const END_MS = ORIGIN_MS + 6 * 3_600_000;
/** A known critical hit at Lagos airport, on top of the others, for tests to point at. */
export const TARGET = { id: 'hit-target', lon: 3.3212, lat: 6.5774, checkpointId: 'ap-DNMM' } as const;

const checkpoints = syntheticCheckpoints();
const kinds = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.kind]));
const ALL: MapFilters = {};

declare global {
  interface Window {
    mapHarness?: { project(lon: number, lat: number): { x: number; y: number }; target: typeof TARGET };
    mapBench?: MapBench;
  }
}

function Harness() {
  const [hits] = useState(() => {
    const columns = createHitColumns({ originMs: ORIGIN_MS, kindOf: (id) => kinds.get(id) });
    const alerts = syntheticAlerts({ count: 5000, startMs: ORIGIN_MS, endMs: END_MS - 15 * 60_000, checkpoints });
    const [target] = syntheticAlerts({ count: 1, startMs: END_MS - 5_000, endMs: END_MS - 5_000, checkpoints, seed: 1 });
    columns.append([
      ...alerts,
      {
        ...target!,
        id: TARGET.id,
        status: 'new',
        hit: { ...target!.hit, id: TARGET.id, checkpointId: TARGET.checkpointId, country: 'NG', lon: TARGET.lon, lat: TARGET.lat, severity: 'critical', source: 'red-notice' },
      },
    ]);
    return columns;
  });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'grid', gridTemplateRows: 'auto 1fr' }}>
      <output data-testid="selected-alert" style={{ padding: 4, fontFamily: 'monospace' }}>
        {selected ?? '-'}
      </output>
      <WorldMap
        hits={hits}
        revision={hits.length}
        checkpoints={checkpoints}
        selectedAlertId={selected}
        onSelectAlert={setSelected}
        filters={ALL}
        window={{ startMs: ORIGIN_MS, endMs: END_MS, trailMs: 2 * 3_600_000 }}
        center={[2.5, 8.5]}
        zoom={4.6}
        onReady={(view) => (window.mapHarness = { project: view.project, target: TARGET })}
      />
    </div>
  );
}

/**
 * Counts every WebGL buffer upload of the page (deck's own attribute updates as well as our column writes),
 * so the scrub bench can show that moving the time window uploads nothing but uniforms.
 */
function countUploads(): () => UploadCount {
  let calls = 0;
  let bytes = 0;
  let largestBytes = 0;
  const record = (size: number) => {
    calls += 1;
    bytes += size;
    largestBytes = Math.max(largestBytes, size);
  };
  const proto = WebGL2RenderingContext.prototype;
  const bufferData = proto.bufferData as (this: WebGL2RenderingContext, ...args: unknown[]) => void;
  const bufferSubData = proto.bufferSubData as (this: WebGL2RenderingContext, ...args: unknown[]) => void;
  proto.bufferData = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    const source = args[1];
    record(typeof source === 'number' ? source : ((source as ArrayBufferView | null)?.byteLength ?? 0));
    bufferData.apply(this, args);
  } as typeof proto.bufferData;
  proto.bufferSubData = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    const source = args[2] as ArrayBufferView;
    const length = args[4] as number | undefined;
    const elementBytes = (source as Partial<Float32Array>).BYTES_PER_ELEMENT ?? 1;
    const srcOffset = (args[3] as number | undefined) ?? 0;
    record(length !== undefined ? length * elementBytes : source.byteLength - srcOffset * elementBytes);
    bufferSubData.apply(this, args);
  } as typeof proto.bufferSubData;
  return () => {
    const taken = { calls, bytes, largestBytes };
    calls = 0;
    bytes = 0;
    largestBytes = 0;
    return taken;
  };
}

function startBench(root: HTMLElement): void {
  const takeUploads = countUploads();
  root.style.cssText = 'position:fixed;inset-block-start:0;inset-inline-start:0;inline-size:480px;block-size:320px';
  let hits = createHitColumns({ originMs: ORIGIN_MS, kindOf: (id) => kinds.get(id) });
  const controller: MapController = createMapController({
    container: root,
    onSelectAlert: () => undefined,
    onHover: () => undefined,
    center: [2.5, 8.5],
    zoom: 3,
    reducedMotion: true,
  });
  let nextId = 1;
  let prepared: ReturnType<typeof syntheticAlerts> = [];
  let preparedRows: NewHitsBlock | undefined;
  let endMs = ORIGIN_MS + 3_600_000;
  let mapWindow: MapWindow = { startMs: endMs - 120_000, endMs };
  // A live trail of the last two minutes: the GPU filters the older hits out in the vertex shader, which keeps
  // the software rasteriser from drawing a million overlapping dots (it has nothing to do with the CPU cost
  // measured, and a million dots at once would trip Chromium's GPU watchdog).
  // Scrubbing with an alert selected, as an officer following one through the replay would.
  let selectedAlertId: string | undefined;
  // The operation's checkpoints, one array for the whole run as the console keeps it (a new array would
  // rebuild the checkpoint layer on every update, which the console does only when a checkpoint changes).
  const scene = () => ({ hits, checkpoints, filters: ALL, selectedAlertId, window: mapWindow });
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  function scrubUpdate(index: number, frames: number, windowMs: number): ScrubUpdateTiming {
    // Across what fill() put on the map: from one window after the start to the end of its hour.
    const endOffsetMs = Math.round(windowMs + ((endMs - ORIGIN_MS - windowMs) * index) / Math.max(1, frames - 1));
    const frameEnd = ORIGIN_MS + endOffsetMs;
    // A replay trail window, as the player shows it (shared/replay visibleWindow): half of it fades.
    mapWindow = { startMs: frameEnd - windowMs, endMs: frameEnd, trailMs: windowMs / 2 };
    selectedAlertId = 'hit-1';
    takeUploads();
    const t0 = performance.now();
    controller.update(scene());
    controller.applyLayersNow();
    const t1 = performance.now();
    return { updateMs: t1 - t0, updateUploads: takeUploads(), endOffsetMs };
  }
  window.mapBench = {
    ready: controller.ready,
    async fill(count, capacity) {
      if (capacity !== undefined && hits.length === 0) {
        hits = createHitColumns({ originMs: ORIGIN_MS, kindOf: (id) => kinds.get(id), initialCapacity: capacity });
      }
      const chunk = 20_000;
      for (let done = 0; done < count; done += chunk) {
        const size = Math.min(chunk, count - done);
        hits.appendNew(syntheticAlerts({ count: size, firstId: nextId, startMs: ORIGIN_MS, endMs, checkpoints, seed: nextId }));
        nextId += size;
      }
      takeUploads();
      controller.update(scene());
      controller.drawNow();
      await frame();
      return takeUploads();
    },
    prepare(count) {
      endMs += 60_000;
      mapWindow = { startMs: endMs - 120_000, endMs };
      prepared = syntheticAlerts({ count, firstId: nextId, startMs: endMs - 60_000, endMs, checkpoints, seed: nextId });
      nextId += count;
      // What the data-plane worker does for a live batch, timed here to be reported beside the append.
      const t0 = performance.now();
      preparedRows = encodeNewHits(prepared.map((alert) => alert.hit));
      return performance.now() - t0;
    },
    appendPrepared() {
      const t0 = performance.now();
      hits.appendRaised(prepared, preparedRows);
      const t1 = performance.now();
      controller.update(scene());
      const uploaded = performance.now();
      controller.applyLayersNow();
      const t2 = performance.now();
      controller.drawNow();
      const t3 = performance.now();
      return { appendMs: t1 - t0, updateMs: t2 - t1, layerUpdateMs: t2 - uploaded, drawMs: t3 - t2 };
    },
    scrubUpdates(frames, windowMs) {
      const timings: ScrubUpdateTiming[] = [];
      for (let index = 0; index < frames; index++) timings.push(scrubUpdate(index, frames, windowMs));
      return timings;
    },
    scrubFrame(index, frames, windowMs) {
      const update = scrubUpdate(index, frames, windowMs);
      const t0 = performance.now();
      controller.drawNow();
      const t1 = performance.now();
      return { ...update, drawMs: t1 - t0, drawUploads: takeUploads() };
    },
    appendPreparedToStore() {
      const t0 = performance.now();
      hits.appendRaised(prepared, preparedRows);
      return performance.now() - t0;
    },
    async settle() {
      await frame();
      await frame();
      // Two frames let the draws be issued; gl.finish() waits until the GPU process has executed them, so the
      // software rasteriser is not still at work (on the other core, in the same caches) in the next sample.
      for (const canvas of root.querySelectorAll('canvas')) canvas.getContext('webgl2')?.finish();
    },
  };
}

async function start(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root')!;
  if (new URLSearchParams(location.search).has('bench')) {
    startBench(root);
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
}

void start();
