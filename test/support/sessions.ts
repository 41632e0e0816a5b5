import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SessionEnded, SessionResponse, type Command, type SessionEndReason } from '@watchfloor/shared';
import { io } from 'socket.io-client';
import type { RunningHub } from '../../hub/src/index';
import type { TestClient } from './hub';

/**
 * Sessions against real test hubs: the session routes, a users file rewritten as an administrator would
 * (written aside, then moved over the old one), and what an open socket was told when its session ended.
 */
export interface UserEntry {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly scope?: string;
  readonly password?: string;
  readonly passwordHash?: string;
  readonly disabled?: boolean;
}

export async function writeUsersFile(file: string, users: readonly UserEntry[]): Promise<void> {
  const aside = path.join(path.dirname(file), `.${path.basename(file)}.${Math.random().toString(36).slice(2)}`);
  await writeFile(aside, JSON.stringify(users, undefined, 2));
  await rename(aside, file);
}

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export async function signOut(hub: RunningHub, token: string): Promise<Response> {
  return fetch(`${hub.url}/api/v1/session`, { method: 'DELETE', headers: bearer(token) });
}

export async function renew(hub: RunningHub, token: string): Promise<SessionResponse> {
  const response = await fetch(`${hub.url}/api/v1/session/renew`, { method: 'POST', headers: bearer(token) });
  if (response.status !== 200) throw new Error(`renewal failed with ${response.status}: ${await response.text()}`);
  return SessionResponse.parse(await response.json());
}

export async function revokeSessionsOf(hub: RunningHub, adminToken: string, officerId: string): Promise<Response> {
  return fetch(`${hub.url}/api/v1/officers/${encodeURIComponent(officerId)}/sessions/revoke`, { method: 'POST', headers: bearer(adminToken) });
}

/** Collects what the hub tells a client when it closes its socket for its session's sake. */
export function watchEnd(client: TestClient): { readonly ended: () => SessionEnded | undefined; readonly at: () => number | undefined } {
  let ended: SessionEnded | undefined;
  let at: number | undefined;
  client.socket.on('session-ended', (payload: unknown) => {
    ended = SessionEnded.parse(payload);
    at = Date.now();
  });
  return { ended: () => ended, at: () => at };
}

export async function endedWith(client: TestClient, watched: ReturnType<typeof watchEnd>, reason: SessionEndReason, timeoutMs = 10_000): Promise<void> {
  await client.waitFor(() => watched.ended() !== undefined && !client.socket.connected, `the socket to end (${reason})`, timeoutMs);
  if (watched.ended()!.reason !== reason) throw new Error(`the socket ended for ${watched.ended()!.reason}, not ${reason}`);
}

/** A command on an open socket: the hub's answer, or `unanswered` when the socket closed first. */
export function attempt(client: TestClient, command: Command): Promise<'unanswered' | { ok: boolean; code?: string }> {
  return attemptRequest(client, 'command', command);
}

/** Any request with an answer (`command`, `details`, `history`): the hub's answer, or `unanswered` when the socket closed first. */
export function attemptRequest(client: TestClient, event: string, payload: unknown): Promise<'unanswered' | { ok: boolean; code?: string }> {
  return new Promise((resolve) => {
    const closed = () => resolve('unanswered');
    client.socket.once('disconnect', closed);
    if (!client.socket.connected) return resolve('unanswered');
    client.socket.emit(event, payload, (ack: { ok: boolean; code?: string }) => {
      client.socket.off('disconnect', closed);
      resolve(ack);
    });
  });
}

/** A handshake with this token: `connected`, or the refusal's reason (`unauthorized` when none is given). */
export function handshake(hub: RunningHub, token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(`${hub.url}/ops`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { data?: { reason?: string } }) => {
      socket.close();
      resolve(error.data?.reason ?? error.message);
    });
  });
}
