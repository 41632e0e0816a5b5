import type { AuditExportFormat } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n/format';

/** Where an export of the trail stands: reading pages, saved (and which record of the trail says so), or failed. */
export type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly format: AuditExportFormat; readonly records: number }
  | { readonly kind: 'done'; readonly format: AuditExportFormat; readonly records: number; readonly seq: number; readonly file: string }
  | { readonly kind: 'failed'; readonly message: string };

export function ExportStatus(props: { readonly state: ExportState }) {
  const { t } = useTranslation();
  const { state } = props;
  if (state.kind === 'idle') return null;
  return (
    <p className={`audit-export audit-export--${state.kind}`} role="status" data-testid="export-status">
      {state.kind === 'running' && t('dataProtection.export.running', { format: state.format.toUpperCase(), records: formatCount(state.records) })}
      {state.kind === 'done' && t('dataProtection.export.done', { format: state.format.toUpperCase(), count: state.records, records: formatCount(state.records), seq: String(state.seq), file: state.file })}
      {state.kind === 'failed' && t('dataProtection.export.failed', { message: state.message })}
    </p>
  );
}
