import { debriefCsv, debriefFileName, type OpsState, type Operation, type TimeRange } from '@watchfloor/shared';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline, TimelineSnapshot } from '../data/timeline';
import { displayZone } from '../i18n/display-zone';
import { download } from '../shell/download';
import { PlaybackControls, TimelineBar, togglePlayAction } from '../replay';

/**
 * The shift lead's timeline under the map: playback controls, the bar, the history load, and the debrief
 * export of the range the bar shows.
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
  /** A PNG of the map as shown, for the debrief. */
  readonly mapImage: () => Promise<Blob | undefined>;
}) {
  const { t } = useTranslation();
  const { timeline, snapshot } = props;
  const { player, log } = snapshot;
  const [zoom, setZoom] = useState<TimeRange | undefined>(undefined);
  const view = zoom ?? { from: player.start, to: player.end };
  const markerCount = timeline.markers.markers.length;
  const markers = useMemo(() => timeline.markers.between(view.from, view.to), [timeline, view.from, view.to, markerCount]);

  const exportDebrief = async () => {
    const range = view;
    const asOf = Math.min(range.to, player.currentTime);
    const state = player.mode === 'live' && range.to >= player.end ? props.liveState : timeline.index.stateAt(asOf);
    const input = { operation: props.operation, range, asOf, state };
    download(new Blob([debriefCsv(input)], { type: 'text/csv;charset=utf-8' }), debriefFileName(input));
    const image = await props.mapImage();
    if (image !== undefined) download(image, debriefFileName(input, 'png'));
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
        onViewChange={(next) => setZoom(next.from <= player.start && next.to >= player.end ? undefined : next)}
        histogram={timeline.histogram}
        markers={markers}
        timeZone={displayZone()}
        onSeek={(to) => timeline.dispatch({ type: 'seek', to })}
        onStep={timeline.step}
        onTogglePlay={() => timeline.dispatch(togglePlayAction(player))}
        checkpointName={props.checkpointName}
      />
      <div className="timeline-panel__footer">
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
        <button type="button" className="button button--small" onClick={() => void exportDebrief()} data-testid="export-debrief">
          {t('replay.exportDebrief')}
        </button>
      </div>
    </div>
  );
}
