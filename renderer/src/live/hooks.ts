import { type Alert, type Command, type EscalationLevel, type Outcome } from '@watchfloor/shared';
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { syncAlertView, type AlertView, type SyncedView } from '../data/alert-view-sync';
import type { LiveSnapshot } from '../data/live-store';
import { newMutationId } from '../data/live-store';
import type { Session } from '../data/session';

/** React access to the signed-in session: its live snapshot, a ticking clock and the command verbs. */
export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside a signed-in screen');
  return session;
}

export function useLive(): LiveSnapshot {
  const { store } = useSession();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * A view of the live alerts kept up to date alert by alert as the store changes (see `syncAlertView`);
 * built afresh when `key` changes. The caller re-renders with the store (`useLive`).
 */
export function useLiveAlertView<V extends AlertView>(key: readonly unknown[], build: (alerts: Iterable<Alert>) => V): V {
  const { store } = useSession();
  const synced = useRef<SyncedView<V> | undefined>(undefined);
  synced.current = syncAlertView(store, synced.current, key, build);
  return synced.current.view;
}

/** The current time, updated every `intervalMs`: for ages and deadlines. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export interface CommandVerbs {
  acknowledge(alertId: string): void;
  escalate(alertId: string, level: EscalationLevel, reason: string): void;
  resolve(alertId: string, outcome: Outcome, comment: string): void;
  note(alertId: string, text: string): void;
}

export function useCommands(): CommandVerbs {
  const session = useSession();
  return useMemo(() => {
    // Each command carries the moment the officer gave it: queued offline, it reaches the hub later.
    const send = (command: Command) => void session.send(command);
    const fresh = () => ({ mutationId: newMutationId(), givenAt: Date.now() });
    return {
      acknowledge: (alertId) => send({ type: 'acknowledge', alertId, ...fresh() }),
      escalate: (alertId, level, reason) => send({ type: 'escalate', alertId, level, reason, ...fresh() }),
      resolve: (alertId, outcome, comment) => send({ type: 'resolve', alertId, outcome, comment, ...fresh() }),
      note: (alertId, text) => send({ type: 'note', alertId, text, ...fresh() }),
    };
  }, [session]);
}

