import {
  formatIsoUtc,
  type HitHistogram,
  type PlayerState,
  type StepDirection,
  type TimelineMarker,
  type TimeRange,
} from '@watchfloor/shared';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { formatLocalTime, formatPercent, formatUtcTime } from '../i18n/format';
import { useTranslation } from 'react-i18next';
import { phaseText } from '../i18n/coded-text';
import { useReplayText, type ReplayText } from './text';
import { fractionOf, keyIntent, panToInclude, playheadPlacement, timeAt, zoomTo } from './timeline-geometry';
import './replay.css';

/**
 * The operation on one bar: hits per interval, markers (escalations, phase changes, checkpoint outages),
 * the ranges held locally, the live edge and the playhead. Drag to scrub, click to seek, Shift+drag to zoom
 * to a range; with focus, the keys of `keyIntent`. When the playhead is outside a zoomed range, the bar says
 * on which side and offers to show it. Props only: the screen owns the player and the index.
 *
 * Time runs left to right in every language, right-to-left ones included (as on a chart's time axis and a
 * media player's progress bar): earlier is left, the playhead moves right while playing, a drag measures
 * from the left edge, and the right arrow steps forward. Only the words around the bar follow the layout.
 */
export interface TimelineBarProps {
  readonly player: PlayerState;
  /** The visible range (the zoom); the whole operation is `{from: player.start, to: player.end}`. */
  readonly view: TimeRange;
  readonly onViewChange: (view: TimeRange) => void;
  readonly histogram: Pick<HitHistogram, 'bins' | 'total'>;
  /** Markers of the visible range (`MarkerTrack.between(view.from, view.to)`). */
  readonly markers: readonly TimelineMarker[];
  /** IANA zone of "local" labels: the bureau's display zone. */
  readonly timeZone: string;
  readonly onSeek: (time: number) => void;
  readonly onStep: (direction: StepDirection) => void;
  readonly onTogglePlay: () => void;
  readonly checkpointName?: (id: string) => string;
  /** Histogram columns; the bar stretches them to its width. */
  readonly columns?: number;
  /** More of the screen's own, at the end of the bar's footer line. */
  readonly children?: ReactNode;
}

const HEIGHT = 100;
type Drag = { readonly kind: 'scrub' } | { readonly kind: 'zoom'; readonly from: number; readonly to: number };

export function TimelineBar(props: TimelineBarProps) {
  const say = useReplayText();
  const track = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | undefined>(undefined);
  const { player, view } = props;
  const columns = props.columns ?? 240;
  const operation = { from: player.start, to: player.end };

  // `total` is in the deps because the histogram grows in place as events are appended.
  const bars = useMemo(() => histogramPath(props.histogram.bins(view.from, view.to, columns)), [props.histogram, props.histogram.total, view.from, view.to, columns]);

  const x = (time: number) => fractionOf(view, time) * columns;
  const timeOfPointer = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return timeAt(view, (event.clientX - box.left) / Math.max(1, box.width));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    track.current?.focus();
    const time = timeOfPointer(event);
    if (event.shiftKey) setDrag({ kind: 'zoom', from: time, to: time });
    else {
      setDrag({ kind: 'scrub' });
      props.onSeek(time);
    }
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag === undefined) return;
    const time = timeOfPointer(event);
    if (drag.kind === 'zoom') setDrag({ ...drag, to: time });
    else props.onSeek(time);
  };
  const onPointerUp = () => {
    if (drag?.kind === 'zoom' && drag.from !== drag.to) props.onViewChange(zoomTo(operation, drag.from, drag.to));
    setDrag(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const intent = keyIntent(event.key, event.shiftKey, player, view);
    if (intent === undefined) return;
    event.preventDefault();
    if (intent.kind === 'toggle-play') props.onTogglePlay();
    else if (intent.kind === 'step') props.onStep(intent.direction);
    else props.onSeek(intent.to);
  };

  const shown = player.seeking?.target ?? player.currentTime;
  const zoomed = view.from > operation.from || view.to < operation.to;
  const placement = playheadPlacement(view, shown);

  return (
    <section className="timeline" aria-label={say('timeline.label')}>
      <div className="timeline__labels">
        <TimeLabel time={view.from} zone={props.timeZone} say={say} />
        <TimeLabel time={shown} zone={props.timeZone} say={say} strong />
        <TimeLabel time={view.to} zone={props.timeZone} say={say} />
      </div>
      <div
        ref={track}
        className={`timeline__track${drag?.kind === 'scrub' ? ' timeline__track--scrubbing' : ''}`}
        role="slider"
        tabIndex={0}
        aria-label={say('timeline.label')}
        aria-valuemin={player.start}
        aria-valuemax={player.end}
        aria-valuenow={Math.round(shown)}
        aria-valuetext={say('timeline.valueText', { utc: formatUtcTime(shown, { zone: false }), local: formatLocalTime(shown, props.timeZone) })}
        aria-busy={player.seeking !== undefined}
        title={say('timeline.zoomHint')}
        id="timeline-bar"
        data-testid="timeline-bar"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(undefined)}
        onKeyDown={onKeyDown}
      >
        <svg className="timeline__svg" viewBox={`0 0 ${columns} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
          {player.loaded.map((range) => (
            <rect key={`held-${range.from}`} className="timeline__held" x={x(range.from)} y={HEIGHT - 6} width={Math.max(0, x(range.to) - x(range.from))} height={6}>
              <title>{say('timeline.cached')}</title>
            </rect>
          ))}
          {player.loop && (
            <rect className="timeline__loop" x={x(player.loop.from)} y={0} width={Math.max(0, x(player.loop.to) - x(player.loop.from))} height={HEIGHT} />
          )}
          <path className="timeline__bars" d={bars}>
            <title>{say('timeline.histogram')}</title>
          </path>
          {props.markers.map((marker) => (
            <MarkerGlyph key={`${marker.kind}-${marker.seq}`} marker={marker} x={x} view={view} say={say} checkpointName={props.checkpointName} />
          ))}
          {player.liveEdge !== undefined && (
            <line className="timeline__live-edge" x1={x(player.liveEdge)} x2={x(player.liveEdge)} y1={0} y2={HEIGHT}>
              <title>{say('timeline.liveEdge')}</title>
            </line>
          )}
          {player.seeking && <line className="timeline__target" x1={x(player.seeking.target)} x2={x(player.seeking.target)} y1={0} y2={HEIGHT} />}
          <line className="timeline__playhead" x1={x(player.currentTime)} x2={x(player.currentTime)} y1={0} y2={HEIGHT} />
          {drag?.kind === 'zoom' && (
            <rect className="timeline__brush" x={Math.min(x(drag.from), x(drag.to))} y={0} width={Math.abs(x(drag.to) - x(drag.from))} height={HEIGHT} />
          )}
        </svg>
      </div>
      <div className="timeline__footer">
        <span className="timeline__status" role="status">
          {player.seeking &&
            (player.seeking.progress === undefined
              ? say('timeline.loadingUnknown')
              : say('timeline.loadingShare', { share: formatPercent(player.seeking.progress, 0) }))}
        </span>
        {placement !== 'inside' && (
          <button
            type="button"
            className="button button--small timeline__off-range"
            onClick={() => props.onViewChange(panToInclude(view, shown, operation))}
            data-testid="show-playhead"
          >
            {say(placement === 'before' ? 'timeline.playheadBefore' : 'timeline.playheadAfter', { time: formatUtcTime(shown, { date: false, zone: false }) })}
          </button>
        )}
        <span className="hint">{say('timeline.zoomHint')}</span>
        {zoomed && (
          <button type="button" className="button button--small button--ghost" onClick={() => props.onViewChange(operation)}>
            {say('timeline.zoomOut')}
          </button>
        )}
        {props.children}
      </div>
    </section>
  );
}

/** Bars as one path: a single DOM node however many columns, so a redraw costs one attribute. */
function histogramPath(values: Float64Array): string {
  let max = 0;
  for (const value of values) max = Math.max(max, value);
  if (max === 0) return '';
  const parts: string[] = [];
  values.forEach((value, column) => {
    if (value <= 0) return;
    const height = Math.max(1, (value / max) * (HEIGHT - 10));
    parts.push(`M${column},${HEIGHT - 8}v${-height}h0.9v${height}z`);
  });
  return parts.join('');
}

function TimeLabel(props: { readonly time: number; readonly zone: string; readonly say: ReplayText; readonly strong?: boolean }) {
  return (
    <span className={props.strong ? 'timeline__time timeline__time--current' : 'timeline__time'}>
      <time dateTime={formatIsoUtc(props.time)}>
        <span className="timeline__zone">{props.say('timeline.utc')}</span> {formatUtcTime(props.time, { zone: false })}
      </time>
      <span>
        <span className="timeline__zone">{props.say('timeline.local')}</span> {formatLocalTime(props.time, props.zone)}
      </span>
    </span>
  );
}

/**
 * Markers differ by shape and lane, never by colour alone: phase changes are full-height dashed lines,
 * escalations triangles along the top (hollow when automatic), outages a hatched band along the bottom.
 */
function MarkerGlyph(props: {
  readonly marker: TimelineMarker;
  readonly x: (time: number) => number;
  readonly view: TimeRange;
  readonly say: ReplayText;
  readonly checkpointName: ((id: string) => string) | undefined;
}) {
  const { marker, x, say } = props;
  const { t } = useTranslation();
  switch (marker.kind) {
    case 'phase':
      return (
        <line className="timeline__phase" x1={x(marker.at)} x2={x(marker.at)} y1={0} y2={HEIGHT}>
          <title>{say('timeline.marker.phase', { phase: phaseText(t, marker.phase) })}</title>
        </line>
      );
    case 'escalation': {
      const at = x(marker.at);
      return (
        <path className={marker.auto ? 'timeline__escalation timeline__escalation--auto' : 'timeline__escalation'} d={`M${at - 0.6},9L${at},2L${at + 0.6},9z`}>
          <title>{say(marker.auto ? 'timeline.marker.autoEscalation' : 'timeline.marker.escalation', { level: marker.level })}</title>
        </path>
      );
    }
    case 'outage': {
      const from = x(Math.max(marker.at, props.view.from));
      const to = x(Math.min(marker.until ?? props.view.to, props.view.to));
      const checkpoint = props.checkpointName?.(marker.checkpointId) ?? marker.checkpointId;
      return (
        <rect className={`timeline__outage timeline__outage--${marker.status}`} x={from} y={HEIGHT - 14} width={Math.max(0.5, to - from)} height={6}>
          <title>{say('timeline.marker.outage', { checkpoint, status: say(`timeline.outageStatus.${marker.status}`) })}</title>
        </rect>
      );
    }
  }
}
