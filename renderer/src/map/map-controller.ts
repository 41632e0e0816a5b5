import type { DeckProps, Layer, PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Checkpoint } from '@watchfloor/shared';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { buildBasemapStyle } from './basemap-style';
import { filterCategoriesFor, type FilterCategories, type MapFilters } from './categories';
import { drawCheckpointAtlas } from './checkpoint-icons';
import { createHitBuffers, type HitBuffers, type HitLayerData } from './hit-buffers';
import type { HitColumns } from './hit-columns';
import { CHECKPOINT_LAYER_ID, checkpointLayer, HIT_LAYER_ID, hitLayers, type IconLayerAtlas, type TimeFilter } from './layers';

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
}

export type MapHover =
  | { readonly kind: 'hit'; readonly row: number; readonly x: number; readonly y: number }
  | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint; readonly x: number; readonly y: number };

export interface MapControllerOptions {
  readonly container: HTMLElement;
  readonly onSelectAlert: (alertId: string) => void;
  readonly onHover: (hover: MapHover | undefined) => void;
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

export function createMapController(options: MapControllerOptions): MapController {
  const basemap = buildBasemapStyle();
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
  let atlas: Extract<IconLayerAtlas, object> | undefined;
  let hitData: HitLayerData | undefined;
  let categories: { filters: MapFilters; countries: number; value: FilterCategories } | undefined;
  let time: { window: MapWindow; origin: number; value: TimeFilter } | undefined;
  let checkpointCache: { checkpoints: readonly Checkpoint[]; filters: MapFilters; layer: Layer } | undefined;
  let flownTo: string | undefined;
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
      buffers = createHitBuffers((byteLength) => device.createBuffer({ byteLength, usage: VERTEX_USAGE }));
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
      if (info.layer?.id !== HIT_LAYER_ID || info.index < 0 || !scene) return;
      const alertId = scene.hits.alertIdAt(info.index);
      if (alertId !== undefined) options.onSelectAlert(alertId);
    },
  });
  map.addControl(overlay);
  const mapLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  const ready = Promise.all([mapLoaded, deviceReady]).then(() => undefined);

  function hoverOf(info: PickingInfo): MapHover | undefined {
    if (!info.picked || info.index < 0) return undefined;
    if (info.layer?.id === HIT_LAYER_ID) return { kind: 'hit', row: info.index, x: info.x, y: info.y };
    if (info.layer?.id === CHECKPOINT_LAYER_ID && info.object) {
      return { kind: 'checkpoint', checkpoint: info.object as Checkpoint, x: info.x, y: info.y };
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

  function checkpointsLayer(current: MapScene): Layer | undefined {
    if (!atlas) return undefined;
    if (checkpointCache?.checkpoints !== current.checkpoints || checkpointCache.filters !== current.filters) {
      const kinds = current.filters.checkpointKinds;
      const shown = kinds === undefined ? current.checkpoints : current.checkpoints.filter((checkpoint) => kinds.includes(checkpoint.kind));
      checkpointCache = { checkpoints: current.checkpoints, filters: current.filters, layer: checkpointLayer(shown, atlas) };
    }
    return checkpointCache.layer;
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
    const layers: Layer[] = [
      ...hitLayers({
        data: hitData,
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
    overlay.setProps({ layers });
    buffers?.releaseRetired();
    if (phase !== undefined && !options.reducedMotion) scheduleFrame();
  }

  function scheduleFrame(): void {
    if (animation !== undefined) return;
    animation = requestAnimationFrame(() => {
      animation = undefined;
      render();
    });
  }

  function flyToSelection(current: MapScene): void {
    if (current.selectedAlertId === flownTo) return;
    const position = selectedPosition(current);
    if (!position) return;
    flownTo = current.selectedAlertId;
    // Only move when the alert is off screen or at the edge: clicking a visible hit should not jolt the map.
    const bounds = map.getBounds();
    const [west, east, south, north] = [bounds.getWest(), bounds.getEast(), bounds.getSouth(), bounds.getNorth()];
    const marginX = (east - west) * 0.1;
    const marginY = (north - south) * 0.1;
    const inside =
      position[0] > west + marginX && position[0] < east - marginX && position[1] > south + marginY && position[1] < north - marginY;
    if (inside) return;
    map.flyTo({ center: position, zoom: Math.max(map.getZoom(), 4), duration: options.reducedMotion ? 0 : 1200, essential: false });
  }

  function update(next: MapScene): void {
    scene = next;
    if (!buffers || destroyed) return;
    hitData = buffers.sync(next.hits);
    render();
    flyToSelection(next);
  }

  return {
    ready,
    update,
    project(lon, lat) {
      const point = map.project([lon, lat]);
      return { x: point.x, y: point.y };
    },
    destroy() {
      destroyed = true;
      if (animation !== undefined) cancelAnimationFrame(animation);
      buffers?.destroy();
      map.remove();
      atlas?.destroy();
    },
  };
}
