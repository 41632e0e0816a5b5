import type { PlayerState } from '@watchfloor/shared';

/**
 * What the whole screen is showing, in the words the officer sees: the live picture, a paused moment of the
 * past (a paused live view, or a replay standing still), or the past playing back.
 */
export type ViewMode = 'live' | 'paused' | 'replay';

export function viewModeOf(player: Pick<PlayerState, 'mode' | 'playing'>): ViewMode {
  if (player.mode === 'live') return 'live';
  return player.playing ? 'replay' : 'paused';
}
