import type { Checkpoint } from '@watchfloor/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatUtcTime } from '../i18n/format';
import { newestOpenAt } from './aggregates';
import type { HitColumns } from './hit-columns';

/**
 * The list a click on a checkpoint (or its count badge) pins open: its newest open alerts, each one a button
 * that selects it. Takes the focus when it opens, closes with Escape or its close button.
 */
export function PinnedPile(props: {
  readonly checkpoint: Checkpoint;
  readonly hits: HitColumns;
  readonly x: number;
  readonly y: number;
  readonly onSelectAlert: ((alertId: string) => void) | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [props.checkpoint.id]);
  const { checkpoint, hits } = props;
  const open = hits.openAt(checkpoint.id);
  const newest = newestOpenAt(hits, checkpoint.id);
  return (
    <section
      ref={box}
      className="map-popup"
      style={{ left: props.x + 14, top: props.y + 14 }}
      aria-label={checkpoint.name}
      tabIndex={-1}
      data-testid="map-pile"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        props.onClose();
      }}
    >
      <div className="map-popup__head">
        <span className="map-tooltip__title">
          {checkpoint.name} · {countryName(checkpoint.country)}
        </span>
        <button type="button" className="map-popup__close" onClick={props.onClose} aria-label={t('map.pile.close')}>
          ×
        </button>
      </div>
      <div className="map-pile__count" data-testid="pile-count">
        {t('map.pile.open', { count: open })}
      </div>
      <ul className="map-pile__list">
        {newest.map((entry) => (
          <li key={entry.alertId}>
            <button
              type="button"
              className="map-pile__alert"
              disabled={props.onSelectAlert === undefined}
              onClick={() => props.onSelectAlert?.(entry.alertId)}
            >
              <span className={`severity--${entry.severity}`}>{t(`map.severity.${entry.severity}`)}</span> {t(`map.status.${entry.status}`)} ·{' '}
              <span className="map-tooltip__time">{formatUtcTime(entry.atMs)}</span>
            </button>
          </li>
        ))}
      </ul>
      {open > newest.length && <div className="map-pile__more">{t('map.pile.more', { count: open - newest.length })}</div>}
    </section>
  );
}
