import { CHECKPOINT_STATUSES, type Checkpoint, type Operation } from '@watchfloor/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n/numbers';
import type { HitsByMinute } from './hits-per-minute';

/** Codename, phase, countries, counters, checkpoint health and the hit rate of the last hour. */
export function OperationStatus(props: {
  readonly operation: Operation | undefined;
  readonly checkpoints: readonly Checkpoint[];
  readonly hitsByMinute: HitsByMinute;
  readonly now: number;
}) {
  const { t } = useTranslation();
  const minute = Math.floor(props.now / 60_000);
  const { hitsByMinute } = props;
  const hitsVersion = hitsByMinute.version;
  const rate = useMemo(() => hitsByMinute.lastMinutes(minute * 60_000 + 59_999), [hitsByMinute, hitsVersion, minute]);
  const health = useMemo(() => {
    const counts = { online: 0, degraded: 0, offline: 0 };
    for (const checkpoint of props.checkpoints) counts[checkpoint.status] += 1;
    return counts;
  }, [props.checkpoints]);
  const operation = props.operation;
  if (operation === undefined) return <p className="empty-state">{t('empty.status')}</p>;
  const counters = operation.counters;
  return (
    <div className="opstatus" data-testid="operation-status">
      <div className="opstatus__id">
        <span className="opstatus__codename">{operation.codename}</span>
        <span className={`opstatus__state opstatus__state--${operation.status}`}>{t(`operationStatus.${operation.status}`)}</span>
        <span className="opstatus__phase">{operation.phase}</span>
        <span className="opstatus__countries" title={operation.countries.join(', ')}>
          {t('status.countries', { count: operation.countries.length })}
        </span>
      </div>
      <dl className="counters">
        {(
          [
            ['checks', counters.checks],
            ['hits', counters.hits],
            ['arrests', counters.arrests],
            ['victimsRescued', counters.victimsRescued],
            ['documentsSeized', counters.documentsSeized],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="counter">
            <dt>{t(`status.counters.${key}`)}</dt>
            <dd data-testid={`counter-${key}`}>{formatCount(value, 'en-GB')}</dd>
          </div>
        ))}
      </dl>
      <div className="opstatus__row">
        <div className="checkpoint-health" aria-label={t('status.checkpoints')}>
          {CHECKPOINT_STATUSES.map((status) => (
            <span key={status} className={`health health--${status}`} data-testid={`checkpoints-${status}`}>
              <span className="health__mark" aria-hidden="true" />
              {t(`map.checkpointStatus.${status}`)} {health[status]}
            </span>
          ))}
        </div>
        <Sparkline values={rate} label={t('status.rate', { count: rate[rate.length - 1] ?? 0 })} />
      </div>
    </div>
  );
}

function Sparkline(props: { readonly values: readonly number[]; readonly label: string }) {
  const width = 180;
  const height = 32;
  const max = Math.max(1, ...props.values);
  const step = width / Math.max(1, props.values.length - 1);
  const points = props.values.map((value, index) => `${(index * step).toFixed(1)},${(height - (value / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <figure className="sparkline">
      <svg width={width} height={height} role="img" aria-label={props.label}>
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
