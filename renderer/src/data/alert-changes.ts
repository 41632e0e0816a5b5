import type { Alert } from '@watchfloor/shared';

/**
 * Which alerts changed since a given revision of the live picture, and how each looked then: what lets a
 * view of the picture (the queue, the desktop summary) update only those alerts instead of walking every
 * alert held. Kept for the last `LIMIT` changes; a reader further behind, or from before the picture was
 * replaced wholesale, is told to rebuild.
 */
export interface AlertChangeLog {
  /**
   * The alerts changed after `revision`, each as it was at `revision` (undefined: it did not exist yet);
   * undefined when that is no longer known and the reader must rebuild from the whole picture.
   */
  since(revision: number): ReadonlyMap<string, Alert | undefined> | undefined;
  /** The change that made `revision`, with the alerts it touched as they were before it. */
  record(revision: number, before: ReadonlyMap<string, Alert | undefined>): void;
  /** The picture was replaced at `revision`: nothing before it can be told. */
  replaced(revision: number): void;
}

const LIMIT = 64;

export function createAlertChangeLog(): AlertChangeLog {
  let entries: { readonly revision: number; readonly before: ReadonlyMap<string, Alert | undefined> }[] = [];
  /** Readers at or after this revision can be told what changed. */
  let knownFrom = 0;
  return {
    since(revision) {
      if (revision < knownFrom) return undefined;
      const newer = entries.filter((entry) => entry.revision > revision);
      // The common case, one change per frame, needs no merging.
      if (newer.length === 1) return newer[0]!.before;
      const changed = new Map<string, Alert | undefined>();
      for (const entry of newer) for (const [id, alert] of entry.before) if (!changed.has(id)) changed.set(id, alert);
      return changed;
    },
    record(revision, before) {
      entries.push({ revision, before });
      if (entries.length > LIMIT) knownFrom = entries.shift()!.revision;
    },
    replaced(revision) {
      entries = [];
      knownFrom = revision;
    },
  };
}
