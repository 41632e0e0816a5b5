import { CHECKPOINT_STATUSES, type Checkpoint, type Operation, type OperationFigures } from '@watchfloor/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseText } from '../i18n/coded-text';
import type { PictureClock } from '../data/staleness';
import { countryList, formatCount, formatUtcTime } from '../i18n/format';
import type { HitRate } from './hit-rate';

/**
 * Codename, phase, countries, the figures, checkpoint health and the hit rate. The figures are counted from
 * the alerts on this console (the queue's picture, scoped as it is); the operation's own report (checks,
 * victims rescued) is shown apart, named as such, and only to officers who see the whole operation. Rates
 * are over sliding windows ending at the screen's clock, stated when it is not the live one.
 */
export function OperationStatus(props: {
  readonly operation: Operation | undefined;
  readonly checkpoints: readonly Checkpoint[];
  readonly figures: OperationFigures;
  readonly hitRate: HitRate;
  readonly clock: PictureClock;
  /** A country-scoped officer: figures of the whole operation are not theirs to see. */
  readonly scoped: boolean;
}) {
  const { t } = useTranslation();
  const { hitRate, clock } = props;
  const second = Math.floor(clock.at / 1000) * 1000;
  const hitsVersion = hitRate.version;
  const rate = useMemo(() => ({ last: hitRate.within(second, 60_000), series: hitRate.series(second, 60, 60_000) }), [hitRate, hitsVersion, second]);
  const health = useMemo(() => {
    const counts = { online: 0, degraded: 0, offline: 0 };
    for (const checkpoint of props.checkpoints) counts[checkpoint.status] += 1;
    return counts;
  }, [props.checkpoints]);
  const operation = props.operation;
  if (operation === undefined) return <p className="empty-state">{t('empty.status')}</p>;
  const time = formatUtcTime(clock.at, { date: false, zone: false });
  const rateLabel =
    clock.basis === 'live' ? t('status.rate', { count: rate.last }) : t(clock.basis === 'as-of' ? 'status.rateAsOf' : 'status.rateAt', { count: rate.last, time });
  const derived = [
    ['hits', props.figures.hits],
    ['open', props.figures.open],
    ['critical', props.figures.critical],
    ['arrests', props.figures.arrests],
    ['documentsSeized', props.figures.documentsSeized],
  ] as const;
  const reported = [
    ['checks', operation.counters.checks],
    ['victimsRescued', operation.counters.victimsRescued],
  ] as const;
  return (
    <div className={`opstatus opstatus--${clock.basis}`} data-testid="operation-status">
      <div className="opstatus__id">
        <span className="opstatus__codename">{operation.codename}</span>
        <span className={`opstatus__state opstatus__state--${operation.status}`}>{t(`operationStatus.${operation.status}`)}</span>
        <span className="opstatus__phase">{phaseText(t, operation.phase)}</span>
        <span className="opstatus__countries" title={countryList(operation.countries)}>
          {t('status.countries', { count: operation.countries.length })}
        </span>
      </div>
      <div className="opstatus__figures">
        <dl className="counters" title={t(props.scoped ? 'status.derivedScoped' : 'status.derived')}>
          {derived.map(([key, value]) => (
            <div key={key} className="counter">
              <dt>{t(`status.counters.${key}`)}</dt>
              <dd data-testid={`counter-${key}`}>{formatCount(value)}</dd>
            </div>
          ))}
        </dl>
        {!props.scoped && (
          <div className="counters--reported" role="group" aria-labelledby="reported-caption" title={t('status.reportedTitle')}>
            <span className="counters__caption" id="reported-caption">
              {t('status.reported')}
            </span>
            <dl className="counters">
              {reported.map(([key, value]) => (
                <div key={key} className="counter">
                  <dt>{t(`status.counters.${key}`)}</dt>
                  <dd data-testid={`counter-${key}`}>{formatCount(value)}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
      <div className="opstatus__row">
        <div className="checkpoint-health" aria-label={t('status.checkpoints')}>
          {CHECKPOINT_STATUSES.map((status) => (
            <span key={status} className={`health health--${status}`} data-testid={`checkpoints-${status}`}>
              <span className="health__mark" aria-hidden="true" />
              {t(`map.checkpointStatus.${status}`)} {formatCount(health[status])}
            </span>
          ))}
        </div>
        <Sparkline values={rate.series} label={rateLabel} stale={clock.basis === 'as-of'} />
      </div>
    </div>
  );
}

function Sparkline(props: { readonly values: readonly number[]; readonly label: string; readonly stale: boolean }) {
  const width = 180;
  const height = 32;
  const max = Math.max(1, ...props.values);
  const step = width / Math.max(1, props.values.length - 1);
  const points = props.values.map((value, index) => `${(index * step).toFixed(1)},${(height - (value / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <figure className={props.stale ? 'sparkline sparkline--stale' : 'sparkline'} data-testid="hit-rate">
      <svg width={width} height={height} role="img" aria-label={props.label}>
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
