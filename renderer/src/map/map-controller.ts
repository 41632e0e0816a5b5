import type { DeckProps, Layer, PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Checkpoint, CountryCode } from '@watchfloor/shared';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { checkpointAggregates, type CheckpointAggregate } from './aggregates';
import { buildBasemapStyle } from './basemap-style';
import { filterCategoriesFor, type FilterCategories, type MapFilters } from './categories';
import { drawCheckpointAtlas } from './checkpoint-icons';
import { createHitBuffers, type HitBuffers, type HitLayerData } from './hit-buffers';
import type { HitColumns } from './hit-columns';
import { createHitPiles, type HitPiles } from './hit-piles';
import { needsPan, type Bounds } from './framing';
import {
  AGGREGATE_LAYER_ID,
  aggregateLayer,
  CHECKPOINT_LAYER_ID,
  checkpointLayer,
  HIT_LAYER_ID,
  hitLayers,
  type IconLayerAtlas,
  type TimeFilter,
} from './layers';

/**
 * The map without React: a maplibre-gl basemap with deck.gl layers on top (MapLibreOverlay, overlaid: deck
 * keeps its own canvas, so the basemap and the hit layers never wait on each other's draws). `WorldMap` is a
 * thin React shell around it.
 */
export interface MapWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** Hits newer than `endMs - trailMs` are drawn at full strength; older ones in the window fade. */
  readonly trailMs?: number;
}

export interface MapScene {
  readonly hits: HitColumns;
  readonly checkpoints: readonly Checkpoint[];
  readonly filters: MapFilters;
  readonly window: MapWindow;
  readonly selectedAlertId: string | undefined;
  /** Checkpoints outside these countries are drawn smaller and fainter; undefined: all alike. */
  readonly emphasised?: readonly CountryCode[] | undefined;
}

export type MapHover =
  | { readonly kind: 'hit'; readonly row: number; readonly x: number; readonly y: number }
  | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint; readonly x: number; readonly y: number };

export interface MapControllerOptions {
  readonly container: HTMLElement;
  readonly onSelectAlert: (alertId: string) => void;
  readonly onHover: (hover: MapHover | undefined) => void;
  /** A click on a checkpoint or its count badge, where on the map it was. */
  readonly onPickCheckpoint?: (checkpoint: Checkpoint, x: number, y: number) => void;
  /** After every move, the part of the world in view. */
  readonly onView?: (view: Bounds) => void;
  /** The operation's frame, where the map starts; `center` and `zoom` when there is none. */
  readonly home?: Bounds | undefined;
  readonly center?: readonly [number, number];
  readonly zoom?: number;
  readonly reducedMotion?: boolean;
}

export interface MapController {
  update(scene: MapScene): void;
  /** Resolves once the basemap has loaded and deck.gl has its GPU device. */
  readonly ready: Promise<void>;
  /** Where a place is on screen, in pixels from the map's top-left corner (to anchor popups, or in tests). */
  project(lon: number, lat: number): { readonly x: number; readonly y: number };
  /**
   * The operation's frame, for the home control. The first one given frames the map, unless the officer
   * has moved it already.
   */
  setHome(home: Bounds | undefined): void;
  /** Back to the operation's frame. */
  goHome(): void;
  /** Zooms one step in (1) or out (-1). */
  zoomBy(step: 1 | -1): void;
  destroy(): void;
}

/** How long a new critical hit pulses. */
export const PULSE_MS = 30_000;
const PULSE_PERIOD_MS = 1_600;
/** luma.gl `Buffer.VERTEX`: deck.gl does not re-export luma's constants, and luma is not our direct dependency. */
const VERTEX_USAGE = 0x0020;

type Device = Parameters<NonNullable<DeckProps['onDeviceInitialized']>>[0];

// maplibre-gl 6 looks for its worker beside its own module, which bundling moves; give it the bundled copy.
setWorkerUrl(maplibreWorkerUrl);

/** Room around the operation's frame, pixels: the pins and badges at its edge stay whole. */
const FRAME_PADDING = 48;
/** A frame fitted to a few nearby checkpoints does not zoom in further than this. */
const FRAME_MAX_ZOOM = 7;

export function createMapController(options: MapControllerOptions): MapController {
  const basemap = buildBasemapStyle();
  const motion = (ms: number) => (options.reducedMotion ? 0 : ms);
  const map = new MapLibreMap({
    container: options.container,
    style: basemap.style,
    center: [...(options.center ?? [2, 9])] as [number, number],
    zoom: options.zoom ?? 3.2,
    minZoom: 1,
    maxZoom: 11,
    // One world: deck.gl draws hits on one copy only, so repeated copies would show land without its hits.
    renderWorldCopies: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    attributionControl: false,
    fadeDuration: 0,
    // Kept, so the debrief export can take a PNG of the map at any moment (map/snapshot.ts).
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();

  let scene: MapScene | undefined;
  let buffers: HitBuffers | undefined;
  let createBuffers: (() => HitBuffers) | undefined;
  /** The hits as piles (see hit-piles.ts), with their own buffers; drawn whenever they show the whole picture. */
  let piled: { hits: HitColumns; piles: HitPiles; buffers: HitBuffers; data: HitLayerData } | undefined;
  /** Whether the hit layer last drawn was the piles, whose rows stand for hit rows. */
  let drawnPiled = false;
  let atlas: Extract<IconLayerAtlas, object> | undefined;
  let hitData: HitLayerData | undefined;
  let categories: { filters: MapFilters; countries: number; value: FilterCategories } | undefined;
  let time: { window: MapWindow; origin: number; value: TimeFilter } | undefined;
  let checkpointCache:
    | { checkpoints: readonly Checkpoint[]; filters: MapFilters; emphasised: readonly CountryCode[] | undefined; layer: Layer }
    | undefined;
  let aggregateCache: { piles: readonly CheckpointAggregate[]; layer: Layer } | undefined;
  let home = options.home;
  /** Whether the operation's frame has been shown once; until then the first home given frames the map. */
  let framed = false;
  let loaded = false;
  let movedByOfficer = false;
  /** The selection the map last followed; the first one (made for the officer, not by them) never moves it. */
  let followed: { id: string | undefined } | undefined;
  let pulse: { sinceMs: number; latestCriticalMs: number } | undefined;
  let animation: number | undefined;
  let destroyed = false;

  let resolveDevice: () => void = () => undefined;
  const deviceReady = new Promise<void>((resolve) => (resolveDevice = resolve));
  const overlay = new MapLibreOverlay({
    interleaved: false,
    deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true } },
    layers: [],
    onDeviceInitialized: (device: Device) => {
      createBuffers = () => createHitBuffers((byteLength) => device.createBuffer({ byteLength, usage: VERTEX_USAGE }));
      buffers = createBuffers();
      const image = drawCheckpointAtlas();
      atlas = device.createTexture({ data: image, width: image.width, height: image.height });
      resolveDevice();
      if (scene) update(scene);
    },
    onHover: (info: PickingInfo) => {
      const hover = hoverOf(info);
      map.getCanvas().style.cursor = hover ? 'pointer' : '';
      options.onHover(hover);
    },
    onClick: (info: PickingInfo) => {
      const picked = hoverOf(info);
      if (picked?.kind === 'checkpoint') {
        options.onPickCheckpoint?.(picked.checkpoint, picked.x, picked.y);
        return;
      }
      if (picked?.kind !== 'hit' || !scene) return;
      const alertId = scene.hits.alertIdAt(picked.row);
      if (alertId !== undefined) options.onSelectAlert(alertId);
    },
  });
  map.addControl(overlay);
  const viewOf = (): Bounds => {
    const bounds = map.getBounds();
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  };
  map.on('moveend', () => options.onView?.(viewOf()));
  // Only the officer's own moves (drag, wheel, keys) carry an original event.
  map.on('movestart', (event: { originalEvent?: unknown }) => {
    if (event.originalEvent !== undefined) movedByOfficer = true;
  });
  const mapLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  void mapLoaded.then(() => {
    loaded = true;
    frameOnce();
  });
  // A map laid out without room yet is framed once it has some.
  map.on('resize', () => frameOnce());
  const ready = Promise.all([mapLoaded, deviceReady]).then(() => options.onView?.(viewOf()));

  function hoverOf(info: PickingInfo): MapHover | undefined {
    if (!info.picked || info.index < 0) return undefined;
    if (info.layer?.id === HIT_LAYER_ID) {
      const row = drawnPiled ? piled?.piles.hitRowAt(info.index) : info.index;
      return row === undefined ? undefined : { kind: 'hit', row, x: info.x, y: info.y };
    }
    if (info.layer?.id === CHECKPOINT_LAYER_ID && info.object) {
      return { kind: 'checkpoint', checkpoint: info.object as Checkpoint, x: info.x, y: info.y };
    }
    if (info.layer?.id === AGGREGATE_LAYER_ID && info.object) {
      return { kind: 'checkpoint', checkpoint: (info.object as CheckpointAggregate).checkpoint, x: info.x, y: info.y };
    }
    return undefined;
  }

  function filterCategories(current: MapScene): FilterCategories {
    const countries = current.hits.countrySlots.countries.length;
    if (categories?.filters !== current.filters || categories.countries !== countries) {
      categories = { filters: current.filters, countries, value: filterCategoriesFor(current.filters, current.hits.countrySlots) };
    }
    return categories.value;
  }

  function timeFilter(current: MapScene): TimeFilter {
    const { window } = current;
    const origin = current.hits.originMs;
    const same =
      time &&
      time.origin === origin &&
      time.window.startMs === window.startMs &&
      time.window.endMs === window.endMs &&
      time.window.trailMs === window.trailMs;
    if (!same) {
      const start = (window.startMs - origin) / 1000;
      const end = (window.endMs - origin) / 1000;
      const trailStart = window.trailMs === undefined ? undefined : Math.max(start, end - window.trailMs / 1000);
      time = { window, origin, value: { range: [start, end], softRange: trailStart === undefined ? undefined : [trailStart, end] } };
    }
    return time!.value;
  }

  function pulsePhase(current: MapScene, now: number): number | undefined {
    const latest = current.hits.latestCriticalMs;
    if (!Number.isFinite(latest)) return undefined;
    if (pulse?.latestCriticalMs !== latest) pulse = { sinceMs: now, latestCriticalMs: latest };
    if (now - pulse.sinceMs > PULSE_MS || latest < current.window.endMs - PULSE_MS) return undefined;
    return options.reducedMotion ? 0.3 : ((now - pulse.sinceMs) % PULSE_PERIOD_MS) / PULSE_PERIOD_MS;
  }

  function shownCheckpoints(current: MapScene): readonly Checkpoint[] {
    const kinds = current.filters.checkpointKinds;
    return kinds === undefined ? current.checkpoints : current.checkpoints.filter((checkpoint) => kinds.includes(checkpoint.kind));
  }

  function checkpointsLayer(current: MapScene): Layer | undefined {
    if (!atlas) return undefined;
    if (
      checkpointCache?.checkpoints !== current.checkpoints ||
      checkpointCache.filters !== current.filters ||
      checkpointCache.emphasised !== current.emphasised
    ) {
      checkpointCache = {
        checkpoints: current.checkpoints,
        filters: current.filters,
        emphasised: current.emphasised,
        layer: checkpointLayer(shownCheckpoints(current), atlas, current.emphasised),
      };
    }
    return checkpointCache.layer;
  }

  /** Count badges where open alerts pile up; a new layer only when a count changed (one look-up per checkpoint). */
  function aggregatesLayer(current: MapScene): Layer | undefined {
    const piles = checkpointAggregates(shownCheckpoints(current), current.hits);
    const same =
      aggregateCache !== undefined &&
      aggregateCache.piles.length === piles.length &&
      piles.every((pile, index) => pile.checkpoint === aggregateCache!.piles[index]!.checkpoint && pile.open === aggregateCache!.piles[index]!.open);
    if (!same) aggregateCache = piles.length === 0 ? undefined : { piles, layer: aggregateLayer(piles) };
    return aggregateCache?.layer;
  }

  function selectedPosition(current: MapScene): [number, number] | undefined {
    const row = current.selectedAlertId === undefined ? undefined : current.hits.rowOf(current.selectedAlertId);
    if (row === undefined) return undefined;
    return [current.hits.positions[row * 2]!, current.hits.positions[row * 2 + 1]!];
  }

  function render(): void {
    if (!scene || !hitData || destroyed) return;
    const now = performance.now();
    const phase = pulsePhase(scene, now);
    const time = timeFilter(scene);
    const end = time.range[1];
    const pulseStart = Math.max(time.range[0], end - PULSE_MS / 1000);
    drawnPiled = piled !== undefined && piled.piles.within(time.range[0], end);
    const layers: Layer[] = [
      ...hitLayers({
        data: drawnPiled ? piled!.data : hitData,
        time,
        categories: filterCategories(scene),
        pulsePhase: phase,
        pulseRange: [pulseStart, end],
        selected: selectedPosition(scene),
      }),
    ];
    // Hits on top: they are what the officer acts on, and a pin must never block hovering or clicking one.
    // Pins stand lifted off their place (see layers.ts), so they still show beside a crowd of hits.
    const checkpoints = checkpointsLayer(scene);
    if (checkpoints) layers.unshift(checkpoints);
    const aggregates = aggregatesLayer(scene);
    if (aggregates) layers.push(aggregates);
    overlay.setProps({ layers });
    buffers?.releaseRetired();
    piled?.buffers.releaseRetired();
    if (phase !== undefined && !options.reducedMotion) scheduleFrame();
  }

  function scheduleFrame(): void {
    if (animation !== undefined) return;
    animation = requestAnimationFrame(() => {
      animation = undefined;
      render();
    });
  }

  /** Pans, at the same zoom, to a newly selected alert that is off screen; a visible one never moves the map. */
  function followSelection(current: MapScene): void {
    const id = current.selectedAlertId;
    if (followed?.id === id) return;
    const position = selectedPosition(current);
    if (id !== undefined && !position) return;
    const first = followed === undefined;
    followed = { id };
    if (first || !position || !needsPan(viewOf(), position)) return;
    map.easeTo({ center: position, duration: motion(600), essential: false });
  }

  /** Fits the operation's frame; false when there is none or the map has no room to fit it in yet. */
  function fitHome(duration: number): boolean {
    const canvas = map.getCanvas();
    if (home === undefined || canvas.clientWidth <= 2 * FRAME_PADDING || canvas.clientHeight <= 2 * FRAME_PADDING) return false;
    map.fitBounds([...home] as [number, number, number, number], { padding: FRAME_PADDING, maxZoom: FRAME_MAX_ZOOM, duration });
    return true;
  }

  /** Frames the map on the operation the first time it can, unless the officer has moved it already. */
  function frameOnce(): void {
    if (framed || movedByOfficer || !loaded) return;
    framed = fitHome(0);
  }

  /** Piles follow the hits' new and rewritten rows; new hit columns (another picture) start new piles. */
  function syncPiles(hits: HitColumns, rewritten: readonly number[]): void {
    if (piled?.hits === hits) {
      piled.piles.follow(rewritten);
      piled.data = piled.buffers.sync(piled.piles, piled.piles.takeRewrittenRows());
      return;
    }
    piled?.buffers.destroy();
    const piles = createHitPiles(hits);
    const pileBuffers = createBuffers!();
    piles.follow([]);
    piled = { hits, piles, buffers: pileBuffers, data: pileBuffers.sync(piles, piles.takeRewrittenRows()) };
  }

  function update(next: MapScene): void {
    scene = next;
    if (!buffers || destroyed) return;
    const rewritten = next.hits.takeRewrittenRows();
    hitData = buffers.sync(next.hits, rewritten);
    syncPiles(next.hits, rewritten);
    render();
    followSelection(next);
  }

  return {
    ready,
    update,
    project(lon, lat) {
      const point = map.project([lon, lat]);
      return { x: point.x, y: point.y };
    },
    setHome(next) {
      home = next;
      frameOnce();
    },
    goHome: () => void fitHome(motion(500)),
    zoomBy(step) {
      if (step > 0) map.zoomIn({ duration: motion(250) });
      else map.zoomOut({ duration: motion(250) });
    },
    destroy() {
      destroyed = true;
      if (animation !== undefined) cancelAnimationFrame(animation);
      buffers?.destroy();
      piled?.buffers.destroy();
      map.remove();
      atlas?.destroy();
    },
  };
}
