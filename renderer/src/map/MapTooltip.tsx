import type { Checkpoint } from '@watchfloor/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatUtcTime } from '../i18n/format';
import { newestOpenAt } from './aggregates';
import { severityOfKey, sourceOfKey, statusOfKey } from './categories';
import type { HitColumns } from './hit-columns';
import type { MapHover } from './map-controller';

/** What is under the pointer, in words: severity is named, never left to the dot's colour. */
export function MapTooltip(props: { readonly hover: MapHover; readonly hits: HitColumns; readonly checkpoints: readonly Checkpoint[] }) {
  const { t } = useTranslation();
  const { hover, hits, checkpoints } = props;
  const checkpointsById = useMemo(() => new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint])), [checkpoints]);
  // Pointer coordinates are physical (from the canvas' left edge) in every writing direction.
  const position = { left: hover.x + 14, top: hover.y + 14 };

  if (hover.kind === 'checkpoint') {
    const { checkpoint } = hover;
    return (
      <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={position}>
        <div className="map-tooltip__title">{checkpoint.name}</div>
        <dl className="map-tooltip__facts">
          <dt>{t('map.tooltip.kind')}</dt>
          <dd>{t(`map.kind.${checkpoint.kind}`)}</dd>
          <dt>{t('map.tooltip.country')}</dt>
          <dd>{t('country.withCode', { name: countryName(checkpoint.country), code: checkpoint.country })}</dd>
          <dt>{t('map.tooltip.status')}</dt>
          <dd>{t(`map.checkpointStatus.${checkpoint.status}`)}</dd>
        </dl>
        <PileSummary hits={hits} checkpoint={checkpoint} />
      </div>
    );
  }

  const row = hover.row;
  const severityStatus = hits.categories[row * 4]!;
  const severity = severityOfKey(severityStatus);
  const checkpointId = hits.checkpointIdAt(row) ?? '';
  const checkpoint = checkpointsById.get(checkpointId);
  return (
    <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={position}>
      <div className={`map-tooltip__title map-tooltip__title--${severity}`}>
        <span className="map-tooltip__severity">{t(`map.severity.${severity}`)}</span> {t('map.tooltip.hit')}
      </div>
      <dl className="map-tooltip__facts">
        <dt>{t('map.tooltip.status')}</dt>
        <dd>{t(`map.status.${statusOfKey(severityStatus)}`)}</dd>
        <dt>{t('map.tooltip.source')}</dt>
        <dd>{t(`map.source.${sourceOfKey(hits.categories[row * 4 + 1]!)}`)}</dd>
        <dt>{t('map.tooltip.checkpoint')}</dt>
        <dd>{checkpoint ? `${checkpoint.name} · ${countryName(checkpoint.country)}` : t('map.tooltip.unknownCheckpoint', { id: checkpointId })}</dd>
        <dt>{t('map.tooltip.time')}</dt>
        <dd className="map-tooltip__time">{formatUtcTime(hits.atMs[row]!)}</dd>
      </dl>
    </div>
  );
}

/** A checkpoint's open alerts in words: how many, and the newest of them. */
export function PileSummary(props: { readonly hits: HitColumns; readonly checkpoint: Checkpoint }) {
  const { t } = useTranslation();
  const open = props.hits.openAt(props.checkpoint.id);
  const newest = newestOpenAt(props.hits, props.checkpoint.id);
  return (
    <div className="map-pile">
      <div className="map-pile__count" data-testid="pile-count">
        {t('map.pile.open', { count: open })}
      </div>
      {newest.length > 0 && (
        <ul className="map-pile__list">
          {newest.map((entry) => (
            <li key={entry.alertId}>
              <span className={`severity--${entry.severity}`}>{t(`map.severity.${entry.severity}`)}</span> {t(`map.status.${entry.status}`)} ·{' '}
              <span className="map-tooltip__time">{formatUtcTime(entry.atMs)}</span>
            </li>
          ))}
        </ul>
      )}
      {open > newest.length && <div className="map-pile__more">{t('map.pile.more', { count: open - newest.length })}</div>}
    </div>
  );
}
