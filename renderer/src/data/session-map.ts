import type { Alert, OpsEvent } from '@watchfloor/shared';
import { createHitColumns, type HitColumns } from '../map/hit-columns';
import { createMapProjection, type MapProjection } from '../map/projection';
import type { LiveStore } from './live-store';

/**
 * The session's side of the map: the columnar hits the map draws, the projection that says which picture
 * their rows show (live or a past moment), and a revision that bumps whenever the rows change, so the map
 * knows to upload. The columns come from the cached picture, or are made when first needed; whenever the
 * picture is replaced they are dropped, and the projection follows the columns it was made for.
 */
export interface SessionMap {
  hits(): HitColumns;
  mapProjection(): MapProjection;
  revision(): number;
  /** The cached picture's hits, shown at start. */
  seed(hits: HitColumns): void;
  /** The picture is replaced: the next rows go into new columns. */
  drop(): void;
  /** A live batch changed these alerts; `events` place the columns' origin when they are made for it. */
  applyLive(events: readonly OpsEvent[], raised: readonly Alert[], updated: readonly Alert[]): void;
  /** A snapshot page's alerts. */
  append(alerts: readonly Alert[]): void;
}

export function createSessionMap(store: Pick<LiveStore, 'getSnapshot'>): SessionMap {
  let columns: HitColumns | undefined;
  let projection: MapProjection | undefined;
  let revision = 0;

  function hitsFor(events: readonly OpsEvent[]): HitColumns {
    if (columns !== undefined) return columns;
    const state = store.getSnapshot().confirmed;
    const starts = [...state.operations.values()].map((operation) => operation.window.start);
    const firstHit = events.find((event) => event.type === 'hit.raised');
    const origin = Math.min(...starts, firstHit?.type === 'hit.raised' ? firstHit.hit.at : Date.now()) - 3_600_000;
    columns = createHitColumns({ originMs: origin, kindOf: (id) => store.getSnapshot().confirmed.checkpoints.get(id)?.kind });
    return columns;
  }

  function projectionFor(events: readonly OpsEvent[]): MapProjection {
    const hits = hitsFor(events);
    if (projection?.hits !== hits) projection = createMapProjection(hits);
    return projection;
  }

  return {
    hits: () => hitsFor([]),
    mapProjection: () => projectionFor([]),
    revision: () => revision,
    seed(hits) {
      columns = hits;
      revision += 1;
    },
    drop() {
      columns = undefined;
      revision += 1;
    },
    applyLive(events, raised, updated) {
      projectionFor(events).applyLive(raised, updated);
      revision += 1;
    },
    append(alerts) {
      hitsFor([]).append(alerts);
      revision += 1;
    },
  };
}
