import { useTranslation } from 'react-i18next';
import { revealPurposeLabel } from '../detail/reveal-purposes';
import { refusalText } from '../i18n/coded-text';
import { shortHitId, type AuditRow } from './view-model';

/** One record of the trail as a table row; `suspect`: at or after the break in the chain. */
export function TrailRow(props: { readonly row: AuditRow; readonly selected: boolean; readonly suspect: boolean; readonly onSelect: () => void }) {
  const { t } = useTranslation();
  const { row } = props;
  const classes = ['audit-row', `audit-row--${row.act}`, props.selected ? 'audit-row--selected' : '', props.suspect ? 'audit-row--suspect' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} aria-selected={props.selected} onClick={props.onSelect} data-seq={row.seq} data-testid="audit-row">
      <td className="audit-table__num">
        {props.suspect && (
          <span className="audit-row__suspect" title={t('dataProtection.trail.suspect')}>
            ⚠{' '}
          </span>
        )}
        {row.seq}
      </td>
      <td className="audit-table__time">
        <time dateTime={row.iso}>{row.utc}</time>
      </td>
      <td className="audit-table__time audit-table__dim">{row.local}</td>
      <td>
        <span className={`audit-act audit-act--${row.act}`}>{t(`dataProtection.acts.${row.act}`)}</span>
      </td>
      <td className="audit-table__wrap" title={row.officerId}>
        {row.officerName ?? <span className="audit-table__dim">{t(row.act === 'sign-in-failed' ? 'dataProtection.trail.nobody' : 'dataProtection.trail.hub')}</span>}
      </td>
      <td className="audit-table__mono" title={row.hitId}>
        {row.hitId === undefined ? '' : shortHitId(row.hitId)}
      </td>
      <td className="audit-table__wrap" title={row.purpose}>{row.purpose === undefined ? '' : revealPurposeLabel(row.purpose, undefined, t)}</td>
      <td className="audit-table__details">
        {t(`dataProtection.summary.${row.summary.key}`, row.summary.refusal === undefined ? row.summary.values : { ...row.summary.values, message: refusalText(t, row.summary.refusal) })}
      </td>
      <td className="audit-table__mono audit-table__dim">{row.source ?? ''}</td>
      <td className="audit-table__mono audit-table__dim">{row.shortHash}</td>
    </tr>
  );
}
