import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hitRaised } from '@watchfloor/shared/testing';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../renderer/src/data/worker-protocol';

/**
 * The renderer's data-plane worker against a hub that misbehaves: invalid batches, out-of-order events, a
 * wrong protocol version and malformed replies are rejected with a logged warning, and the valid stream
 * around them still arrives.
 */
const posted: FromWorker[] = [];
const transferred = new Map<FromWorker, readonly ArrayBuffer[]>();
const scope: { postMessage: (message: FromWorker, transfer: ArrayBuffer[]) => void; onmessage: ((event: { data: ToWorker }) => void) | null } = {
  postMessage: (message, transfer) => {
    posted.push(message);
    transferred.set(message, transfer);
  },
  onmessage: null,
};
let url = '';
let io: Server;
let protocol = 1;

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  io.of('/ops').on('connection', (socket) => {
    socket.emit('hello', { protocol, hubId: 'hub-hostile', headSeq: 3, officer: { id: 'off-duty', name: 'Duty', role: 'duty-officer' } });
    socket.emit('events', [{ seq: 1, type: 'hit.teleported' }], { after: 0, through: 1 });
    socket.emit('events', [hitRaised(2, { id: 'hit-b' }), hitRaised(1, { id: 'hit-a' })], { after: 0, through: 2 });
    socket.emit('events', [hitRaised(3, { id: 'hit-c' })], 'not a range');
    socket.emit('events', [hitRaised(1, { id: 'hit-a' }), hitRaised(2, { id: 'hit-b' })], { after: 0, through: 2 });
    socket.on('command', (_payload, ack: (answer: unknown) => void) => ack({ ok: 'maybe' }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  (globalThis as unknown as { self: typeof scope }).self = scope;
  await import('../../renderer/src/data/hub-worker');
});

afterAll(() => {
  scope.onmessage?.({ data: { kind: 'disconnect' } });
  io.close();
  vi.restoreAllMocks();
});

async function waitFor(predicate: () => boolean): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('data-plane worker against a hostile hub', () => {
  it('given invalid payloads among valid ones, then each invalid one is rejected and the valid batch arrives', async () => {
    scope.onmessage!({ data: { kind: 'connect', url, token: 't', since: 0, clientId: 'test' } });
    await waitFor(() => posted.some((message) => message.kind === 'events'));
    const rejected = posted.filter((message) => message.kind === 'rejected');
    expect(rejected.map((message) => message.kind === 'rejected' && message.what)).toEqual([
      'an event batch',
      'an event batch',
      'an event batch range',
    ]);
    const batches = posted.filter((message) => message.kind === 'events');
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ range: { after: 0, through: 2 } });
    // The map's rows for the batch's new hits come with it, their buffers given over rather than copied.
    const newHits = batches[0]!.kind === 'events' ? batches[0]!.newHits : undefined;
    expect(newHits?.count).toBe(2);
    expect(String.fromCharCode(...newHits!.ids.chars)).toBe('hit-ahit-b');
    expect(transferred.get(batches[0]!)).toContain(newHits!.positions.buffer);
    expect(posted.some((message) => message.kind === 'connection' && message.state.kind === 'live')).toBe(true);
  });

  it('given a malformed command reply, then the caller gets a clear error instead of the payload', async () => {
    scope.onmessage!({ data: { kind: 'request', id: 7, event: 'command', payload: { type: 'acknowledge' } } });
    await waitFor(() => posted.some((message) => message.kind === 'reply' && message.id === 7));
    expect(posted.find((message) => message.kind === 'reply' && message.id === 7)).toEqual({
      kind: 'reply',
      id: 7,
      ok: false,
      error: 'the hub sent an invalid reply',
    });
  });

  it('given a hub speaking another protocol version, then the worker refuses it and closes', async () => {
    protocol = 2;
    posted.length = 0;
    scope.onmessage!({ data: { kind: 'connect', url, token: 't', since: 0, clientId: 'test' } });
    await waitFor(() => posted.some((message) => message.kind === 'rejected' && message.problem.includes('protocol 2')));
    await waitFor(() => posted.at(-1)?.kind === 'connection');
    expect(posted.at(-1)).toEqual({ kind: 'connection', state: { kind: 'closed' } });
    expect(posted.some((message) => message.kind === 'hello')).toBe(false);
  });
});
