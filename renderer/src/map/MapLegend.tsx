import { CHECKPOINT_KINDS, SEVERITIES, type CheckpointKind } from '@watchfloor/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { drawKindSymbol } from './checkpoint-icons';
import { SEVERITY_RADIUS, SEVERITY_RGB } from './palette';

/**
 * What the map's marks mean: severity as colour and size, checkpoint kind as shape, the count badge, and
 * (where the operation's own countries stand out) the faint partner pins. A disclosure over the map, so a
 * desk's small map stays clear until the officer opens it; `open` starts it open.
 */
export function MapLegend(props: { readonly partnersFaded: boolean; readonly open: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="map-legend" open={props.open} data-testid="map-legend">
      <summary>{t('map.legend.title')}</summary>
      <ul className="map-legend__list" aria-label={t('map.legend.severities')}>
        {SEVERITIES.map((severity) => {
          const size = SEVERITY_RADIUS[severity] * 2;
          return (
            <li key={severity}>
              <span
                className="map-legend__dot"
                aria-hidden="true"
                style={{ inlineSize: size, blockSize: size, background: `rgb(${SEVERITY_RGB[severity].join(' ')})` }}
              />
              {t(`map.severity.${severity}`)}
            </li>
          );
        })}
      </ul>
      <ul className="map-legend__list" aria-label={t('map.legend.kinds')}>
        {CHECKPOINT_KINDS.map((kind) => (
          <li key={kind}>
            <KindSymbol kind={kind} />
            {t(`map.kind.${kind}`)}
          </li>
        ))}
      </ul>
      <ul className="map-legend__list">
        <li>
          <span className="map-legend__badge" aria-hidden="true">
            3
          </span>
          {t('map.legend.pile')}
        </li>
        {props.partnersFaded && (
          <li>
            <KindSymbol kind="airport" faded />
            {t('map.legend.partner')}
          </li>
        )}
      </ul>
    </details>
  );
}

function KindSymbol(props: { readonly kind: CheckpointKind; readonly faded?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) drawKindSymbol(canvas.current, props.kind, '#009e73');
  }, [props.kind]);
  return <canvas ref={canvas} className={props.faded ? 'map-legend__kind map-legend__kind--faded' : 'map-legend__kind'} aria-hidden="true" />;
}
