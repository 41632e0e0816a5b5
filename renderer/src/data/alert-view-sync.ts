import type { Alert } from '@watchfloor/shared';
import type { LiveStore } from './live-store';

/**
 * Keeps a view derived from the live alerts (the queue's rows and counts, the desktop summary) up to date
 * with the store by handing it only the alerts that changed since it last looked, as they were and as they
 * are (from the store's change log, without looking them up among all alerts held); it is built afresh from
 * every alert when it is new, when what it depends on (`key`) changed, or when the store can no longer
 * say what changed.
 */
export interface AlertView {
  /** One alert changed: as it was when the view last saw it (undefined: new), and as it is now. */
  update(before: Alert | undefined, after: Alert | undefined): void;
}

export interface SyncedView<V extends AlertView> {
  readonly view: V;
  /** The store's revision the view has caught up with. */
  readonly revision: number;
  readonly key: readonly unknown[];
}

export function syncAlertView<V extends AlertView>(
  store: LiveStore,
  synced: SyncedView<V> | undefined,
  key: readonly unknown[],
  build: (alerts: Iterable<Alert>) => V,
): SyncedView<V> {
  const { state, revision } = store.getSnapshot();
  const sameKey = synced !== undefined && synced.key.length === key.length && synced.key.every((part, i) => Object.is(part, key[i]));
  if (sameKey && synced.revision === revision) return synced;
  const changed = sameKey ? store.alertChangesSince(synced.revision) : undefined;
  if (!sameKey || changed === undefined) return { view: build(state.alerts.values()), revision, key };
  for (const { before, after } of changed.values()) synced.view.update(before, after);
  return { view: synced.view, revision, key };
}
