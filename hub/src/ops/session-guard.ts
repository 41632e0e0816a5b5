import type { SessionEndReason, SessionEnded } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { Access } from '../auth/access';
import { SESSION_END_MESSAGES } from '../http/session-routes';
import type { SocketIdentity } from './socket-identity';
import { identityOf } from './socket-identity';

/**
 * Keeps every open `/ops` socket within its session: the socket closes, after a `session-ended` message
 * naming the reason, the moment its session expires (a timer per socket, moved when the session is
 * renewed), when the session is revoked, when its officer is disabled or removed, and when the officer's
 * role or scope changes (the console then connects again and is given the new rights). Every message a
 * socket sends is admitted only while all of that still holds, checked in memory.
 */
export interface SessionGuard {
  /** True while the socket may act; otherwise the socket is ended and false. */
  admit(socket: Socket): boolean;
  detach(): void;
}

/** setTimeout's limit; a later expiry is looked at again when this runs out. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function guardSessions(namespace: Namespace, access: Access, log: Logger): SessionGuard {
  const timers = new Map<string, NodeJS.Timeout>();

  function end(socket: Socket, identity: SocketIdentity, reason: SessionEndReason): void {
    clearTimeout(timers.get(socket.id));
    timers.delete(socket.id);
    if (!socket.connected) return;
    const ended: SessionEnded = { reason, message: SESSION_END_MESSAGES[reason] };
    socket.emit('session-ended', ended);
    socket.disconnect(true);
    log.info({ officer: identity.officer.id, reason }, 'socket closed: its session can no longer act');
  }

  /** Ends the socket if it may no longer act; true when it was ended. */
  function review(socket: Socket): boolean {
    const identity = identityOf(socket);
    if (identity === undefined) return false;
    const reason = access.standing(identity.sessionId, identity.officer);
    if (reason === undefined) return false;
    end(socket, identity, reason);
    return true;
  }

  function schedule(socket: Socket): void {
    const identity = identityOf(socket);
    const expiresAt = identity === undefined ? undefined : access.expiresAt(identity.sessionId);
    clearTimeout(timers.get(socket.id));
    if (identity === undefined || expiresAt === undefined) return;
    const timer = setTimeout(() => void atExpiry(socket, identity), Math.min(Math.max(0, expiresAt - access.now()), LONGEST_TIMER_MS));
    timer.unref();
    timers.set(socket.id, timer);
  }

  /** Another hub may have renewed the session since this one last read: ask the database first. */
  async function atExpiry(socket: Socket, identity: SocketIdentity): Promise<void> {
    timers.delete(socket.id);
    if (!socket.connected) return;
    await access.recheck(identity.sessionId).catch((error: unknown) => log.warn({ err: error }, 'could not re-read a session at its expiry; judged from memory'));
    if (!review(socket)) schedule(socket);
  }

  function reviewAll(): void {
    for (const socket of namespace.sockets.values()) {
      if (!review(socket)) schedule(socket);
    }
  }

  const onConnection = (socket: Socket) => {
    schedule(socket);
    socket.on('disconnect', () => {
      clearTimeout(timers.get(socket.id));
      timers.delete(socket.id);
    });
  };
  namespace.on('connection', onConnection);
  const stopListening = access.onChange(reviewAll);

  return {
    admit: (socket) => !review(socket),
    detach() {
      stopListening();
      namespace.off('connection', onConnection);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
