import { CHECKPOINT_KINDS, SOURCES, type CheckpointKind, type SourceDatabase } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';
import { byCountryName } from '../i18n/format';
import type { QueueFilter } from '../queue/queue-model';

/**
 * Source database, checkpoint kind and country: one filter for queue and map alike (the map applies it on
 * the GPU). One choice per dimension keeps the bar small; "All" clears it.
 */
export function MapFilterBar(props: { readonly filter: QueueFilter; readonly onFilter: (filter: QueueFilter) => void; readonly countries: readonly string[] }) {
  const { t } = useTranslation();
  const { filter } = props;
  return (
    <div className="map-filters" role="group" aria-label={t('filters.label')}>
      <label className="select">
        <span>{t('filters.source')}</span>
        <select
          value={filter.sources[0] ?? ''}
          onChange={(event) => props.onFilter({ ...filter, sources: event.target.value ? [event.target.value as SourceDatabase] : [] })}
        >
          <option value="">{t('filters.all')}</option>
          {SOURCES.map((source) => (
            <option key={source} value={source}>
              {t(`queue.sourceShort.${source}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span>{t('filters.kind')}</span>
        <select
          value={filter.kinds[0] ?? ''}
          onChange={(event) => props.onFilter({ ...filter, kinds: event.target.value ? [event.target.value as CheckpointKind] : [] })}
        >
          <option value="">{t('filters.all')}</option>
          {CHECKPOINT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`map.kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span>{t('filters.country')}</span>
        <select value={filter.countries[0] ?? ''} onChange={(event) => props.onFilter({ ...filter, countries: event.target.value ? [event.target.value] : [] })}>
          <option value="">{t('filters.all')}</option>
          {byCountryName(props.countries).map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
