import { useTranslation } from 'react-i18next';
import { formatCount, formatDuration } from '../i18n/format';
import type { WallFigures as Figures } from './wall';

/** The operation's key figures in large type, for a wall read from across the room. */
export function WallFigures(props: { readonly figures: Figures }) {
  const { t } = useTranslation();
  const { open, critical, unacknowledged, oldestWaitingMs } = props.figures;
  const figures = [
    ['open', formatCount(open), false],
    ['critical', formatCount(critical), critical > 0],
    ['unacknowledged', formatCount(unacknowledged), false],
    ['oldestWaiting', oldestWaitingMs === undefined ? t('wall.noneWaiting') : formatDuration(oldestWaitingMs), false],
  ] as const;
  return (
    <dl className="wall-figures" aria-label={t('wall.figures')} data-testid="wall-figures">
      {figures.map(([key, value, alarming]) => (
        <div key={key} className={alarming ? 'wall-figure wall-figure--critical' : 'wall-figure'}>
          <dt>{t(`wall.${key}`)}</dt>
          <dd data-testid={`wall-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
