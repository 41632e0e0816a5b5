import type { Alert } from '@watchfloor/shared';

/**
 * Which alerts changed since a given revision of the live picture, how each looked then and how it looks
 * now: what lets a view of the picture (the queue, the desktop summary) update only those alerts, without
 * walking every alert held or looking each one up in the map of all of them. Kept for the last `LIMIT`
 * changes; a reader further behind, or from before the picture was replaced wholesale, is told to rebuild.
 */
export interface AlertChange {
  /** As the alert was (undefined: it did not exist yet). */
  readonly before: Alert | undefined;
  /** As it is after the change (undefined: it is gone). */
  readonly after: Alert | undefined;
}

export interface AlertChangeLog {
  /**
   * The alerts changed after `revision`, each as it was at `revision` and as it is now; undefined when that
   * is no longer known and the reader must rebuild from the whole picture.
   */
  since(revision: number): ReadonlyMap<string, AlertChange> | undefined;
  /** The change that made `revision`, with each alert it touched as it was before and after it. */
  record(revision: number, changes: ReadonlyMap<string, AlertChange>): void;
  /** The picture was replaced at `revision`: nothing before it can be told. */
  replaced(revision: number): void;
}

const LIMIT = 64;

export function createAlertChangeLog(): AlertChangeLog {
  let entries: { readonly revision: number; readonly changes: ReadonlyMap<string, AlertChange> }[] = [];
  /** Readers at or after this revision can be told what changed. */
  let knownFrom = 0;
  return {
    since(revision) {
      if (revision < knownFrom) return undefined;
      const newer = entries.filter((entry) => entry.revision > revision);
      // The common case, one change per frame, needs no merging.
      if (newer.length === 1) return newer[0]!.changes;
      const merged = new Map<string, AlertChange>();
      for (const entry of newer) {
        for (const [id, change] of entry.changes) {
          const earlier = merged.get(id);
          merged.set(id, earlier === undefined ? change : { before: earlier.before, after: change.after });
        }
      }
      return merged;
    },
    record(revision, changes) {
      entries.push({ revision, changes });
      if (entries.length > LIMIT) knownFrom = entries.shift()!.revision;
    },
    replaced(revision) {
      entries = [];
      knownFrom = revision;
    },
  };
}
