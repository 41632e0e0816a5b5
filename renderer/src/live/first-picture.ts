import type { LiveSnapshot } from '../data/live-store';

/**
 * Whether the console is still waiting for its first picture of the operation: neither the hub's snapshot
 * nor a cached picture has come in. An empty queue then means "not known yet", never "no alerts".
 */
export function awaitingFirstPicture(snapshot: Pick<LiveSnapshot, 'receivedAt' | 'fromCache'>): boolean {
  return snapshot.receivedAt === undefined && !snapshot.fromCache;
}
