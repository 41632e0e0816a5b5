import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Officer } from '@watchfloor/shared';
import type { LockManagerLike } from '../../renderer/src/cache/writer-lock';
import { inProcessWorker } from '../../renderer/src/data/data-plane';
import { startSession, type Session, type SessionOptions } from '../../renderer/src/data/session';
import type { WorkerLike } from '../../renderer/src/data/worker-protocol';

/**
 * The console's session (data plane, live store, local cache, outbox) running in Node against real hubs:
 * the browser's IndexedDB is fake-indexeddb and the windows' Web Locks are `memoryLocks`. One `Workstation`
 * is one machine: its sessions share a cache, as the app's windows and restarts do.
 */
export interface Workstation {
  readonly indexedDB: IDBFactory;
  readonly locks: LockManagerLike;
  /**
   * `worker`: the session's data plane (in-process by default), e.g. one wrapped to inject delivery faults;
   * `renewal`: the token's expiry and the officer's activity, for a session that renews its token.
   */
  open(hubUrl: string, token: string, officer: Officer, options?: { readonly worker?: () => WorkerLike; readonly renewal?: Pick<SessionOptions, 'expiresAt' | 'active' | 'onRenewed'> }): Session;
}

export function workstation(name = 'watchfloor-cache'): Workstation {
  const indexedDB = new IDBFactory();
  const locks = memoryLocks();
  return {
    indexedDB,
    locks,
    open: (hubUrl, token, officer, options = {}) =>
      startSession(hubUrl, token, officer, {
        cache: { indexedDB, IDBKeyRange, name },
        election: { locks },
        worker: options.worker ?? inProcessWorker,
        ...options.renewal,
      }),
  };
}

/** Web Locks' exclusive mode in memory: one holder per name, the rest wait in order; `query` lists the held. */
export function memoryLocks(): LockManagerLike {
  const tails = new Map<string, Promise<void>>();
  const holders = new Set<string>();
  return {
    request(name, options, callback) {
      const previous = tails.get(name) ?? Promise.resolve();
      let aborted = false;
      options.signal?.addEventListener('abort', () => (aborted = true));
      const held = previous.then(async () => {
        if (aborted) throw new Error('aborted');
        holders.add(name);
        try {
          await callback();
        } finally {
          holders.delete(name);
        }
      });
      const tail = held.catch(() => undefined);
      tails.set(name, tail);
      return held;
    },
    query: async () => ({ held: [...holders].map((name) => ({ name })) }),
  };
}
