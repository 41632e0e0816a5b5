import {
  MAX_TRAIL_MINUTES,
  parseSpeed,
  type PlayerAction,
  type PlayerRefusal,
  type PlayerState,
  type StepDirection,
  type TimeRange,
} from '@watchfloor/shared';
import { useEffect, useState } from 'react';
import { formatUtcTime } from '../i18n/format';
import { useReplayText, type ReplayText } from './text';
import { togglePlayAction } from './timeline-geometry';
import { viewModeOf } from './view-mode';
import './replay.css';

/**
 * Play/pause, step, speed (typed, or "fit the operation into N minutes"), window mode, loop, and in a
 * timeshift "Return to live" with the critical hits missed since the pause, on one line. What the player
 * cannot do in its mode is not offered; the mode (live, paused, replay) leads the line. Props only.
 */
export interface PlaybackControlsProps {
  readonly player: PlayerState;
  readonly onAction: (action: PlayerAction) => void;
  /** The screen resolves the event time (`stepAction(player, direction, index)`). */
  readonly onStep: (direction: StepDirection) => void;
  /** The bar's visible range, offered as the loop range. */
  readonly view: TimeRange;
  /** The last refusal or clamp the player reported, to explain it beside the controls. */
  readonly refusal?: PlayerRefusal | undefined;
  readonly speedClamped?: boolean;
}

export function PlaybackControls(props: PlaybackControlsProps) {
  const say = useReplayText();
  const { player } = props;
  const can = player.capabilities;
  const [speedText, setSpeedText] = useState(String(player.speed));
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const [fitMinutes, setFitMinutes] = useState('10');
  useEffect(() => setSpeedText(String(player.speed)), [player.speed]);

  const applySpeed = () => {
    const parsed = parseSpeed(speedText);
    if (!parsed.ok) {
      setTypedError(say(`refusal.${parsed.reason}`));
      return;
    }
    setTypedError(undefined);
    props.onAction({ type: 'speed', speed: parsed.speed });
  };
  const trailMinutes = player.window.kind === 'trail' ? player.window.minutes : 30;
  const mode = viewModeOf(player);

  return (
    <div className="playback" role="group" aria-label={say('controls.label')} data-mode={player.mode}>
      <span className={`playback__mode playback__mode--${mode}`} data-testid="playback-mode" data-mode={mode}>
        {say(`controls.${mode}Mode`)}
      </span>
      {(can.play || can.pause) && (
        <button type="button" className="button button--small" onClick={() => props.onAction(togglePlayAction(player))} aria-keyshortcuts="P">
          {player.mode === 'live' ? say('controls.pauseLive') : player.playing ? say('controls.pause') : say('controls.play')} <kbd>{say('controls.keyCap.play')}</kbd>
        </button>
      )}
      {can.step && (
        <span className="playback__steps">
          <button type="button" className="button button--small button--ghost" onClick={() => props.onStep('previous')} title={say('controls.previous')} aria-label={say('controls.previous')}>
            <span aria-hidden="true">|◀</span>
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => props.onStep('next')} title={say('controls.next')} aria-label={say('controls.next')}>
            <span aria-hidden="true">▶|</span>
          </button>
        </span>
      )}
      {can.speed && (
        <>
          <label className="playback__field" title={say('controls.speedHint')}>
            <span>{say('controls.speed')}</span>
            <input
              className="playback__speed mono"
              inputMode="decimal"
              value={speedText}
              aria-invalid={typedError !== undefined}
              onChange={(event) => setSpeedText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') applySpeed();
                event.stopPropagation();
              }}
              onBlur={applySpeed}
            />
            <span aria-hidden="true">×</span>
          </label>
          <label className="playback__field">
            <span>{say('controls.fit')}</span>
            <input
              className="playback__minutes mono"
              type="number"
              min={1}
              value={fitMinutes}
              onChange={(event) => setFitMinutes(event.target.value)}
              onKeyDown={(event) => event.stopPropagation()}
            />
            <span>{say('controls.fitMinutes')}</span>
          </label>
          <button type="button" className="button button--small" onClick={() => props.onAction({ type: 'fit', minutes: Number(fitMinutes) })}>
            {say('controls.fitApply')}
          </button>
        </>
      )}
      <label className="playback__field">
        <span>{say('controls.window')}</span>
        <select
          value={player.window.kind}
          onChange={(event) =>
            props.onAction({ type: 'window', mode: event.target.value === 'cumulative' ? { kind: 'cumulative' } : { kind: 'trail', minutes: trailMinutes } })
          }
        >
          <option value="trail">{say('controls.trail', { count: trailMinutes })}</option>
          <option value="cumulative">{say('controls.cumulative')}</option>
        </select>
      </label>
      {player.window.kind === 'trail' && (
        <input
          className="playback__minutes mono"
          type="number"
          min={1}
          max={MAX_TRAIL_MINUTES}
          aria-label={say('controls.trailMinutes')}
          value={trailMinutes}
          onChange={(event) => props.onAction({ type: 'window', mode: { kind: 'trail', minutes: Number(event.target.value) } })}
          onKeyDown={(event) => event.stopPropagation()}
        />
      )}
      {can.loop && (
        <button
          type="button"
          className="button button--small button--ghost"
          aria-pressed={player.loop !== undefined}
          onClick={() => props.onAction({ type: 'loop', range: player.loop ? undefined : props.view })}
        >
          {player.loop ? say('controls.loopOff') : say('controls.loop')}
        </button>
      )}
      {can.returnToLive && (
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => props.onAction({ type: 'return-to-live' })}
          aria-keyshortcuts="L"
          data-testid="return-to-live"
        >
          {say('controls.returnToLive')} <kbd>{say('controls.keyCap.returnToLive')}</kbd>
          {player.timeshift !== undefined && player.timeshift.missedCritical > 0 && (
            <span className="playback__missed">{say('controls.missedCritical', { count: player.timeshift.missedCritical })}</span>
          )}
        </button>
      )}
      <PlaybackNotice player={player} say={say} typedError={typedError} refusal={props.refusal} speedClamped={props.speedClamped} />
    </div>
  );
}

function PlaybackNotice(props: {
  readonly player: PlayerState;
  readonly say: ReplayText;
  readonly typedError: string | undefined;
  readonly refusal: PlayerRefusal | undefined;
  readonly speedClamped: boolean | undefined;
}) {
  const { say, refusal } = props;
  let text: string | undefined;
  if (props.typedError !== undefined) text = props.typedError;
  else if (refusal?.code === 'invalid-speed') text = say(`refusal.${refusal.reason}`);
  else if (refusal?.code === 'load-failed') text = say('refusal.load-failed', { message: refusal.message });
  else if (refusal !== undefined) text = say(`refusal.${refusal.code}`);
  else if (props.speedClamped) text = say('controls.speedClamped', { speed: props.player.speed });
  else if (props.player.seeking) text = say('controls.seeking', { time: formatUtcTime(props.player.seeking.target, { date: false, zone: false }) });
  return (
    <span className="playback__notice" role="status" aria-live="polite">
      {text}
    </span>
  );
}
