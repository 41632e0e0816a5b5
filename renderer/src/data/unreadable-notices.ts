import type { Notice } from './live-store';
import type { UnreadableEvent } from './worker-protocol';

/**
 * What the officer is told about hub input this console could not read. Repeats coalesce into one notice
 * per kind that counts them, so a hub sending many bad events shows one line instead of a flood, and the
 * notice names the first few log positions so the hub's staff can find them.
 */
export const UNREADABLE_EVENTS_NOTICE = 'unreadable-events';
export const REJECTED_MESSAGES_NOTICE = 'rejected-messages';
const SEQS_NAMED = 3;

/** The unreadable events counted in the notice on screen. */
export interface UnreadableTally {
  readonly count: number;
  /** Seqs of those that had one, in the order reported. */
  readonly seqs: readonly number[];
}

export const NO_UNREADABLE: UnreadableTally = { count: 0, seqs: [] };

export function tallyUnreadable(tally: UnreadableTally, events: readonly UnreadableEvent[]): UnreadableTally {
  return { count: tally.count + events.length, seqs: [...tally.seqs, ...events.flatMap((event) => event.seq ?? [])] };
}

export function unreadableEventsNotice(tally: UnreadableTally): Notice {
  const named = tally.seqs.slice(0, SEQS_NAMED).join(', ') + (tally.seqs.length > SEQS_NAMED ? '…' : '');
  return {
    id: UNREADABLE_EVENTS_NOTICE,
    key: tally.seqs.length === 0 ? 'unreadableEventsUnnumbered' : 'unreadableEvents',
    values: { count: tally.count, seqs: named },
    tone: 'warning',
  };
}

export function rejectedMessagesNotice(count: number): Notice {
  return { id: REJECTED_MESSAGES_NOTICE, key: 'rejectedMessages', values: { count }, tone: 'warning' };
}
