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
import type { BatchRange, ConnectionState } from './worker-protocol';

/**
 * The live picture on the UI thread: the operation state folded by the shared reducer from hub batches,
 * the connection, and commands waiting for the hub. Listeners hear of changes at most once per frame.
 */
export interface PendingCommand {
  readonly command: Command;
  readonly sentAt: number;
  /** Seq of the event the hub logged for it, once acknowledged; pending until that event has arrived. */
  readonly seq?: number;
}

export interface Refusal {
  readonly alertId: string;
  readonly commandType: Command['type'];
  readonly message: string;
  readonly at: number;
}

export interface LiveSnapshot {
  readonly state: OpsState;
  readonly revision: number;
  readonly hello: Hello | undefined;
  readonly connection: ConnectionState;
  /** When the last batch arrived (epoch ms), for "offline, data N old". */
  readonly receivedAt: number | undefined;
  /** Last `through` of the hub's ranges: everything up to it has been applied. */
  readonly through: number;
  readonly pending: ReadonlyMap<string, PendingCommand>;
  readonly refusals: readonly Refusal[];
  readonly rejectedPayloads: number;
  /** Officers connected to the hub and their do-not-disturb; sent to shift leads and admins only. */
  readonly presence: readonly PresenceEntry[];
}

export interface BatchEffect {
  /** Alerts whose hit arrived in this batch. */
  readonly raised: readonly Alert[];
  /** Alerts that changed in this batch (raised ones included). */
  readonly changed: readonly Alert[];
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
  reset(): void;
  commandSent(command: Command): void;
  commandAnswered(command: Command, ack: CommandAck): void;
  noteRejectedPayload(): void;
  dismissRefusal(alertId: string): void;
}

const MAX_REFUSALS = 20;

export function createLiveStore(schedule: (flush: () => void) => void = defaultSchedule): LiveStore {
  let snapshot: LiveSnapshot = {
    state: EMPTY_OPS_STATE,
    revision: 0,
    hello: undefined,
    connection: { kind: 'connecting' },
    receivedAt: undefined,
    through: 0,
    pending: new Map(),
    refusals: [],
    rejectedPayloads: 0,
    presence: [],
  };
  const listeners = new Set<() => void>();
  let scheduled = false;

  function update(change: Partial<LiveSnapshot>): void {
    snapshot = { ...snapshot, ...change, revision: snapshot.revision + 1 };
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      for (const listener of listeners) listener();
    });
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

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hasGapBefore: (range) => range.after > snapshot.through,
    applyBatch(events, range) {
      const before = snapshot.state;
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
      update({ state, through, receivedAt: Date.now(), pending: settle(snapshot.pending, through) });
      const pick = (ids: Iterable<string>) => [...ids].flatMap((id) => state.alerts.get(id) ?? []);
      return { raised: pick(raisedIds), changed: pick(touched) };
    },
    setHello: (hello) => update({ hello }),
    setConnection: (connection) => update({ connection }),
    setPresence: (presence) => update({ presence }),
    reset: () => update({ state: EMPTY_OPS_STATE, through: 0, pending: new Map() }),
    commandSent(command) {
      const pending = new Map(snapshot.pending);
      pending.set(command.mutationId, { command, sentAt: Date.now() });
      update({ pending });
    },
    commandAnswered(command, ack) {
      const pending = new Map(snapshot.pending);
      if (ack.ok) {
        pending.set(command.mutationId, { command, sentAt: pending.get(command.mutationId)?.sentAt ?? Date.now(), seq: ack.seq });
        update({ pending: settle(pending, snapshot.through) });
        return;
      }
      pending.delete(command.mutationId);
      const refusal: Refusal = { alertId: command.alertId, commandType: command.type, message: ack.message, at: Date.now() };
      update({ pending, refusals: [refusal, ...snapshot.refusals.filter((r) => r.alertId !== command.alertId)].slice(0, MAX_REFUSALS) });
    },
    noteRejectedPayload: () => update({ rejectedPayloads: snapshot.rejectedPayloads + 1 }),
    dismissRefusal: (alertId) => update({ refusals: snapshot.refusals.filter((r) => r.alertId !== alertId) }),
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
