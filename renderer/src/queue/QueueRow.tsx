import { escalationDeadline, type Alert } from '@watchfloor/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatDuration, formatUtcTime } from '../i18n/format';
import type { PendingCommand } from '../data/live-store';
import { SeverityBadge, StatusChip } from '../live/labels';
import { urgencyOf } from './queue-model';

/**
 * One alert in the queue, its age and escalation deadline counted on the screen's one clock (`now`). While
 * the picture is stale the deadline is the hub's time, not a countdown that would run on without it. Memoised: a batch re-renders only the rows in view whose alert, pending stage,
 * selection or clock changed, not every row in view.
 */
export interface QueueRowProps {
  readonly alert: Alert;
  /** Position in the list, px. */
  readonly top: number;
  readonly height: number;
  readonly pending: PendingCommand['stage'] | undefined;
  readonly selected: boolean;
  readonly checked: boolean;
  readonly now: number;
  /** The picture is as of `now`, not live: the deadline is shown as a time, never as a countdown. */
  readonly stale: boolean;
  readonly checkpointName: (id: string) => string;
  readonly onSelect: (alertId: string) => void;
  readonly onOpen: (alertId: string) => void;
  readonly onToggleChecked: (alertId: string) => void;
}

export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { t } = useTranslation();
  const { alert, selected } = props;
  const { urgency, remainingMs } = urgencyOf(alert, props.now);
  return (
    <div
      id={`alert-row-${alert.id}`}
      role="option"
      aria-selected={selected}
      aria-checked={props.checked}
      data-alert-id={alert.id}
      data-status={alert.status}
      className={`queue-row queue-row--${alert.hit.severity} queue-row--${urgency}${selected ? ' queue-row--selected' : ''}`}
      style={{ position: 'absolute', insetInlineStart: 0, insetInlineEnd: 0, insetBlockStart: props.top, blockSize: props.height }}
      onClick={() => props.onSelect(alert.id)}
      onDoubleClick={() => props.onOpen(alert.id)}
    >
      {/* A mark for bulk acknowledgement: the row itself carries it (aria-checked, key `x`), so the mark is a
          picture that a click toggles, not a control nested in the option. */}
      <span
        className={`queue-row__check${props.checked ? ' queue-row__check--on' : ''}`}
        aria-hidden="true"
        title={t('queue.select')}
        onClick={(event) => {
          event.stopPropagation();
          props.onToggleChecked(alert.id);
        }}
      />
      <div className="queue-row__main">
        <div className="queue-row__line">
          <SeverityBadge severity={alert.hit.severity} />
          <span className="queue-row__source">{t(`queue.sourceShort.${alert.hit.source}`)}</span>
          <span className="queue-row__checkpoint" title={props.checkpointName(alert.hit.checkpointId)}>
            {props.checkpointName(alert.hit.checkpointId)}
          </span>
        </div>
        <div className="queue-row__line queue-row__line--meta">
          <StatusChip status={alert.status} level={alert.level} />
          {props.pending && <span className="pending-chip">{t(props.pending === 'queued' ? 'queue.queued' : 'queue.pending')}</span>}
          <span className="queue-row__holder" title={alert.holder ? alert.holder.name : undefined}>{alert.holder ? alert.holder.name : t('queue.unheld')}</span>
          <span className="queue-row__country" title={countryName(alert.hit.country)}>
            {alert.hit.country}
          </span>
        </div>
      </div>
      <div className="queue-row__time">
        <span className="queue-row__age" title={t('queue.age')}>
          {formatDuration(props.now - alert.hit.at)}
        </span>
        {remainingMs !== undefined &&
          (props.stale ? (
            <span className="deadline deadline--stale" title={t('queue.deadlineStaleTitle')}>
              {t(urgency === 'overdue' ? 'queue.wasDue' : 'queue.due', { time: formatUtcTime(escalationDeadline(alert)!.at, { date: false, zone: false }) })}
            </span>
          ) : (
            <span className={`deadline deadline--${urgency}`} title={t('queue.deadlineTitle')}>
              {urgency === 'overdue' ? t('queue.overdue') : t('queue.escalatesIn', { time: formatDuration(remainingMs) })}
            </span>
          ))}
      </div>
    </div>
  );
});
