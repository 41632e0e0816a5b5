import { SEVERITY_RANK } from '../domain/model';
import { isOpen, type Alert } from './lifecycle';

/**
 * The order alerts are handled in, most urgent first: open before resolved, then the most severe, then the
 * oldest hit. The queue lists alerts in it, the hub sends its snapshot in it and the local cache reads its
 * alert rows in it, so the first rows anyone sees are the top of the queue.
 */

/** Above any hit time (epoch ms, before the year 2500), so open-ness and severity weigh more than it. */
const GROUP = 2 ** 44;

/**
 * One number per alert, lowest first; below 2^47, so exact in a double. Hits of the same millisecond share
 * it: `compareUrgency` tells them apart by id.
 */
export function urgencyRank(alert: Alert): number {
  return ((isOpen(alert) ? 0 : SEVERITY_RANK.low + 1) + SEVERITY_RANK[alert.hit.severity]) * GROUP + alert.hit.at;
}

/** Ids in code-unit order, as IndexedDB orders string keys, so every reader of the order agrees. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The whole order, a total one: by rank, then by id. */
export function compareUrgency(a: Alert, b: Alert): number {
  return urgencyRank(a) - urgencyRank(b) || compareIds(a.id, b.id);
}
