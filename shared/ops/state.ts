import type { Checkpoint, Operation } from '../domain/model';
import { isAlertEvent, type OpsEvent } from '../protocol/events';
import { raiseAlert, reduceAlert, type Alert } from '../alerts/lifecycle';

/**
 * The picture of an operation that events fold into: the hub's authority, the client's live view and the
 * replay engine's state at time T are all this, built by the same `foldEvents`.
 */
export interface OpsState {
  /** Seq of the last applied event; 0 before any. */
  readonly lastSeq: number;
  readonly lastAt: number;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly alerts: ReadonlyMap<string, Alert>;
}

export const EMPTY_OPS_STATE: OpsState = {
  lastSeq: 0,
  lastAt: 0,
  operations: new Map(),
  checkpoints: new Map(),
  alerts: new Map(),
};

export type RefusalReason = 'stale' | 'unknown-alert' | 'duplicate-alert' | 'invalid-transition';
export interface RefusedEvent {
  readonly seq: number;
  readonly reason: RefusalReason;
  readonly detail: string;
}

export interface FoldResult {
  readonly state: OpsState;
  readonly applied: number;
  readonly refused: readonly RefusedEvent[];
}

/**
 * Folds events into state. Pure: the input state is never modified. An event whose seq is not above
 * `lastSeq` (a duplicate or one out of order) or that breaks the alert lifecycle is refused and changes
 * nothing, not even `lastSeq`. Each map is copied at most once per call, so folding a batch costs
 * O(size of the touched maps + batch), not O(size x batch).
 */
export function foldEvents(state: OpsState, events: Iterable<OpsEvent>): FoldResult {
  return foldInto(new Draft(state), state, events);
}

/** Told of each change an applied event made to an alert: the alert before it (undefined: it raised the alert) and after. */
export type AlertChangeObserver = (before: Alert | undefined, after: Alert) => void;

/**
 * `foldEvents` for a caller that owns `state` outright and keeps no earlier version of it (the hub's
 * authority, the console's live store): the maps are updated in place, so a batch costs O(batch) however
 * many alerts are held. The returned state must replace the one passed in; the one passed in must not be
 * read again. `observe` hears of each alert change as it is applied, so a caller learns what changed
 * without looking every alert up again in a map of all alerts held.
 */
export function foldEventsInPlace(state: OpsState, events: Iterable<OpsEvent>, observe?: AlertChangeObserver): FoldResult {
  return foldInto(new Draft(state, true, observe), state, events);
}

function foldInto(draft: Draft, state: OpsState, events: Iterable<OpsEvent>): FoldResult {
  const refused: RefusedEvent[] = [];
  let applied = 0;
  for (const event of events) {
    const refusal = draft.apply(event);
    if (refusal === undefined) applied += 1;
    else refused.push(refusal);
  }
  return { state: applied === 0 ? state : draft.finish(), applied, refused };
}

/** One event; see `foldEvents`. */
export function applyEvent(state: OpsState, event: OpsEvent): FoldResult {
  return foldEvents(state, [event]);
}

class Draft {
  private lastSeq: number;
  private lastAt: number;
  private operations: Map<string, Operation> | undefined;
  private checkpoints: Map<string, Checkpoint> | undefined;
  private alerts: Map<string, Alert> | undefined;

  constructor(
    private readonly base: OpsState,
    inPlace = false,
    private readonly observe?: AlertChangeObserver,
  ) {
    this.lastSeq = base.lastSeq;
    this.lastAt = base.lastAt;
    if (inPlace) {
      // The caller owns these maps (see foldEventsInPlace): write to them instead of copies.
      this.operations = base.operations as Map<string, Operation>;
      this.checkpoints = base.checkpoints as Map<string, Checkpoint>;
      this.alerts = base.alerts as Map<string, Alert>;
    }
  }

  apply(event: OpsEvent): RefusedEvent | undefined {
    if (event.seq <= this.lastSeq) {
      return { seq: event.seq, reason: 'stale', detail: `seq ${event.seq} is not after ${this.lastSeq}` };
    }
    const refusal = this.applyBody(event);
    if (refusal !== undefined) return refusal;
    this.lastSeq = event.seq;
    this.lastAt = event.at;
    return undefined;
  }

  finish(): OpsState {
    return {
      lastSeq: this.lastSeq,
      lastAt: this.lastAt,
      operations: this.operations ?? this.base.operations,
      checkpoints: this.checkpoints ?? this.base.checkpoints,
      alerts: this.alerts ?? this.base.alerts,
    };
  }

  private applyBody(event: OpsEvent): RefusedEvent | undefined {
    switch (event.type) {
      case 'hit.raised': {
        const alerts = this.alertsForRead();
        if (alerts.has(event.hit.id)) {
          return { seq: event.seq, reason: 'duplicate-alert', detail: `alert ${event.hit.id} exists` };
        }
        const raised = raiseAlert(event);
        this.alertsForWrite().set(event.hit.id, raised);
        this.observe?.(undefined, raised);
        return undefined;
      }
      case 'operation.updated':
        this.operations ??= new Map(this.base.operations);
        this.operations.set(event.operation.id, event.operation);
        return undefined;
      case 'checkpoint.updated':
        this.checkpoints ??= new Map(this.base.checkpoints);
        this.checkpoints.set(event.checkpoint.id, event.checkpoint);
        return undefined;
      case 'audit.details-viewed':
        return undefined;
      default: {
        if (!isAlertEvent(event)) return undefined;
        const current = this.alertsForRead().get(event.alertId);
        if (current === undefined) {
          return { seq: event.seq, reason: 'unknown-alert', detail: `no alert ${event.alertId}` };
        }
        const transition = reduceAlert(current, event);
        if (!transition.ok) return { seq: event.seq, reason: 'invalid-transition', detail: transition.reason };
        this.alertsForWrite().set(event.alertId, transition.alert);
        this.observe?.(current, transition.alert);
        return undefined;
      }
    }
  }

  private alertsForRead(): ReadonlyMap<string, Alert> {
    return this.alerts ?? this.base.alerts;
  }

  private alertsForWrite(): Map<string, Alert> {
    this.alerts ??= new Map(this.base.alerts);
    return this.alerts;
  }
}
