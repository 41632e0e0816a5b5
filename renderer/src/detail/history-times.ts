import { UNCONFIRMED_SEQ, type AlertHistoryEntry } from '@watchfloor/shared';

/**
 * Which time a history entry shows: when the officer gave the command (`givenAt`), else when the hub logged
 * it; and, for a command that reached the hub well after it was given (queued while the hub was out of
 * reach), when the hub received it. An entry not yet confirmed by the hub has no hub time to tell.
 */

/** A command that reached the hub this long after it was given was held up, and says so. */
export const REACHED_LATER_MS = 5_000;

export function historyTimes(entry: AlertHistoryEntry): { readonly shownAt: number; readonly reachedHubAt: number | undefined } {
  const givenAt = entry.type === 'hit.raised' ? undefined : entry.givenAt;
  const confirmed = entry.seq !== UNCONFIRMED_SEQ;
  const reachedLater = givenAt !== undefined && confirmed && entry.at - givenAt >= REACHED_LATER_MS;
  return { shownAt: givenAt ?? entry.at, reachedHubAt: reachedLater ? entry.at : undefined };
}
