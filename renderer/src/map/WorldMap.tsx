import type { Checkpoint, CountryCode } from '@watchfloor/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIDDEN_KEY, statusOfKey, type MapFilters } from './categories';
import type { Bounds } from './framing';
import type { HitColumns } from './hit-columns';
import { createMapController, type MapController, type MapHover, type MapWindow } from './map-controller';
import { MapLegend } from './MapLegend';
import { MapTooltip } from './MapTooltip';
import { PinnedPile } from './PinnedPile';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';

export interface WorldMapProps {
  /** The hit store; mutated in place by its owner, who then bumps `revision`. */
  readonly hits: HitColumns;
  /** Changes whenever `hits` changed (append or status); the map uploads only what is new. */
  readonly revision: number;
  readonly checkpoints: readonly Checkpoint[];
  readonly selectedAlertId: string | undefined;
  /** Undefined where nothing may be selected (the wall display). */
  readonly onSelectAlert: ((alertId: string) => void) | undefined;
  readonly filters: MapFilters;
  readonly window: MapWindow;
  /** The operation's frame: the first view and the home control's target (see framing.ts). */
  readonly home?: Bounds | undefined;
  /** Checkpoints outside these countries are drawn faint (the wall display's partners). */
  readonly emphasised?: readonly CountryCode[] | undefined;
  /**
   * Where the legend goes: folded over the map (a desk), or open in a strip below it, clear of the
   * operation's checkpoints (a wall).
   */
  readonly legend?: 'folded' | 'strip';
  /** Starting view when there is no `home`; later changes do not move the map. */
  readonly center?: readonly [number, number];
  readonly zoom?: number;
  /** Called once the map has drawn, with what a caller may ask of it. */
  readonly onReady?: (view: WorldMapView) => void;
}

export type WorldMapView = Pick<MapController, 'project'>;

const prefersReducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** The view as the map reports it (`data-view-bounds`): west, south, east, north to 0.001 degree. */
const boundsText = (bounds: Bounds | undefined) => bounds?.map((value) => value.toFixed(3)).join(',');

/**
 * The world map of checkpoints and hits. Severity shows as size, rings and the tooltip's words as well as
 * colour; a new critical hit pulses for half a minute (a steady ring when the officer asked for less motion).
 * It starts framed on the operation, with home and zoom buttons, a legend, and a count badge where open
 * alerts pile up at a checkpoint (pointing at it lists them, a click pins the list).
 */
export function WorldMap(props: WorldMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | undefined>(undefined);
  const onSelect = useRef(props.onSelectAlert);
  onSelect.current = props.onSelectAlert;
  const [hover, setHover] = useState<MapHover | undefined>(undefined);
  const [pinned, setPinned] = useState<{ checkpoint: Checkpoint; x: number; y: number } | undefined>(undefined);
  const [view, setView] = useState<Bounds | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const created = createMapController({
      container: container.current!,
      onSelectAlert: (alertId) => onSelect.current?.(alertId),
      onHover: setHover,
      onPickCheckpoint: (checkpoint, x, y) => setPinned({ checkpoint, x, y }),
      onView: (next) => {
        setView(next);
        setPinned(undefined);
      },
      home: props.home,
      center: props.center,
      zoom: props.zoom,
      reducedMotion: prefersReducedMotion(),
    });
    controller.current = created;
    let live = true;
    void created.ready.then(() => {
      if (!live) return;
      setReady(true);
      props.onReady?.({ project: created.project });
    });
    return () => {
      live = false;
      controller.current = undefined;
      created.destroy();
    };
    // The camera props are a starting view only; later changes must not rebuild the map.
  }, []);

  const homeText = boundsText(props.home);
  useEffect(() => controller.current?.setHome(props.home), [homeText]);

  const { hits, revision, checkpoints, filters, selectedAlertId, emphasised } = props;
  const { startMs, endMs, trailMs } = props.window;
  useEffect(() => {
    controller.current?.update({ hits, checkpoints, filters, selectedAlertId, emphasised, window: { startMs, endMs, trailMs } });
  }, [hits, revision, checkpoints, filters, selectedAlertId, emphasised, startMs, endMs, trailMs]);

  // What the map shows for the selected alert (its status in the picture on screen, or hidden), for tests.
  const selectedRow = selectedAlertId === undefined ? undefined : hits.rowOf(selectedAlertId);
  const selectedKey = selectedRow === undefined ? undefined : hits.categories[selectedRow * 4]!;
  const selectedStatus = selectedKey === undefined ? undefined : selectedKey === HIDDEN_KEY ? 'hidden' : statusOfKey(selectedKey);
  return (
    <div
      className={props.legend === 'strip' ? 'world-map world-map--legend-strip' : 'world-map'}
      data-testid="world-map"
      data-ready={ready ? 'true' : 'false'}
      data-selected-status={selectedStatus}
      data-view-bounds={boundsText(view)}
    >
      <div className="world-map__canvas" ref={container} role="application" aria-label={t('map.label')} />
      {!ready && <p className="world-map__loading">{t('map.loading')}</p>}
      <div className="map-controls" role="toolbar" aria-label={t('map.controls.label')}>
        <button type="button" className="map-controls__button" onClick={() => controller.current?.goHome()} disabled={props.home === undefined} title={t('map.controls.home')} aria-label={t('map.controls.home')}>
          <span aria-hidden="true">⌂</span>
        </button>
        <button type="button" className="map-controls__button" onClick={() => controller.current?.zoomBy(1)} title={t('map.controls.zoomIn')} aria-label={t('map.controls.zoomIn')}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="map-controls__button" onClick={() => controller.current?.zoomBy(-1)} title={t('map.controls.zoomOut')} aria-label={t('map.controls.zoomOut')}>
          <span aria-hidden="true">−</span>
        </button>
      </div>
      <MapLegend partnersFaded={emphasised !== undefined} open={props.legend === 'strip'} />
      {hover && !pinned && <MapTooltip hover={hover} hits={hits} checkpoints={checkpoints} />}
      {pinned && (
        <PinnedPile
          checkpoint={pinned.checkpoint}
          hits={hits}
          x={pinned.x}
          y={pinned.y}
          onSelectAlert={props.onSelectAlert}
          onClose={() => setPinned(undefined)}
        />
      )}
    </div>
  );
}
