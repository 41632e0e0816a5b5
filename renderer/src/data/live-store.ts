import {
  EMPTY_OPS_STATE,
  IdMap,
  foldEventsInPlace,
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
import { createAlertChangeLog, type AlertChange } from './alert-changes';
import { createPendingOverlay, type Projection } from './pending-overlay';
import { createSharedStrings } from './shared-strings';
import type { BatchRange, ConnectionState, PicturePage, UnreadableEvent } from './worker-protocol';

/**
 * The live picture on the UI thread: the operation state folded by the shared reducer from hub batches,
 * the connection, and commands waiting for the hub. Listeners hear of changes at most once per frame.
 *
 * The store owns its state and folds each batch into it in place, so a batch costs what it brings however
 * many alerts are held. A snapshot's `state.alerts` is a new view object whenever alerts changed, over the
 * same maps: it shows the latest alerts, and `alertChangesSince` says which ones changed, and how, so the
 * screen updates its views for those alerts only. The strings hits and events repeat are kept once
 * (`shared-strings.ts`).
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

/** The hub's refusal of a command: its reason code and parameters, which the console words, and its English message. */
export interface Refusal {
  readonly alertId: string;
  readonly commandType: Command['type'];
  readonly reason: string;
  readonly params: Extract<CommandAck, { ok: false }>['params'];
  readonly message: string;
  readonly at: number;
}

export interface LiveSnapshot {
  /** The hub's state with pending commands' changes laid over it (see `Projection`). */
  readonly state: OpsState;
  /** The hub's state alone. Its maps are the store's own, updated in place by later batches. */
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
  /** While the hub's snapshot or the cached picture comes in: alerts received of its total; undefined otherwise. */
  readonly loading: PictureLoading | undefined;
  readonly notices: readonly Notice[];
}

/** The last known picture from the local cache, shown until the hub answers. */
export interface SeedPicture {
  readonly state: OpsState;
  readonly through: number;
  /** How old it is; undefined when the cache was empty. */
  readonly ageMs: number | undefined;
  readonly pending: readonly { readonly command: Command; readonly queuedAt: number }[];
  /** The first of its pages: how many of the cached alerts are in, while more follow (see `seedMore`). */
  readonly loading?: PictureLoading;
}

/** How much of a picture that comes in pages is in. */
export interface PictureLoading {
  readonly received: number;
  /** Undefined while not yet known (the cache is still counting its rows). */
  readonly total: number | undefined;
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
  /**
   * The alerts of `state` changed after snapshot `revision`, each as `state` showed it then and shows it now;
   * undefined when that is no longer known (too far back, or the picture was replaced) and the reader must
   * start afresh.
   */
  alertChangesSince(revision: number): ReadonlyMap<string, AlertChange> | undefined;
  /** A gap before `range.after`: the caller fills it with history first. */
  hasGapBefore(range: BatchRange): boolean;
  setHello(hello: Hello): void;
  setConnection(connection: ConnectionState): void;
  setPresence(presence: readonly PresenceEntry[]): void;
  /** Starts from the cached picture (before the hub answers); its queued commands show as pending. */
  seed(picture: SeedPicture): void;
  /** More alerts of the cached picture seeded in pages; `loading` is undefined once the last is in. */
  seedMore(alerts: readonly Alert[], loading: PictureLoading | undefined): void;
  /**
   * A page of the hub's snapshot: the first replaces the picture, each later one adds its alerts, and the
   * last sets `through` to the snapshot's seq, after which the log's batches follow.
   */
  loadSnapshotPage(page: PicturePage): void;
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

/** An alert change as the store builds it: `after` is filled in once the change is done. */
type ShownChange = { before: Alert | undefined; after: Alert | undefined };

export function createLiveStore(schedule: (flush: () => void) => void = defaultSchedule, project?: Projection): LiveStore {
  /** The hub's state, owned by the store and folded into in place. */
  let confirmed = ownedCopy(EMPTY_OPS_STATE);
  const overlay = createPendingOverlay(() => confirmed.alerts, project);
  const changes = createAlertChangeLog();
  const strings = createSharedStrings();
  let snapshot: LiveSnapshot = {
    state: confirmed,
    confirmed,
    revision: 0,
    hello: undefined,
    connection: { kind: 'connecting' },
    receivedAt: undefined,
    through: 0,
    pending: new Map(),
    refusals: [],
    presence: [],
    fromCache: false,
    loading: undefined,
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
   * Changes the alerts `affected` names through `alter`, which may update `confirmed` and returns the rest
   * of the change (a new pending set among it), and publishes the new picture, recording how those alerts
   * looked before and after.
   */
  function changeAlerts(affected: ReadonlySet<string>, alter: () => Partial<LiveSnapshot>): void {
    const changed = new Map<string, ShownChange>();
    for (const id of affected) changed.set(id, { before: overlay.shown(id), after: undefined });
    const change = alter();
    const pending = change.pending ?? snapshot.pending;
    if (pending !== snapshot.pending) overlay.setPending(pending.values());
    overlay.reproject(affected);
    for (const [id, entry] of changed) entry.after = overlay.shown(id);
    publish(changed, { ...change, pending });
  }

  /** Publishes the picture after a change of the alerts in `changed`, recorded for the views. */
  function publish(changed: ReadonlyMap<string, AlertChange>, change: Partial<LiveSnapshot>): void {
    changes.record(snapshot.revision + 1, changed);
    update({ ...change, confirmed, state: { ...confirmed, alerts: overlay.view() } });
  }

  /** Replaces the whole picture: readers of alert changes start afresh. */
  function replace(state: OpsState, pending: ReadonlyMap<string, PendingCommand>, change: Partial<LiveSnapshot>): void {
    confirmed = ownedCopy(state);
    for (const alert of confirmed.alerts.values()) strings.shareAlert(alert);
    overlay.clear();
    overlay.setPending(pending.values());
    overlay.reproject(new Set([...pending.values()].map((entry) => entry.command.alertId)));
    changes.replaced(snapshot.revision + 1);
    update({ ...change, pending, confirmed, state: { ...confirmed, alerts: overlay.view() } });
  }

  /** A new pending set: the alerts of the commands that came, went or changed are shown again. */
  function changePending(pending: ReadonlyMap<string, PendingCommand>, change: Partial<LiveSnapshot> = {}): void {
    const affected = new Set<string>();
    for (const [mutationId, entry] of pending) if (snapshot.pending.get(mutationId) !== entry) affected.add(entry.command.alertId);
    for (const [mutationId, entry] of snapshot.pending) if (!pending.has(mutationId)) affected.add(entry.command.alertId);
    changeAlerts(affected, () => ({ ...change, pending }));
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

  /** Adds the alerts of a later page of a picture (the hub's snapshot or the cache's) to the one shown. */
  function addPage(alerts: readonly Alert[], change: () => Partial<LiveSnapshot>): void {
    for (const alert of alerts) strings.shareAlert(alert);
    changeAlerts(new Set(alerts.map((alert) => alert.id)), () => {
      const held = confirmed.alerts as IdMap<Alert>;
      for (const alert of alerts) held.set(alert.id, alert);
      return change();
    });
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
    alertChangesSince: (revision) => changes.since(revision),
    hasGapBefore: (range) => range.after > snapshot.through,
    applyBatch(events, range) {
      let operations = false;
      let checkpoints = false;
      for (const event of events) {
        strings.shareEvent(event);
        if (event.type === 'operation.updated') operations = true;
        else if (event.type === 'checkpoint.updated') checkpoints = true;
      }
      // Operations and checkpoints are few: a batch that changes them gives them new maps, so readers see it.
      if (operations) confirmed = { ...confirmed, operations: new Map(confirmed.operations) };
      if (checkpoints) confirmed = { ...confirmed, checkpoints: new Map(confirmed.checkpoints) };
      // Alerts with pending commands are shown projected (the few the officer just acted on): as they looked.
      const projectedIds = [...overlay.pendingAlertIds()];
      const shownBefore = new Map(projectedIds.map((id) => [id, overlay.shown(id)]));
      // The fold says which alerts it changed, as they were and are, so none is looked up again among all held.
      const changed = new Map<string, ShownChange>();
      const result = foldEventsInPlace(confirmed, events, (before, after) => {
        const seen = changed.get(after.id);
        if (seen === undefined) changed.set(after.id, { before, after });
        else seen.after = after;
      });
      for (const refusal of result.refused) {
        if (refusal.reason !== 'stale') console.warn(`[watchfloor] event ${refusal.seq} not applied: ${refusal.detail}`);
      }
      confirmed = result.state;
      const effect: { raised: Alert[]; changed: Alert[]; updated: Alert[] } = { raised: [], changed: [], updated: [] };
      for (const { before, after } of changed.values()) {
        effect.changed.push(after!);
        (before === undefined ? effect.raised : effect.updated).push(after!);
      }
      // A command whose event arrives now is settled: its alert is shown again as confirmed.
      const through = Math.max(snapshot.through, range.through, confirmed.lastSeq);
      const pending = settle(snapshot.pending, through);
      if (pending !== snapshot.pending) overlay.setPending(pending.values());
      overlay.reproject(projectedIds);
      for (const id of projectedIds) changed.set(id, { before: shownBefore.get(id), after: overlay.shown(id) });
      publish(changed, { through, receivedAt: Date.now(), pending, fromCache: false });
      return effect;
    },
    setHello: (hello) => update({ hello }),
    setConnection: (connection) => update({ connection }),
    setPresence: (presence) => update({ presence }),
    seed(picture) {
      const pending = new Map(snapshot.pending);
      for (const { command, queuedAt } of picture.pending) pending.set(command.mutationId, { command, sentAt: queuedAt, stage: 'queued' });
      replace(picture.state, pending, {
        through: picture.through,
        receivedAt: picture.ageMs === undefined ? undefined : Date.now() - picture.ageMs,
        fromCache: picture.ageMs !== undefined,
        loading: picture.loading,
      });
    },
    seedMore(alerts, loading) {
      addPage(alerts, () => ({ loading }));
    },
    loadSnapshotPage(page) {
      const last = page.index === page.pages - 1;
      const received = (page.index === 0 ? 0 : (snapshot.loading?.received ?? 0)) + page.alerts.length;
      const done = last ? { through: page.seq, loading: undefined } : { loading: { received, total: page.total } };
      if (page.index === 0) {
        const state: OpsState = {
          lastSeq: page.seq,
          lastAt: page.lastAt,
          operations: new Map(page.operations.map((operation) => [operation.id, operation])),
          checkpoints: new Map(page.checkpoints.map((checkpoint) => [checkpoint.id, checkpoint])),
          alerts: new Map(page.alerts.map((alert) => [alert.id, alert])),
        };
        const pending = last ? settle(snapshot.pending, page.seq) : snapshot.pending;
        replace(state, pending, { ...done, receivedAt: Date.now(), fromCache: false });
        return;
      }
      addPage(page.alerts, () => ({ ...done, receivedAt: Date.now(), ...(last ? { pending: settle(snapshot.pending, page.seq) } : {}) }));
    },
    reset: () => {
      // Another log: its seqs are new positions.
      countedSeqs = new Set();
      const pending = new Map([...snapshot.pending].filter(([, entry]) => entry.seq === undefined));
      replace(EMPTY_OPS_STATE, pending, { through: 0, fromCache: false, loading: undefined });
    },
    commandQueued: (command, queuedAt) => changePending(withPending(command, { stage: 'queued', ...(queuedAt === undefined ? {} : { sentAt: queuedAt }) })),
    commandSent: (command) => changePending(withPending(command, { stage: 'sent' })),
    commandAnswered(command, ack) {
      if (ack.ok) {
        changePending(settle(withPending(command, { stage: 'sent', seq: ack.seq }), snapshot.through));
        return;
      }
      const pending = new Map(snapshot.pending);
      pending.delete(command.mutationId);
      const refusal: Refusal = { alertId: command.alertId, commandType: command.type, reason: ack.reason, params: ack.params, message: ack.message, at: Date.now() };
      changePending(pending, { refusals: [refusal, ...snapshot.refusals.filter((r) => r.alertId !== command.alertId)].slice(0, MAX_REFUSALS) });
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

/**
 * A state whose maps the store may update in place: the cache's picture and the empty state stay as they
 * are. The alerts, which grow to millions, go in an `IdMap`, which never copies them all at once as it grows.
 */
function ownedCopy(state: OpsState): OpsState {
  return { ...state, operations: new Map(state.operations), checkpoints: new Map(state.checkpoints), alerts: new IdMap(state.alerts) };
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
