import type { Checkpoint, Command, Operation, OpsState } from '@watchfloor/shared';
import type { HitColumns } from '../map/hit-columns';
import type { AlertPage } from './alert-pages';
import type { OutboxStatus } from './database';

/** The local cache's contract types: what its operations take and give back (see `LocalCache` in cache.ts). */

export interface CacheIdentity {
  readonly officerId: string;
  /** From the hub's hello; unknown at start-up, before the hub has answered. */
  readonly hubId?: string;
  /**
   * The officer's role and country scope (see `rightsOf`): a picture built for other rights shows what the
   * officer may no longer see, or lacks what they now may, so it is rebuilt; queued commands stay.
   */
  readonly rights?: string;
}

export type CacheNotice =
  | {
      readonly kind: 'rebuilt';
      readonly reason: 'unreadable' | 'invalid-rows';
      readonly detail: string;
      readonly keptCommands: number;
      /** undefined: the outbox itself could not be read, so how many were lost is unknown. */
      readonly lostCommands: number | undefined;
    }
  | {
      readonly kind: 'identity-changed';
      readonly previous: { readonly hubId?: string; readonly officerId: string };
      /** Commands queued for another hub or officer: never sent, shown to the officer instead. */
      readonly droppedCommands: readonly Command[];
    };

export interface OutboxEntry {
  readonly mutationId: string;
  readonly command: Command;
  readonly queuedAt: number;
  readonly attempts: number;
  readonly status: OutboxStatus;
  /** The window that sends it (see `OutboxRow.owner`); undefined: a row from before owners were kept. */
  readonly owner?: string;
}

export interface CachedPicture {
  readonly state: OpsState;
  /** Every event up to this seq is in `state`: resume the hub from here. */
  readonly through: number;
  readonly hits: HitColumns;
  /** Queued commands in the order given; the console projects them over `state`, marked pending. */
  readonly pending: readonly OutboxEntry[];
  /** How old the picture is (now - last write); undefined when the cache is empty. */
  readonly ageMs: number | undefined;
  readonly notices: readonly CacheNotice[];
}

export type WriteFailure =
  | { readonly ok: false; readonly reason: 'gap'; readonly through: number; readonly message: string }
  | { readonly ok: false; readonly reason: 'quota'; readonly message: string }
  | { readonly ok: false; readonly reason: 'rebuilt'; readonly notice: CacheNotice; readonly message: string }
  | { readonly ok: false; readonly reason: 'failed'; readonly message: string };

export type BatchResult = { readonly ok: true; readonly applied: number; readonly through: number } | WriteFailure;

export type EnqueueResult =
  | { readonly ok: true; readonly entry: OutboxEntry }
  | { readonly ok: false; readonly reason: 'duplicate' | 'invalid' | 'unbound'; readonly message: string }
  | WriteFailure;

export interface PurgeResult {
  readonly events: number;
  readonly alerts: number;
  readonly hitChunks: number;
}

/**
 * Builds the map's columns for the cached hits. It is called before the alert rows are read (the map comes
 * first): `state` has the cached operations and checkpoints, and its `alerts` map fills in afterwards.
 */
export type MakeColumns = (state: OpsState, firstHitAt: number | undefined, rows: number) => HitColumns;

/** The map's part of the cached picture: what a first draw needs, without the alert rows. */
export interface CachedHits {
  /** Every event up to this seq is in `hits`. */
  readonly through: number;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly hits: HitColumns;
  readonly ageMs: number | undefined;
  readonly notices: readonly CacheNotice[];
}

export interface LoadPictureOptions {
  /**
   * Called as soon as every cached hit is in the columns, while the alert rows are still being read and
   * checked, so the map can draw first; the hits are those of the picture that resolves afterwards (one
   * read transaction). If the cache turns out damaged and is rebuilt, it is called again with the rebuilt
   * (empty) map.
   */
  readonly onHits?: (hits: CachedHits) => void;
  /**
   * Called with each page of the alert rows, checked, in key order as they are read: the first before the
   * map's hits are read, so a screen can show the queue at once; the last says so. `head.state.alerts` holds
   * the pages handed on so far. A damaged cache is rebuilt and the pages start again from the rebuilt one.
   */
  readonly onAlerts?: (page: AlertPage, head: PictureHead) => void;
}

/** The cached picture as its read begins: its alerts fill in page by page. */
export interface PictureHead {
  readonly state: OpsState;
  /** Every event up to this seq is in the picture. */
  readonly through: number;
  /** How old the picture is; undefined when the cache is empty. */
  readonly ageMs: number | undefined;
}
