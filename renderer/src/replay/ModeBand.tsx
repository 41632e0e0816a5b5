import type { PlayerState } from '@watchfloor/shared';
import { formatDuration, formatUtcTime } from '../i18n/format';
import { useReplayText } from './text';
import { viewModeOf } from './view-mode';

/**
 * A full-width band under the top bar while the screen shows the past: paused or replaying, which moment,
 * that commands wait for live, and the way back to live. Nothing at the live edge. Props only.
 */
export function ModeBand(props: { readonly player: PlayerState; readonly onReturnToLive: () => void }) {
  const say = useReplayText();
  const { player } = props;
  const mode = viewModeOf(player);
  if (mode === 'live') return null;
  const shown = player.seeking?.target ?? player.currentTime;
  const time = formatUtcTime(shown, { date: false, zone: false });
  const where =
    player.timeshift !== undefined && !player.playing && shown === player.timeshift.pausedAt
      ? say('mode.pausedLive', { time })
      : player.liveEdge === undefined
        ? say('mode.showingConcluded', { time })
        : say('mode.showing', { time, behind: formatDuration(player.liveEdge - shown) });
  return (
    <div className={`mode-band mode-band--${mode}`} role="status" data-testid="mode-band" data-mode={mode}>
      <strong className="mode-band__mode">{say(`mode.${mode}`)}</strong>
      <span className="mode-band__where">{where}</span>
      <span className="mode-band__note">{say('mode.noCommands')}</span>
      {player.capabilities.returnToLive && (
        <button type="button" className="button button--small button--primary" onClick={props.onReturnToLive} aria-keyshortcuts="L">
          {say('controls.returnToLive')} <kbd>{say('controls.keyCap.returnToLive')}</kbd>
        </button>
      )}
    </div>
  );
}
