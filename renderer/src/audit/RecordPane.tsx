import { canonicalJson, formatIsoUtc, type AuditRecord } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';
import { revealPurposeLabel } from '../detail/reveal-purposes';
import { formatLocalTime, formatUtcTime } from '../i18n/format';

/** The selected record whole: every field, the details as JSON, both hashes, and whether the chain vouches for it. */
export function RecordPane(props: { readonly record: AuditRecord | undefined; readonly zone: string; readonly brokenFrom: number | undefined }) {
  const { t } = useTranslation();
  const { record } = props;
  return (
    <aside className="panel audit-record" aria-labelledby="audit-record-heading" data-testid="audit-record" tabIndex={0}>
      <h2 className="panel__title" id="audit-record-heading">
        {record ? t('dataProtection.record.title', { seq: String(record.seq) }) : t('dataProtection.record.none')}
      </h2>
      {record && props.brokenFrom !== undefined && record.seq >= props.brokenFrom && (
        <p className="audit-record__suspect" role="note">
          ⚠ {record.seq === props.brokenFrom ? t('dataProtection.record.breaksHere') : t('dataProtection.record.afterBreak', { seq: String(props.brokenFrom) })}
        </p>
      )}
      {record && (
        <dl className="audit-record__fields">
          <dt>{t('dataProtection.column.act')}</dt>
          <dd>{t(`dataProtection.acts.${record.act}`)}</dd>
          <dt>{t('dataProtection.record.time')}</dt>
          <dd>
            <time dateTime={formatIsoUtc(record.at)}>{formatUtcTime(record.at)}</time>
            <br />
            <span className="audit-table__dim">{formatLocalTime(record.at, props.zone)}</span>
          </dd>
          <dt>{t('dataProtection.column.officer')}</dt>
          <dd>{record.officer ? `${record.officer.name} (${record.officer.id})` : t(record.act === 'sign-in-failed' ? 'dataProtection.trail.nobody' : 'dataProtection.trail.hub')}</dd>
          {record.source !== undefined && (
            <>
              <dt>{t('dataProtection.column.source')}</dt>
              <dd className="audit-table__mono">{record.source}</dd>
            </>
          )}
          {record.hitId !== undefined && (
            <>
              <dt>{t('dataProtection.column.hit')}</dt>
              <dd className="audit-table__mono">{record.hitId}</dd>
            </>
          )}
          {'purpose' in record.details && typeof record.details.purpose === 'string' && (
            <>
              <dt>{t('dataProtection.column.purpose')}</dt>
              <dd>
                {revealPurposeLabel(record.details.purpose, undefined, t)} <span className="audit-table__dim">({record.details.purpose})</span>
              </dd>
            </>
          )}
          <dt>{t('dataProtection.record.details')}</dt>
          <dd>
            <pre className="audit-record__json">{JSON.stringify(JSON.parse(canonicalJson(record.details)), undefined, 2)}</pre>
          </dd>
          <dt>{t('dataProtection.record.prevHash')}</dt>
          <dd className="audit-record__hash">{record.prevHash}</dd>
          <dt>{t('dataProtection.record.hash')}</dt>
          <dd className="audit-record__hash" data-testid="record-hash">
            {record.hash}
          </dd>
        </dl>
      )}
    </aside>
  );
}
