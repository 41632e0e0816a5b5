import {
  OPS_NAMESPACE,
  PresenceUpdate,
  isSupervisor,
  parseWith,
  type Officer,
  type PresenceEntry,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { createSocketLimits } from './socket-limits';

/**
 * Who is connected to this hub and who has silenced alerts ("do not disturb for N minutes"), so a shift
 * lead can see it. Presence is live state of this hub node, not history: it is not in the event log, and
 * with several hub nodes each lead sees the officers connected to their own node.
 */
const SUPERVISORS_ROOM = 'presence:supervisors';
const MAX_DND_MS = 12 * 3600_000;

interface Entry {
  officer: Officer;
  sockets: Set<string>;
  doNotDisturbUntil: number | undefined;
}

/** `admit`: whether the socket's session may still act (see session-guard.ts); it ends the socket when not. */
export function attachPresence(io: Server, log: Logger, admit: (socket: Socket) => boolean, now: () => number = Date.now): () => void {
  const namespace = io.of(OPS_NAMESPACE);
  const entries = new Map<string, Entry>();

  function list(): PresenceEntry[] {
    const at = now();
    return [...entries.values()].map((entry) => ({
      officer: { id: entry.officer.id, name: entry.officer.name },
      role: entry.officer.role,
      connections: entry.sockets.size,
      ...(entry.doNotDisturbUntil !== undefined && entry.doNotDisturbUntil > at ? { doNotDisturbUntil: entry.doNotDisturbUntil } : {}),
    }));
  }

  const publish = () => namespace.to(SUPERVISORS_ROOM).emit('presence', list());

  const onConnection = (socket: Socket) => {
    const officer = socket.data.officer as Officer | undefined;
    if (officer === undefined) return;
    const entry = entries.get(officer.id) ?? { officer, sockets: new Set<string>(), doNotDisturbUntil: undefined };
    entry.sockets.add(socket.id);
    entries.set(officer.id, entry);
    if (isSupervisor(officer)) void socket.join(SUPERVISORS_ROOM);
    // Over the limit, an update is dropped (there is no ack to refuse it with); the limits log it.
    // A socket that keeps sending regardless is disconnected.
    const limits = createSocketLimits(log, officer);
    socket.on('presence', (payload: unknown) => {
      if (!admit(socket)) return;
      if (!limits.admit('presence').ok) {
        if (limits.flooding()) socket.disconnect(true);
        return;
      }
      const update = parseWith(PresenceUpdate, payload);
      if (!update.ok) return log.warn({ officer: officer.id }, 'invalid presence update ignored');
      const until = update.value.doNotDisturbUntil;
      entry.doNotDisturbUntil = until === undefined ? undefined : Math.min(until, now() + MAX_DND_MS);
      log.info({ officer: officer.id, doNotDisturbUntil: entry.doNotDisturbUntil }, 'do not disturb changed');
      publish();
    });
    socket.on('disconnect', () => {
      limits.close();
      entry.sockets.delete(socket.id);
      if (entry.sockets.size === 0) entries.delete(officer.id);
      publish();
    });
    publish();
  };
  namespace.on('connection', onConnection);
  return () => {
    namespace.off('connection', onConnection);
    entries.clear();
  };
}
