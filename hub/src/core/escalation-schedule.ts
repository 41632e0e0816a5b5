import {
  DEFAULT_ESCALATION_POLICY,
  SYSTEM_ACTOR,
  escalationDeadline,
  isAlertEvent,
  type Alert,
  type EpochMs,
  type EscalationPolicy,
  type OpsEvent,
  type PendingEvent,
} from '@watchfloor/shared';

/**
 * When each open alert next escalates by itself, in deadline order, so the hub's once-a-second tick costs
 * O(due log N) rather than a pass over every alert: a binary min-heap of (deadline, alert id).
 *
 * Deadlines come from `escalationDeadline` alone, the rule the console's "escalating in" and the tests use.
 * A deadline depends only on the alert, never on the clock, so it can change only when an event changes the
 * alert; the hub hands every event it folds to `touched`, which pushes the alert's new deadline. The entry
 * for the old one is left where it is (lazy invalidation): when it reaches the top it no longer matches the
 * alert's deadline and is dropped. Invariant: every alert that has a deadline has an entry at it.
 *
 * Dropped entries leave in deadline order; so that an operation where alerts change far faster than their
 * deadlines pass does not grow the heap without bound, it is rebuilt from the alerts once it holds about
 * twice as many entries as there are alerts (O(N), paid for by the N pushes since the last rebuild).
 */
export interface EscalationSchedule {
  /** Re-reads the deadline of each alert these events name; call with every batch, after folding it. */
  touched(events: readonly OpsEvent[]): void;
  /**
   * The alerts whose automatic escalation is due at `now`, earliest deadline first (ties by id), each once.
   * They stay scheduled until an event changes them, so a tick whose write fails finds them again.
   */
  due(now: EpochMs): readonly string[];
  /** Entries held, stale ones included. */
  size(): number;
}

export interface EscalationScheduleOptions {
  readonly policy?: EscalationPolicy;
  /** Stale entries tolerated beyond one per alert before a rebuild. */
  readonly slack?: number;
}

/** What the hub appends for `alert` at `now`: its next level if its deadline has passed, else undefined. */
export function dueEscalation(
  alert: Alert | undefined,
  now: EpochMs,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Extract<PendingEvent, { type: 'alert.escalated' }> | undefined {
  const deadline = alert && escalationDeadline(alert, policy);
  if (deadline === undefined || deadline.at > now) return undefined;
  return { type: 'alert.escalated', alertId: alert!.id, level: deadline.level, reason: deadline.reason, reasonParams: deadline.reasonParams, by: SYSTEM_ACTOR, auto: true };
}

/** Builds the schedule from every alert `alerts()` holds now (O(N)); `alerts` is read again on each call. */
export function createEscalationSchedule(alerts: () => ReadonlyMap<string, Alert>, options: EscalationScheduleOptions = {}): EscalationSchedule {
  const policy = options.policy ?? DEFAULT_ESCALATION_POLICY;
  const slack = options.slack ?? 1024;
  // The heap, as two parallel arrays: entry i is (deadlines[i], ids[i]); its children are 2i+1 and 2i+2.
  let deadlines: number[] = [];
  let ids: string[] = [];

  const deadlineOf = (id: string): number | undefined => {
    const alert = alerts().get(id);
    return alert === undefined ? undefined : escalationDeadline(alert, policy)?.at;
  };

  /** Whether entry i comes before (at, id): earlier deadline first, ties by id so the order is stable. */
  const precedes = (i: number, at: number, id: string) => deadlines[i]! < at || (deadlines[i] === at && ids[i]! < id);

  /** Moves the entry at i up past the parents it comes before, shifting them down into the hole. */
  function siftUp(i: number): void {
    const at = deadlines[i]!;
    const id = ids[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (precedes(parent, at, id)) break;
      deadlines[i] = deadlines[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    deadlines[i] = at;
    ids[i] = id;
  }

  /** Moves the entry at i down past the children that come before it, shifting them up into the hole. */
  function siftDown(i: number): void {
    const at = deadlines[i]!;
    const id = ids[i]!;
    const length = ids.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && precedes(right, deadlines[left]!, ids[left]!) ? right : left;
      if (!precedes(child, at, id)) break;
      deadlines[i] = deadlines[child]!;
      ids[i] = ids[child]!;
      i = child;
    }
    deadlines[i] = at;
    ids[i] = id;
  }

  function push(at: number, id: string): void {
    deadlines.push(at);
    ids.push(id);
    siftUp(ids.length - 1);
  }

  function popTop(): void {
    const lastAt = deadlines.pop()!;
    const lastId = ids.pop()!;
    if (ids.length === 0) return;
    deadlines[0] = lastAt;
    ids[0] = lastId;
    siftDown(0);
  }

  function rebuild(): void {
    deadlines = [];
    ids = [];
    for (const [id, alert] of alerts()) {
      const deadline = escalationDeadline(alert, policy);
      if (deadline === undefined) continue;
      deadlines.push(deadline.at);
      ids.push(id);
    }
    for (let i = (ids.length >> 1) - 1; i >= 0; i -= 1) siftDown(i);
  }

  rebuild();

  return {
    touched(events) {
      const seen = new Set<string>();
      for (const event of events) {
        const id = event.type === 'hit.raised' ? event.hit.id : isAlertEvent(event) ? event.alertId : undefined;
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        const at = deadlineOf(id);
        if (at !== undefined) push(at, id);
      }
      if (ids.length > 2 * alerts().size + slack) rebuild();
    },

    due(now) {
      const found: string[] = [];
      const foundAt: number[] = [];
      const seen = new Set<string>();
      while (ids.length > 0 && deadlines[0]! <= now) {
        const at = deadlines[0]!;
        const id = ids[0]!;
        popTop();
        // A second entry for an alert already found, or one computed before the alert last changed.
        if (seen.has(id) || deadlineOf(id) !== at) continue;
        seen.add(id);
        found.push(id);
        foundAt.push(at);
      }
      // Put back only after the loop: these are due, so the loop would take them again.
      found.forEach((id, index) => push(foundAt[index]!, id));
      return found;
    },

    size: () => ids.length,
  };
}
