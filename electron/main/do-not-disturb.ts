import type { DoNotDisturbStatus } from '@watchfloor/shared';

/**
 * "Do not disturb for N minutes": an end time, nothing else, so it lapses by itself when the minutes are
 * up even if nobody turns it off. 0 minutes ends it now.
 */
export function doNotDisturbUntil(minutes: number, now: number): number | undefined {
  return minutes > 0 ? now + minutes * 60_000 : undefined;
}

export function doNotDisturbStatus(until: number | undefined, now: number): DoNotDisturbStatus {
  return until !== undefined && now < until ? { active: true, until } : { active: false };
}
