import type { AlertStatus, Severity } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';

/**
 * Severity is never shown by colour alone: every badge has a shape and a word. Shapes: critical a
 * diamond, high a triangle, medium a square, low a circle.
 */
const SHAPES: Readonly<Record<Severity, string>> = { critical: '◆', high: '▲', medium: '■', low: '●' };

export function SeverityBadge(props: { readonly severity: Severity; readonly compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${props.severity}`} data-severity={props.severity}>
      <span className="severity__shape" aria-hidden="true">
        {SHAPES[props.severity]}
      </span>
      <span className={props.compact ? 'severity__word severity__word--compact' : 'severity__word'}>{t(`map.severity.${props.severity}`)}</span>
    </span>
  );
}

export function StatusChip(props: { readonly status: AlertStatus; readonly level: number }) {
  const { t } = useTranslation();
  return (
    <span className={`status-chip status-chip--${props.status}`} data-status={props.status}>
      {t(`map.status.${props.status}`)}
      {props.status === 'escalated' ? ` ${t('escalationLevel.short', { level: props.level })}` : ''}
    </span>
  );
}
