import { SEVERITIES, formatDuration, type Alert, type Officer, type Severity } from '@watchfloor/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isPending, type LiveSnapshot } from '../data/live-store';
import { SeverityBadge, StatusChip } from '../live/labels';
import type { QueueRows } from './ordered-rows';
import type { QueueCounts } from './queue-index';
import { urgencyOf, type QueueFilter, type StatusFilter } from './queue-model';

/**
 * The duty officer's work list: virtualised, so thousands of alerts scroll smoothly; one row per alert with
 * severity (shape and word), source, checkpoint, age and a deadline timer that turns urgent as the hub's
 * automatic escalation nears.
 */
export interface AlertQueueProps {
  readonly rows: QueueRows;
  readonly counts: QueueCounts;
  readonly filter: QueueFilter;
  readonly onFilter: (filter: QueueFilter) => void;
  readonly selectedId: string | undefined;
  /** Where the selected alert is among `rows`, or -1. */
  readonly selectedIndex: number;
  readonly onSelect: (alertId: string) => void;
  readonly onOpen: (alertId: string) => void;
  readonly checked: ReadonlySet<string>;
  readonly onToggleChecked: (alertId: string) => void;
  readonly onBulkAcknowledge: (() => void) | undefined;
  readonly snapshot: LiveSnapshot;
  readonly officer: Officer;
  readonly now: number;
  readonly checkpointName: (id: string) => string;
}

const ROW_HEIGHT = 52;
const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'unacknowledged', 'resolved', 'all'];

export function AlertQueue(props: AlertQueueProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => props.rows.at(index).id,
  });
  const { selectedIndex } = props;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const toggleSeverity = (severity: Severity) => {
    const has = props.filter.severities.includes(severity);
    props.onFilter({
      ...props.filter,
      severities: has ? props.filter.severities.filter((s) => s !== severity) : [...props.filter.severities, severity],
    });
  };

  return (
    <div className="queue">
      <div className="queue__counts" aria-label={t('queue.countsLabel')}>
        {SEVERITIES.map((severity) => (
          <button
            key={severity}
            type="button"
            className={`count-chip count-chip--${severity}`}
            aria-pressed={props.filter.severities.includes(severity)}
            onClick={() => toggleSeverity(severity)}
            title={t('queue.filterSeverity')}
          >
            <SeverityBadge severity={severity} compact />
            <span className="count-chip__value" data-testid={`count-${severity}`}>
              {props.counts.bySeverity[severity]}
            </span>
          </button>
        ))}
        <span className="queue__unack" data-testid="count-unacknowledged">
          {t('queue.unacknowledged', { count: props.counts.unacknowledged })}
        </span>
      </div>
      <div className="queue__filters">
        <label className="search">
          <span className="visually-hidden">{t('queue.search')}</span>
          <input
            id="queue-search"
            type="search"
            value={props.filter.text}
            placeholder={t('queue.searchPlaceholder')}
            aria-label={t('queue.search')}
            onChange={(event) => props.onFilter({ ...props.filter, text: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Escape' || event.key === 'Enter') (event.target as HTMLInputElement).blur();
            }}
          />
        </label>
        <label className="select">
          <span className="visually-hidden">{t('queue.statusFilter')}</span>
          <select
            value={props.filter.status}
            onChange={(event) => props.onFilter({ ...props.filter, status: event.target.value as StatusFilter })}
            aria-label={t('queue.statusFilter')}
          >
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {t(`queue.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={props.filter.mine} onChange={(event) => props.onFilter({ ...props.filter, mine: event.target.checked })} />
          {t('queue.mine', { count: props.counts.mine })}
        </label>
        {props.onBulkAcknowledge && props.checked.size > 0 && (
          <button type="button" className="button button--small" onClick={props.onBulkAcknowledge}>
            {t('queue.bulkAcknowledge', { count: props.checked.size })}
          </button>
        )}
      </div>
      <div
        className="queue__list"
        ref={scroller}
        role="listbox"
        aria-label={t('panels.queue')}
        aria-activedescendant={props.selectedId ? `alert-row-${props.selectedId}` : undefined}
        tabIndex={0}
        data-testid="alert-queue"
      >
        {props.rows.length === 0 && <p className="empty-state">{t('empty.queue')}</p>}
        <div style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const alert = props.rows.at(item.index);
            const pending = isPending(props.snapshot, alert.id);
            const { urgency, remainingMs } = urgencyOf(alert, props.now);
            const selected = alert.id === props.selectedId;
            return (
              <div
                key={item.key}
                id={`alert-row-${alert.id}`}
                role="option"
                aria-selected={selected}
                data-alert-id={alert.id}
                data-status={alert.status}
                className={`queue-row queue-row--${alert.hit.severity} queue-row--${urgency}${selected ? ' queue-row--selected' : ''}`}
                style={{ position: 'absolute', insetInlineStart: 0, insetInlineEnd: 0, insetBlockStart: item.start, blockSize: ROW_HEIGHT }}
                onClick={() => props.onSelect(alert.id)}
                onDoubleClick={() => props.onOpen(alert.id)}
              >
                <input
                  type="checkbox"
                  className="queue-row__check"
                  aria-label={t('queue.select')}
                  checked={props.checked.has(alert.id)}
                  onChange={() => props.onToggleChecked(alert.id)}
                  onClick={(event) => event.stopPropagation()}
                  tabIndex={-1}
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
                    {pending && <span className="pending-chip">{t(pending.stage === 'queued' ? 'queue.queued' : 'queue.pending')}</span>}
                    <span className="queue-row__holder">{alert.holder ? alert.holder.name : t('queue.unheld')}</span>
                    <span className="queue-row__country">{alert.hit.country}</span>
                  </div>
                </div>
                <div className="queue-row__time">
                  <span className="queue-row__age" title={t('queue.age')}>
                    {formatDuration(props.now - alert.hit.at)}
                  </span>
                  {remainingMs !== undefined && (
                    <span className={`deadline deadline--${urgency}`} title={t('queue.deadlineTitle')}>
                      {urgency === 'overdue' ? t('queue.overdue') : t('queue.escalatesIn', { time: formatDuration(remainingMs) })}
                    </span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
