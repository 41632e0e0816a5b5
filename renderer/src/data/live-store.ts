import {
  EMPTY_OPS_STATE,
  foldEvents,
  type Alert,
  type Command,
  type CommandAck,
  type Hello,
  type OpsEvent,
  type OpsState,
  type PresenceEntry,
} from '@watchfloor/shared';
import {
  NO_UNREADABLE,
  REJECTED_MESSAGES_NOTICE,
  UNREADABLE_EVENTS_NOTICE,
  rejectedMessagesNotice,
  tallyUnreadable,
  unreadableEventsNotice,
  type UnreadableTally,
} from './unreadable-notices';
import type { BatchRange, ConnectionState, UnreadableEvent } from './worker-protocol';

/**
 * The live picture on the UI thread: the operation state folded by the shared reducer from hub batches,
 * the connection, and commands waiting for the hub. Listeners hear of changes at most once per frame.
 */
export interface PendingCommand {
  readonly command: Command;
  /** When the officer gave it. */
  readonly sentAt: number;
  /** queued: in the outbox, not yet answered (the hub may be out of reach); sent: on its way to the hub. */
  readonly stage: 'queued' | 'sent';
  /** Seq of the event the hub logged for it, once acknowledged; pending until that event has arrived. */
  readonly seq?: number;
}

/** Something the officer must read, in i18n terms: `key` under `notices.` with its values. */
export interface Notice {
  readonly id: string;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
  readonly tone: 'info' | 'warning';
}

/** Projects a pending command onto an alert: what it will look like once the hub confirms it. */
export type Projection = (command: Command, alert: Alert, givenAt: number) => Alert | undefined;

export interface Refusal {
  readonly alertId: string;
  readonly commandType: Command['type'];
  readonly message: string;
  readonly at: number;
}

export interface LiveSnapshot {
  /** The hub's state with pending commands' changes laid over it (see `Projection`). */
  readonly state: OpsState;
  /** The hub's state alone. */
  readonly confirmed: OpsState;
  readonly revision: number;
  readonly hello: Hello | undefined;
  readonly connection: ConnectionState;
  /** When the last batch arrived (epoch ms), for "offline, data N old". */
  readonly receivedAt: number | undefined;
  /** Last `through` of the hub's ranges: everything up to it has been applied. */
  readonly through: number;
  readonly pending: ReadonlyMap<string, PendingCommand>;
  readonly refusals: readonly Refusal[];
  /** Officers connected to the hub and their do-not-disturb; sent to shift leads and admins only. */
  readonly presence: readonly PresenceEntry[];
  /** True while the picture comes from the local cache and the hub has not answered yet. */
  readonly fromCache: boolean;
  readonly notices: readonly Notice[];
}

/** The last known picture from the local cache, shown until the hub answers. */
export interface SeedPicture {
  readonly state: OpsState;
  readonly through: number;
  /** How old it is; undefined when the cache was empty. */
  readonly ageMs: number | undefined;
  readonly pending: readonly { readonly command: Command; readonly queuedAt: number }[];
}

export interface BatchEffect {
  /** Alerts whose hit arrived in this batch. */
  readonly raised: readonly Alert[];
  /** Alerts that changed in this batch (raised ones included). */
  readonly changed: readonly Alert[];
  /** Alerts held before this batch that changed in it: `changed` without `raised`. */
  readonly updated: readonly Alert[];
}

export interface LiveStore {
  getSnapshot(): LiveSnapshot;
  subscribe(listener: () => void): () => void;
  /** Applies a batch; returns what changed so the map can update only those rows. */
  applyBatch(events: readonly OpsEvent[], range: BatchRange): BatchEffect;
  /** A gap before `range.after`: the caller fills it with history first. */
  hasGapBefore(range: BatchRange): boolean;
  setHello(hello: Hello): void;
  setConnection(connection: ConnectionState): void;
  setPresence(presence: readonly PresenceEntry[]): void;
  /** Starts from the cached picture (before the hub answers); its queued commands show as pending. */
  seed(picture: SeedPicture): void;
  /** The hub's `reset` or another hub: the picture goes; commands still queued stay pending. */
  reset(): void;
  /** In the outbox, waiting for its turn (or for the hub). */
  commandQueued(command: Command, queuedAt?: number): void;
  commandSent(command: Command): void;
  commandAnswered(command: Command, ack: CommandAck): void;
  /** Events the hub sent that could not be read: counted in one notice, each seq once per log. */
  noteUnreadableEvents(events: readonly UnreadableEvent[]): void;
  /** A whole message from the hub that could not be read: counted in one notice. */
  noteRejectedPayload(): void;
  dismissRefusal(alertId: string): void;
  addNotice(notice: Notice): void;
  dismissNotice(id: string): void;
}

const MAX_REFUSALS = 20;

export function createLiveStore(schedule: (flush: () => void) => void = defaultSchedule, project?: Projection): LiveStore {
  let snapshot: LiveSnapshot = {
    state: EMPTY_OPS_STATE,
    confirmed: EMPTY_OPS_STATE,
    revision: 0,
    hello: undefined,
    connection: { kind: 'connecting' },
    receivedAt: undefined,
    through: 0,
    pending: new Map(),
    refusals: [],
    presence: [],
    fromCache: false,
    notices: [],
  };
  const listeners = new Set<() => void>();
  let scheduled = false;
  /** Seqs of unreadable events counted since the log began: a history page or a replay may bring them again. */
  let countedSeqs = new Set<number>();
  /** What the notices on screen count; a dismissed notice starts again from nothing. */
  let unreadable: UnreadableTally = NO_UNREADABLE;
  let rejectedMessages = 0;

  function update(change: Partial<LiveSnapshot>): void {
    snapshot = { ...snapshot, ...change, revision: snapshot.revision + 1 };
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      for (const listener of listeners) listener();
    });
  }

  /**
   * The confirmed state with each pending command projected onto its alert, in the order given. Costs a
   * copy of the alert map only while a command with a visible change is pending.
   */
  function overlay(confirmed: OpsState, pending: ReadonlyMap<string, PendingCommand>): OpsState {
    if (project === undefined || pending.size === 0) return confirmed;
    let alerts: Map<string, Alert> | undefined;
    for (const entry of pending.values()) {
      const current = alerts?.get(entry.command.alertId) ?? confirmed.alerts.get(entry.command.alertId);
      if (current === undefined) continue;
      const projected = project(entry.command, current, entry.sentAt);
      if (projected === undefined) continue;
      alerts ??= new Map(confirmed.alerts);
      alerts.set(projected.id, projected);
    }
    return alerts === undefined ? confirmed : { ...confirmed, alerts };
  }

  /** Publishes a new confirmed state and/or pending set, with the overlay recomputed. */
  function publish(change: Partial<LiveSnapshot> & { confirmed?: OpsState; pending?: ReadonlyMap<string, PendingCommand> }): void {
    const confirmed = change.confirmed ?? snapshot.confirmed;
    const pending = change.pending ?? snapshot.pending;
    update({ ...change, confirmed, pending, state: overlay(confirmed, pending) });
  }

  function withPending(command: Command, entry: Partial<PendingCommand>): ReadonlyMap<string, PendingCommand> {
    const pending = new Map(snapshot.pending);
    const previous = pending.get(command.mutationId);
    pending.set(command.mutationId, { command, sentAt: previous?.sentAt ?? Date.now(), stage: previous?.stage ?? 'queued', ...previous, ...entry });
    return pending;
  }

  /** Pending commands whose event has now been applied are done. */
  function settle(pending: ReadonlyMap<string, PendingCommand>, through: number): ReadonlyMap<string, PendingCommand> {
    let next: Map<string, PendingCommand> | undefined;
    for (const [mutationId, entry] of pending) {
      if (entry.seq !== undefined && entry.seq <= through) {
        next ??= new Map(pending);
        next.delete(mutationId);
      }
    }
    return next ?? pending;
  }

  /** A notice with the id of one on screen takes its place there, so a repeat updates its line. */
  function addNotice(notice: Notice): void {
    const shown = snapshot.notices.some((n) => n.id === notice.id);
    update({ notices: shown ? snapshot.notices.map((n) => (n.id === notice.id ? notice : n)) : [...snapshot.notices, notice] });
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hasGapBefore: (range) => range.after > snapshot.through,
    applyBatch(events, range) {
      const before = snapshot.confirmed;
      const result = foldEvents(before, events);
      for (const refusal of result.refused) {
        if (refusal.reason !== 'stale') console.warn(`[watchfloor] event ${refusal.seq} not applied: ${refusal.detail}`);
      }
      const touched = new Set<string>();
      const raisedIds: string[] = [];
      for (const event of events) {
        if (event.type === 'hit.raised') {
          if (!before.alerts.has(event.hit.id)) raisedIds.push(event.hit.id);
          touched.add(event.hit.id);
        } else if ('alertId' in event) touched.add(event.alertId);
      }
      const state = result.state;
      const through = Math.max(snapshot.through, range.through, state.lastSeq);
      publish({ confirmed: state, through, receivedAt: Date.now(), pending: settle(snapshot.pending, through), fromCache: false });
      const pick = (ids: Iterable<string>) => [...ids].flatMap((id) => state.alerts.get(id) ?? []);
      const changed = pick(touched);
      const raised = new Set(raisedIds);
      return { raised: pick(raisedIds), changed, updated: changed.filter((alert) => !raised.has(alert.id)) };
    },
    setHello: (hello) => update({ hello }),
    setConnection: (connection) => update({ connection }),
    setPresence: (presence) => update({ presence }),
    seed(picture) {
      const pending = new Map(snapshot.pending);
      for (const { command, queuedAt } of picture.pending) pending.set(command.mutationId, { command, sentAt: queuedAt, stage: 'queued' });
      publish({
        confirmed: picture.state,
        through: picture.through,
        receivedAt: picture.ageMs === undefined ? undefined : Date.now() - picture.ageMs,
        pending,
        fromCache: picture.ageMs !== undefined,
      });
    },
    reset: () => {
      // Another log: its seqs are new positions.
      countedSeqs = new Set();
      const pending = new Map([...snapshot.pending].filter(([, entry]) => entry.seq === undefined));
      publish({ confirmed: EMPTY_OPS_STATE, through: 0, pending, fromCache: false });
    },
    commandQueued: (command, queuedAt) => publish({ pending: withPending(command, { stage: 'queued', ...(queuedAt === undefined ? {} : { sentAt: queuedAt }) }) }),
    commandSent: (command) => publish({ pending: withPending(command, { stage: 'sent' }) }),
    commandAnswered(command, ack) {
      if (ack.ok) {
        publish({ pending: settle(withPending(command, { stage: 'sent', seq: ack.seq }), snapshot.through) });
        return;
      }
      const pending = new Map(snapshot.pending);
      pending.delete(command.mutationId);
      const refusal: Refusal = { alertId: command.alertId, commandType: command.type, message: ack.message, at: Date.now() };
      publish({ pending, refusals: [refusal, ...snapshot.refusals.filter((r) => r.alertId !== command.alertId)].slice(0, MAX_REFUSALS) });
    },
    noteUnreadableEvents(events) {
      const fresh = events.filter((event) => event.seq === undefined || !countedSeqs.has(event.seq));
      if (fresh.length === 0) return;
      for (const event of fresh) if (event.seq !== undefined) countedSeqs.add(event.seq);
      unreadable = tallyUnreadable(unreadable, fresh);
      addNotice(unreadableEventsNotice(unreadable));
    },
    noteRejectedPayload() {
      rejectedMessages += 1;
      addNotice(rejectedMessagesNotice(rejectedMessages));
    },
    dismissRefusal: (alertId) => update({ refusals: snapshot.refusals.filter((r) => r.alertId !== alertId) }),
    addNotice,
    dismissNotice(id) {
      if (id === UNREADABLE_EVENTS_NOTICE) unreadable = NO_UNREADABLE;
      if (id === REJECTED_MESSAGES_NOTICE) rejectedMessages = 0;
      update({ notices: snapshot.notices.filter((n) => n.id !== id) });
    },
  };
}

/** Once per frame; a timer too, because hidden windows get no frames and a wall display may be hidden. */
function defaultSchedule(flush: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  setTimeout(run, 250);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
}

/** Mutation ids are random and unique per command, so a retry of the same command is recognised. */
export function newMutationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `m${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function isPending(snapshot: LiveSnapshot, alertId: string): PendingCommand | undefined {
  for (const entry of snapshot.pending.values()) if (entry.command.alertId === alertId) return entry;
  return undefined;
}
