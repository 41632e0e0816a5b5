import { hasCapability, type Officer } from '@watchfloor/shared';
import type { QueueCounts } from '../queue/queue-index';

/**
 * The wall display's pure parts: who lands on it, and its key figures. The figures are read from the
 * queue's own counts (queue-index.ts), so the wall and a duty officer's queue never disagree.
 */

/** Who lands on the wall display: a role that watches the operation and takes no action on it (an observer). */
export function landsOnWall(officer: Officer): boolean {
  return hasCapability(officer, 'watch-operation') && !hasCapability(officer, 'act');
}

export interface WallFigures {
  readonly open: number;
  /** Open critical alerts. */
  readonly critical: number;
  readonly unacknowledged: number;
  /** How long the oldest unacknowledged alert has waited, on the screen's clock; undefined when none waits. */
  readonly oldestWaitingMs: number | undefined;
}

export function wallFigures(counts: QueueCounts, now: number): WallFigures {
  return {
    open: counts.open,
    critical: counts.bySeverity.critical,
    unacknowledged: counts.unacknowledged,
    oldestWaitingMs: counts.oldestWaitingAt === undefined ? undefined : Math.max(0, now - counts.oldestWaitingAt),
  };
}
