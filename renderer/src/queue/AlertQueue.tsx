import { SEVERITIES, type Officer, type Severity } from '@watchfloor/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatUtcTime } from '../i18n/format';
import { isPending, type LiveSnapshot } from '../data/live-store';
import type { PictureClock } from '../data/staleness';
import { awaitingFirstPicture } from '../live/first-picture';
import { SeverityBadge } from '../live/labels';
import type { QueueRows } from './ordered-rows';
import type { QueueCounts } from './queue-index';
import { useRowWindow } from './row-window';
import type { QueueFilter, StatusFilter } from './queue-model';
import { QueueRow } from './QueueRow';

/**
 * The duty officer's work list: only the rows in view are rendered (`useRowWindow`), so a queue of a million alerts scrolls and updates as smoothly as a short one; one row per alert with
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
  /** The one clock ages and deadlines are counted on; the queue states it. */
  readonly clock: PictureClock;
  readonly checkpointName: (id: string) => string;
}

const ROW_HEIGHT = 52;
const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'unacknowledged', 'resolved', 'all'];

export function AlertQueue(props: AlertQueueProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const rowWindow = useRowWindow(scroller, props.rows.length, ROW_HEIGHT, 8);
  const { selectedIndex } = props;
  const { scrollToIndex } = rowWindow;
  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);
  // A new search starts at its first match.
  const searching = props.filter.text.trim() !== '';
  useEffect(() => {
    if (searching) scrollToIndex(0);
  }, [props.filter.text, searching, scrollToIndex]);
  const loading = awaitingFirstPicture(props.snapshot);

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
              {loading ? '–' : formatCount(props.counts.bySeverity[severity])}
            </span>
          </button>
        ))}
        <span className="queue__unack" data-testid="count-unacknowledged">
          {loading ? '' : t('queue.unacknowledged', { count: props.counts.unacknowledged })}
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
        <span className="queue__matches" role="status" data-testid="search-matches">
          {searching && !loading ? t('queue.matches', { count: props.rows.length }) : ''}
        </span>
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
      <p className={`queue__clock queue__clock--${props.clock.basis}`} data-testid="queue-clock">
        {t(`queue.clock.${props.clock.basis}`, { time: formatUtcTime(props.clock.at, { date: false, zone: false }) })}
      </p>
      <div
        className="queue__list"
        id="alert-queue-list"
        ref={scroller}
        role="listbox"
        aria-label={t('panels.queue')}
        aria-activedescendant={props.selectedId ? `alert-row-${props.selectedId}` : undefined}
        tabIndex={0}
        data-testid="alert-queue"
      >
        {props.rows.length === 0 &&
          (loading ? (
            <p className="empty-state empty-state--loading" role="status" data-testid="queue-loading">
              {t('empty.queueLoading')}
            </p>
          ) : (
            <p className="empty-state">{t('empty.queue')}</p>
          ))}
        <div style={{ blockSize: rowWindow.totalSize, position: 'relative' }}>
          {Array.from({ length: Math.max(0, rowWindow.end - rowWindow.first) }, (_, offset) => {
            const index = rowWindow.first + offset;
            const alert = props.rows.at(index);
            return (
              <QueueRow
                key={alert.id}
                alert={alert}
                top={index * ROW_HEIGHT}
                height={ROW_HEIGHT}
                pending={isPending(props.snapshot, alert.id)?.stage}
                selected={alert.id === props.selectedId}
                checked={props.checked.has(alert.id)}
                now={props.clock.at}
                stale={props.clock.basis === 'as-of'}
                checkpointName={props.checkpointName}
                onSelect={props.onSelect}
                onOpen={props.onOpen}
                onToggleChecked={props.onToggleChecked}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
