import type { Officer, SessionEndReason } from '@watchfloor/shared';
import type { Socket } from 'socket.io';
import { SESSION_END_MESSAGES } from '../http/session-routes';

/**
 * Who an `/ops` socket acts as: the officer as the directory said at the handshake, and the session its
 * token names. Kept on `socket.data` by the handshake; the session guard holds the socket to both.
 */
export interface SocketIdentity {
  readonly officer: Officer;
  readonly sessionId: string;
}

export function setIdentity(socket: Socket, identity: SocketIdentity): void {
  socket.data.officer = identity.officer;
  socket.data.sessionId = identity.sessionId;
}

export function identityOf(socket: Socket): SocketIdentity | undefined {
  const { officer, sessionId } = socket.data as { officer?: Officer; sessionId?: string };
  return officer === undefined || sessionId === undefined ? undefined : { officer, sessionId };
}

/** A handshake from an officer whose role does not receive the operation picture: message `forbidden`. */
export function handshakeForbidden(message: string): Error {
  const error = new Error('forbidden') as Error & { data?: unknown };
  error.data = { reason: 'forbidden', message };
  return error;
}

/** A refused handshake: `connect_error` with message `unauthorized`, and the reason in its `data`. */
export function handshakeRefusal(reason: SessionEndReason | undefined): Error {
  const error = new Error('unauthorized') as Error & { data?: unknown };
  if (reason !== undefined) error.data = { reason, message: SESSION_END_MESSAGES[reason] };
  return error;
}
