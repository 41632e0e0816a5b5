import { formatZoned, type DoNotDisturbStatus } from '@watchfloor/shared';

/**
 * How the count of unacknowledged alerts shows outside the window: the tray tooltip (all platforms), the
 * tray title (macOS menu bar) and the dock/launcher badge. Words, not colour alone, carry the state.
 */
export interface AlertIndicator {
  readonly tooltip: string;
  readonly title: string;
  readonly badge: number;
}

export function alertIndicator(unacknowledged: number, dnd: DoNotDisturbStatus, timeZone: string): AlertIndicator {
  const count =
    unacknowledged === 0
      ? 'no unacknowledged alerts'
      : `${unacknowledged} unacknowledged alert${unacknowledged === 1 ? '' : 's'}`;
  const quiet = dnd.active && dnd.until !== undefined ? ` (do not disturb until ${formatZoned(dnd.until, timeZone)})` : '';
  return {
    tooltip: `Watchfloor: ${count}${quiet}`,
    title: unacknowledged === 0 ? '' : String(unacknowledged),
    badge: unacknowledged,
  };
}
