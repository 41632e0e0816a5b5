import { hitRaised } from '@watchfloor/shared/testing';
import type { Socket as ServerSocket } from 'socket.io';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker } from '../../renderer/src/data/worker-protocol';
import { dataPlaneWorker } from '../support/data-plane-worker';

/**
 * The renderer's data-plane worker against a hub that misbehaves: invalid batches, out-of-order events, a
 * wrong protocol version and malformed replies are rejected with a logged warning, and the valid stream
 * around them still arrives. An unreadable event inside a batch or a history page costs that event only:
 * the rest of it and its range go on, and the stream after it too.
 */
const worker = dataPlaneWorker();
const { posted } = worker;
let protocol = 1;
/** What the hub does with each new connection; the test in hand sets it. */
let onConnection: (socket: ServerSocket) => void = () => undefined;
const warn = vi.fn();
const info = vi.fn();

const hello = () => ({ protocol, hubId: 'hub-hostile', headSeq: 3, officer: { id: 'off-duty', name: 'Duty', role: 'duty-officer' } });
/** A hit.raised whose hit is stamped where no calendar reaches and has lost its id. */
const unreadableHit = (seq: number) => {
  const { id: _lost, ...hit } = hitRaised(seq).hit;
  return { ...hitRaised(seq), hit: { ...hit, at: 9e15 } };
};

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(warn);
  vi.spyOn(console, 'info').mockImplementation(info);
  await worker.start((socket) => onConnection(socket));
});

beforeEach(() => {
  posted.length = 0;
  warn.mockClear();
  info.mockClear();
});

afterAll(() => {
  worker.stop();
  vi.restoreAllMocks();
});

async function waitFor(predicate: () => boolean): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function connect(since = 0): void {
  worker.send({ kind: 'connect', url: worker.url(), token: 't', since, clientId: 'test' });
}

const batches = () => posted.flatMap((message) => (message.kind === 'events' ? [message] : []));
const unreadableReports = () => posted.flatMap((message) => (message.kind === 'unreadable' ? [message] : []));
const seqsOf = (message: Extract<FromWorker, { kind: 'events' }>) => message.events.map((event) => event.seq);

describe('data-plane worker against a hostile hub', () => {
  it('given invalid payloads among valid ones, then each invalid one is rejected and the valid batch arrives', async () => {
    onConnection = (socket) => {
      socket.emit('hello', hello());
      socket.emit('events', [hitRaised(2, { id: 'hit-b' }), hitRaised(1, { id: 'hit-a' })], { after: 0, through: 2 });
      socket.emit('events', [hitRaised(3, { id: 'hit-c' })], 'not a range');
      socket.emit('events', [hitRaised(1, { id: 'hit-a' }), hitRaised(2, { id: 'hit-b' })], { after: 0, through: 2 });
      socket.on('command', (_payload, ack: (answer: unknown) => void) => ack({ ok: 'maybe' }));
    };
    connect();
    await waitFor(() => batches().length > 0);
    const rejected = posted.filter((message) => message.kind === 'rejected');
    expect(rejected.map((message) => message.kind === 'rejected' && message.what)).toEqual(['an event batch', 'an event batch range']);
    expect(batches()).toHaveLength(1);
    expect(batches()[0]).toMatchObject({ range: { after: 0, through: 2 } });
    expect(posted.some((message) => message.kind === 'connection' && message.state.kind === 'live')).toBe(true);
  });

  it('given a malformed command reply, then the caller gets a clear error instead of the payload', async () => {
    worker.send({ kind: 'request', id: 7, event: 'command', payload: { type: 'acknowledge' } });
    await waitFor(() => posted.some((message) => message.kind === 'reply' && message.id === 7));
    expect(posted.find((message) => message.kind === 'reply' && message.id === 7)).toEqual({
      kind: 'reply',
      id: 7,
      ok: false,
      error: 'the hub sent an invalid reply',
    });
  });
});

describe('data-plane worker given events it cannot read', () => {
  let hub: ServerSocket | undefined;
  const sinces: unknown[] = [];

  beforeAll(() => {
    onConnection = (socket) => {
      hub = socket;
      sinces.push((socket.handshake.auth as { since?: unknown }).since);
      socket.emit('hello', hello());
      socket.on('history', (_request, ack: (answer: unknown) => void) =>
        ack({ events: [hitRaised(1), unreadableHit(2), { seq: 3, at: 0, type: 'checkpoint.renamed', name: 'x' }, hitRaised(4, { id: 'hit-4' })], next: 5 }),
      );
    };
  });

  it('given a batch with one malformed event in the middle, then the others apply in order, the range advances and one report says which', async () => {
    connect();
    await waitFor(() => posted.some((message) => message.kind === 'hello'));
    hub!.emit('events', [hitRaised(1), unreadableHit(2), hitRaised(3, { id: 'hit-3' })], { after: 0, through: 3 });
    await waitFor(() => batches().length > 0);

    expect(batches().map((batch) => [seqsOf(batch), batch.range])).toEqual([[[1, 3], { after: 0, through: 3 }]]);
    expect(unreadableReports()).toEqual([{ kind: 'unreadable', events: [{ seq: 2, problem: expect.stringContaining('hit.') }] }]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('(seq 2)'));

    hub!.emit('events', [hitRaised(4, { id: 'hit-4' })], { after: 3, through: 4 });
    await waitFor(() => batches().length > 1);
    expect(batches().map((batch) => [seqsOf(batch), batch.range])[1]).toEqual([[4], { after: 3, through: 4 }]);
    expect(unreadableReports()).toHaveLength(1);
  });

  it('given the connection drops after that batch, then the worker resumes after the whole range, past the unreadable event', async () => {
    hub!.conn.close();
    await waitFor(() => sinces.length > 1 && posted.some((message) => message.kind === 'hello'));
    expect(sinces.at(-1)).toBe(4);
  });

  it('given an event of a type this console does not know, then it is skipped quietly: no report, no warning', async () => {
    hub!.emit('events', [hitRaised(5, { id: 'hit-5' }), { seq: 6, at: 0, type: 'checkpoint.renamed', checkpointId: 'cp-los', name: 'MMIA' }, hitRaised(7, { id: 'hit-7' })], { after: 4, through: 7 });
    await waitFor(() => batches().length > 0);

    expect(batches().map((batch) => [seqsOf(batch), batch.range])).toEqual([[[5, 7], { after: 4, through: 7 }]]);
    expect(unreadableReports()).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledWith(expect.stringContaining('checkpoint.renamed'));
  });

  it('given a history page with an unreadable event, then the reply carries the readable ones with the page end, and one report', async () => {
    worker.send({ kind: 'request', id: 11, event: 'history', payload: { fromSeq: 1, limit: 10 } });
    await waitFor(() => posted.some((message) => message.kind === 'reply' && message.id === 11));

    const reply = posted.find((message) => message.kind === 'reply' && message.id === 11);
    expect(reply).toMatchObject({ ok: true, value: { next: 5 } });
    expect(reply?.kind === 'reply' && reply.ok && 'events' in reply.value && reply.value.events.map((event) => event.seq)).toEqual([1, 4]);
    expect(unreadableReports()).toEqual([{ kind: 'unreadable', events: [{ seq: 2, problem: expect.any(String) }] }]);
  });

  it('given a batch whose events are not objects at all, then each is reported without a seq and the range still advances', async () => {
    hub!.emit('events', [42, null], { after: 7, through: 9 });
    await waitFor(() => batches().length > 0);
    expect(batches().map((batch) => [seqsOf(batch), batch.range])).toEqual([[[], { after: 7, through: 9 }]]);
    expect(unreadableReports()[0]?.events.map((event) => event.seq)).toEqual([undefined, undefined]);
  });
});

describe('data-plane worker against a hub of another protocol', () => {
  it('given a hub speaking another protocol version, then the worker refuses it and closes', async () => {
    protocol = 2;
    onConnection = (socket) => socket.emit('hello', hello());
    connect();
    await waitFor(() => posted.some((message) => message.kind === 'rejected' && message.problem.includes('protocol 2')));
    await waitFor(() => posted.at(-1)?.kind === 'connection');
    expect(posted.at(-1)).toEqual({ kind: 'connection', state: { kind: 'closed' } });
    expect(posted.some((message) => message.kind === 'hello')).toBe(false);
  });
});
