import { debriefCsv, debriefFileName, type DebriefColumn, type ExportLabel, type ExportNotice, type OpsState, type Operation, type TimeRange } from '@watchfloor/shared';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline, TimelineSnapshot } from '../data/timeline';
import { recordExport } from '../data/export-notice';
import { displayZone } from '../i18n/display-zone';
import { exportFooterText, type ExportFooterText } from '../map/export-footer';
import { download } from '../shell/download';
import { PlaybackControls, TimelineBar, shownRange, togglePlayAction, zoomFor, type Zoom } from '../replay';
import { useSession } from './hooks';

/**
 * The shift lead's timeline, docked along the foot of the console: playback controls, the bar, the history
 * load, and the debrief export of the range the bar shows. While the past plays, a zoomed range follows the
 * playhead; standing still, the bar offers the way back to it. Each file of the debrief carries the bureau's handling label, the
 * exporter, the time of export and the operation, and is recorded in the hub's audit trail before it is
 * saved: when the hub cannot record it, nothing is saved and the officer is told why.
 */
export function useTimelineSnapshot(timeline: Timeline | undefined): TimelineSnapshot | undefined {
  return useSyncExternalStore(
    (listener) => timeline?.subscribe(listener) ?? (() => undefined),
    () => timeline?.getSnapshot(),
  );
}

export function TimelinePanel(props: {
  readonly timeline: Timeline;
  readonly snapshot: TimelineSnapshot;
  readonly operation: Operation | undefined;
  /** The hub's latest state, for a debrief of how alerts finally ended when the range reaches now. */
  readonly liveState: OpsState;
  readonly checkpointName: (id: string) => string;
  /** A PNG of the map as shown with the export's footer below it, for the debrief. */
  readonly mapImage: (footer: ExportFooterText) => Promise<Blob | undefined>;
}) {
  const { t } = useTranslation();
  const { timeline, snapshot } = props;
  const { player, log } = snapshot;
  const [zoom, setZoom] = useState<Zoom | undefined>(undefined);
  const whole = { from: player.start, to: player.end };
  const view = shownRange(zoom, player, whole);
  const markerCount = timeline.markers.markers.length;
  const markers = useMemo(() => timeline.markers.between(view.from, view.to), [timeline, view.from, view.to, markerCount]);

  const session = useSession();
  const [exportStatus, setExportStatus] = useState<{ readonly failed: boolean; readonly text: string } | undefined>(undefined);
  const [exporting, setExporting] = useState(false);

  const exportDebrief = async () => {
    const range = { from: Math.floor(view.from), to: Math.ceil(view.to) };
    const asOf = Math.min(range.to, player.currentTime);
    const state = player.mode === 'live' && range.to >= player.end ? props.liveState : timeline.index.stateAt(asOf);
    const label: ExportLabel = {
      handlingLabel: session.store.getSnapshot().hello?.handlingLabel,
      exporter: { id: session.officer.id, name: session.officer.name },
      exportedAt: Date.now(),
      timeZone: displayZone(),
    };
    const input = { operation: props.operation, range, asOf, state, label, columnTitle: (column: DebriefColumn) => t(`debriefCsv.column.${column}`) };
    setExporting(true);
    setExportStatus({ failed: false, text: t('replay.exportRecording') });
    try {
      const image = await props.mapImage(exportFooterText(label, input, t));
      const files: { readonly notice: ExportNotice; readonly blob: Blob }[] = [
        { notice: notice(input, 'debrief-csv', debriefFileName(input)), blob: new Blob([debriefCsv(input)], { type: 'text/csv;charset=utf-8' }) },
        ...(image === undefined ? [] : [{ notice: notice(input, 'debrief-png', debriefFileName(input, 'png')), blob: image }]),
      ];
      // Every file is recorded before any is saved: none leaves the console unaudited.
      for (const file of files) {
        const recorded = await recordExport(session.hubUrl, session.token(), file.notice);
        if (!recorded.ok) return setExportStatus({ failed: true, text: t(`replay.exportNotRecorded.${recorded.reason}`, { detail: recorded.detail }) });
      }
      for (const file of files) download(file.blob, file.notice.fileName);
      const saved = files.map((file) => file.notice.fileName).join(', ');
      setExportStatus({ failed: false, text: t(image === undefined ? 'replay.exportSavedNoMap' : 'replay.exportSaved', { files: saved }) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="timeline-panel" data-testid="timeline-panel">
      <PlaybackControls
        player={player}
        onAction={timeline.dispatch}
        onStep={timeline.step}
        view={view}
        refusal={snapshot.refusal}
        speedClamped={snapshot.speedClamped}
      />
      <TimelineBar
        player={player}
        view={view}
        onViewChange={(next) => setZoom(zoomFor(next, player))}
        histogram={timeline.histogram}
        markers={markers}
        timeZone={displayZone()}
        onSeek={(to) => timeline.dispatch({ type: 'seek', to })}
        onStep={timeline.step}
        onTogglePlay={() => timeline.dispatch(togglePlayAction(player))}
        checkpointName={props.checkpointName}
      >
        {log.loading && (
          <span className="timeline-panel__log" role="status" data-testid="timeline-loading">
            {t('replay.loadingLog', { count: log.held })}
          </span>
        )}
        {log.error !== undefined && (
          <span className="timeline-panel__log timeline-panel__log--error" role="alert">
            {t('replay.logFailed', { message: log.error })}
          </span>
        )}
        {exportStatus !== undefined && (
          <span
            className={`timeline-panel__log${exportStatus.failed ? ' timeline-panel__log--error' : ''}`}
            role={exportStatus.failed ? 'alert' : 'status'}
            data-testid="export-status"
          >
            {exportStatus.text}
          </span>
        )}
        <button type="button" className="button button--small" onClick={() => void exportDebrief()} disabled={exporting} data-testid="export-debrief">
          {t('replay.exportDebrief')}
        </button>
      </TimelineBar>
    </div>
  );
}

function notice(input: { readonly operation: Operation | undefined; readonly range: TimeRange }, what: ExportNotice['what'], fileName: string): ExportNotice {
  return {
    what,
    format: what === 'debrief-csv' ? 'csv' : 'png',
    range: input.range,
    ...(input.operation === undefined ? {} : { operationId: input.operation.id }),
    fileName,
  };
}
