import type {
  CommandAck,
  DetailsResponse,
  Hello,
  HistoryReply,
  OpsEvent,
  PresenceEntry,
  PresenceUpdate,
  Reset,
  SessionEndReason,
} from '@watchfloor/shared';
import type { SnapshotPart } from '../cache/picture-write';

/**
 * Messages between the UI thread and the data-plane worker that owns the hub socket. The worker validates
 * everything the hub sends before it crosses to the UI thread, so the UI only ever sees typed data.
 */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly attempt: number }
  /** The hub refused the token or ended the session: the officer must sign in again. */
  | { readonly kind: 'unauthorized'; readonly reason: SessionEndReason }
  | { readonly kind: 'closed' };

export interface BatchRange {
  readonly after: number;
  readonly through: number;
}

/** An event from the hub that this console could not read: left out, while the range it sat in still counts. */
export interface UnreadableEvent {
  /** Its position in the hub's log, when that much of it could be read. */
  readonly seq?: number;
  readonly problem: string;
}

/**
 * A page of the hub's snapshot (see shared/protocol/snapshot.ts), read and its alerts built by the worker:
 * what the cache stores of it, and the number of alerts in the whole snapshot, for progress.
 */
export interface PicturePage extends SnapshotPart {
  readonly total: number;
}

export type ToWorker =
  | {
      readonly kind: 'connect';
      readonly url: string;
      readonly token: string;
      /** Resume after this seq... */
      readonly since: number;
      /** ...of this hub's log (from the local cache); another hub's hello restarts from 0 with a `reset`. */
      readonly hubId?: string;
      readonly clientId: string;
      /** The rights (see `rightsOf`) `since` was read with; a hello with others restarts from 0 with a `reset`. */
      readonly rights?: string;
    }
  /** A renewed token, for the reconnections to come; the open socket stays. */
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'presence'; readonly update: PresenceUpdate }
  | { readonly kind: 'request'; readonly id: number; readonly event: 'command' | 'history' | 'details'; readonly payload: unknown };

export type FromWorker =
  | { readonly kind: 'hello'; readonly hello: Hello }
  | { readonly kind: 'events'; readonly events: readonly OpsEvent[]; readonly range: BatchRange }
  | { readonly kind: 'reset'; readonly reset: Reset }
  /** The first page replaces the picture, the others add to it; the log after `seq` follows as `events`. */
  | { readonly kind: 'snapshot'; readonly page: PicturePage }
  /**
   * A snapshot page could not be read: nothing of it was passed on, and the worker reconnects to be sent
   * the log from its first event instead. What the snapshot's earlier pages showed goes with the replay's first batch.
   */
  | { readonly kind: 'snapshot-abandoned' }
  | { readonly kind: 'presence'; readonly presence: readonly PresenceEntry[] }
  | { readonly kind: 'connection'; readonly state: ConnectionState }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: CommandAck | HistoryReply | DetailsResponse }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: 'rejected'; readonly what: string; readonly problem: string }
  /** Events left out of a batch or a history page, the readable rest of it having been passed on. */
  | { readonly kind: 'unreadable'; readonly events: readonly UnreadableEvent[] };

/** The part of `Worker` the hub client uses (a real worker in the app, `inProcessWorker` in Node tests). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}
