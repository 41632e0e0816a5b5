import type { Checkpoint } from '@watchfloor/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIDDEN_KEY, statusOfKey, type MapFilters } from './categories';
import type { HitColumns } from './hit-columns';
import { createMapController, type MapController, type MapHover, type MapWindow } from './map-controller';
import { MapTooltip } from './MapTooltip';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';

export interface WorldMapProps {
  /** The hit store; mutated in place by its owner, who then bumps `revision`. */
  readonly hits: HitColumns;
  /** Changes whenever `hits` changed (append or status); the map uploads only what is new. */
  readonly revision: number;
  readonly checkpoints: readonly Checkpoint[];
  readonly selectedAlertId: string | undefined;
  readonly onSelectAlert: (alertId: string) => void;
  readonly filters: MapFilters;
  readonly window: MapWindow;
  /** Starting view; later changes do not move the map. */
  readonly center?: readonly [number, number];
  readonly zoom?: number;
  /** Called once the map has drawn, with what a caller may ask of it. */
  readonly onReady?: (view: WorldMapView) => void;
}

export type WorldMapView = Pick<MapController, 'project'>;

const prefersReducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * The world map of checkpoints and hits. Severity shows as size, rings and the tooltip's words as well as
 * colour; a new critical hit pulses for half a minute (a steady ring when the officer asked for less motion).
 */
export function WorldMap(props: WorldMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | undefined>(undefined);
  const onSelect = useRef(props.onSelectAlert);
  onSelect.current = props.onSelectAlert;
  const [hover, setHover] = useState<MapHover | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const created = createMapController({
      container: container.current!,
      onSelectAlert: (alertId) => onSelect.current(alertId),
      onHover: setHover,
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

  const { hits, revision, checkpoints, filters, selectedAlertId } = props;
  const { startMs, endMs, trailMs } = props.window;
  useEffect(() => {
    controller.current?.update({ hits, checkpoints, filters, selectedAlertId, window: { startMs, endMs, trailMs } });
  }, [hits, revision, checkpoints, filters, selectedAlertId, startMs, endMs, trailMs]);

  // What the map shows for the selected alert (its status in the picture on screen, or hidden), for tests.
  const selectedRow = selectedAlertId === undefined ? undefined : hits.rowOf(selectedAlertId);
  const selectedKey = selectedRow === undefined ? undefined : hits.categories[selectedRow * 4]!;
  const selectedStatus = selectedKey === undefined ? undefined : selectedKey === HIDDEN_KEY ? 'hidden' : statusOfKey(selectedKey);
  return (
    <div className="world-map" data-testid="world-map" data-ready={ready ? 'true' : 'false'} data-selected-status={selectedStatus}>
      <div className="world-map__canvas" ref={container} role="application" aria-label={t('map.label')} />
      {!ready && <p className="world-map__loading">{t('map.loading')}</p>}
      {hover && <MapTooltip hover={hover} hits={hits} checkpoints={checkpoints} />}
    </div>
  );
}
