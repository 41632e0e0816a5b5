import type { HistoryRequest, HistoryResponse, Officer, OpsEvent } from '@watchfloor/shared';
import { rightsOf } from '../cache';
import { pageHistory } from './history-pages';
import type { LiveStore } from './live-store';
import type { SessionCache } from './session-cache';
import type { SessionMap } from './session-map';
import type { BatchRange, FromWorker, PicturePage } from './worker-protocol';

/** What the hub's messages act on. */
export interface HubMessagesDeps {
  readonly store: LiveStore;
  readonly map: Pick<SessionMap, 'drop' | 'applyLive' | 'append'>;
  readonly cache: Pick<SessionCache, 'greet' | 'storeBatch' | 'storeSnapshotPage' | 'resetPicture'>;
  /** The replay timeline, if one was made. */
  readonly timeline: { record(events: readonly OpsEvent[]): void; drop(): void };
  readonly history: (request: HistoryRequest) => Promise<HistoryResponse>;
  /** The officer as the hub last said in hello. */
  readonly officer: () => Officer;
  readonly officerChanged: (officer: Officer) => void;
  /** Sends what is queued in the outbox. */
  readonly kick: () => void;
}

/**
 * The hub's messages as the data-plane worker passes them on. Those that change the picture are applied one
 * after another in arrival order: to the screen first (the live store, the map and the timeline), then to
 * the cache, which stores them in the background. A batch that does not follow what the screen holds waits
 * until the gap is filled from `history`. A snapshot's first page replaces the picture, later ones add to it.
 */
export function createHubMessages(deps: HubMessagesDeps): (message: FromWorker) => void {
  const { store, map, cache, timeline } = deps;
  /** Screen work, in arrival order. */
  let queue: Promise<void> = Promise.resolve();
  /** A snapshot was abandoned midway: the log replayed instead replaces what its pages showed. */
  let replayReplacesPicture = false;
  /** The hub's count of set-aside log rows the admin was last told of. */
  let quarantineTold: number | undefined;

  /**
   * Admins hear (in `hello`) how many unreadable rows the hub set aside from its log; told again only when
   * that number changes, so a reconnection does not bring back a notice the admin dismissed.
   */
  function noticeOfQuarantine(quarantined: number | undefined): void {
    if (quarantined === undefined || quarantined === quarantineTold) return;
    quarantineTold = quarantined;
    store.addNotice({ id: 'hub-quarantine', key: 'hubQuarantine', values: { count: quarantined }, tone: 'warning' });
  }

  function apply(events: readonly OpsEvent[], range: BatchRange): void {
    const effect = store.applyBatch(events, range);
    cache.storeBatch(events, range);
    timeline.record(events);
    if (effect.changed.length === 0) return;
    map.applyLive(events, effect.raised, effect.updated);
  }

  /** A snapshot page: to the screen first (the first one replaces the picture and the map's hits), then to the cache. */
  function loadSnapshotPage(page: PicturePage): void {
    replayReplacesPicture = false;
    if (page.index === 0) map.drop();
    store.loadSnapshotPage(page);
    cache.storeSnapshotPage(page);
    if (page.alerts.length === 0) return;
    map.append(page.alerts);
  }

  function fillGap(range: BatchRange): Promise<void> {
    return pageHistory(deps.history, store.getSnapshot().through, range.after, (events, covered) => {
      apply(events, covered);
      return true;
    });
  }

  function inOrder(work: () => Promise<void>): void {
    queue = queue.then(work).catch((error: unknown) => console.warn(`[watchfloor] could not apply a hub message: ${String(error)}`));
  }

  return (message) => {
    switch (message.kind) {
      case 'connection':
        return store.setConnection(message.state);
      case 'rejected':
        return store.noteRejectedPayload();
      case 'unreadable':
        return store.noteUnreadableEvents(message.events);
      case 'presence':
        return store.setPresence(message.presence);
      case 'hello':
        inOrder(async () => {
          if (rightsOf(message.hello.officer) !== rightsOf(deps.officer())) store.addNotice({ id: 'rights-changed', key: 'rightsChanged', tone: 'info' });
          deps.officerChanged(message.hello.officer);
          store.setHello(message.hello);
          noticeOfQuarantine(message.hello.quarantinedEvents);
          await cache.greet(message.hello.hubId, rightsOf(message.hello.officer));
          deps.kick();
        });
        return;
      case 'reset':
        inOrder(async () => {
          map.drop();
          store.reset();
          // Another log: the timeline reloads from it when next asked for.
          timeline.drop();
          const { cause, reason } = message.reset;
          store.addNotice({ id: 'rebuilding', ...(cause === undefined ? { key: 'rebuilding', values: { reason } } : { key: `rebuildingBecause.${cause}` }), tone: 'info' });
          cache.resetPicture();
        });
        return;
      case 'snapshot': {
        const { page } = message;
        inOrder(async () => loadSnapshotPage(page));
        return;
      }
      case 'snapshot-abandoned':
        inOrder(async () => {
          replayReplacesPicture = true;
        });
        return;
      case 'events': {
        const { events, range } = message;
        inOrder(async () => {
          if (replayReplacesPicture && range.after === 0) {
            // What the abandoned snapshot's pages showed goes as the log from its first event comes in.
            replayReplacesPicture = false;
            map.drop();
            store.reset();
            cache.resetPicture();
          }
          if (store.hasGapBefore(range)) await fillGap(range);
          apply(events, range);
        });
        return;
      }
    }
  };
}
