import { EMPTY_OPS_STATE, foldEvents, snapshotAlertOf, type OpsEvent, type SnapshotPage } from '@watchfloor/shared';
import { aCheckpoint, actorOf, anOperation, hitRaised, logged, officers } from '@watchfloor/shared/testing';
import type { Socket as ServerSocket } from 'socket.io';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataPlaneWorker } from '../support/data-plane-worker';
import { waitUntil } from '../support/hub';

/**
 * The renderer's data-plane worker reading a hub's snapshot: it asks for one, passes each page on in order
 * with its alerts built by the shared reducer, and then the log after the snapshot's seq. A page it cannot
 * read is passed on not at all: the worker says the snapshot was abandoned and reconnects asking for the
 * log from its first event instead.
 */
const worker = dataPlaneWorker();
const { posted } = worker;
let onConnection: (socket: ServerSocket) => void = () => undefined;
const handshakes: Record<string, unknown>[] = [];

const lead = actorOf(officers.lead);
const log: OpsEvent[] = [
  logged({ type: 'operation.updated', operation: anOperation() }, 1),
  logged({ type: 'checkpoint.updated', checkpoint: aCheckpoint() }, 2),
  hitRaised(3, { id: 'hit-a', severity: 'critical' }),
  logged({ type: 'alert.acknowledged', alertId: 'hit-a', by: lead }, 4),
  hitRaised(5, { id: 'hit-b', severity: 'low' }),
];
const state = foldEvents(EMPTY_OPS_STATE, log).state;
const hello = { protocol: 1, hubId: 'hub-snapshot', headSeq: 5, officer: officers.lead };

function page(index: number, alertIds: readonly string[]): SnapshotPage {
  return {
    seq: 5,
    lastAt: log[4]!.at,
    index,
    pages: 2,
    total: 2,
    operations: index === 0 ? [...state.operations.values()] : [],
    checkpoints: index === 0 ? [...state.checkpoints.values()] : [],
    alerts: alertIds.map((id) => snapshotAlertOf(state.alerts.get(id)!)),
  };
}

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await worker.start((socket) => {
    handshakes.push(socket.handshake.auth as Record<string, unknown>);
    onConnection(socket);
  });
});

beforeEach(() => {
  posted.length = 0;
  handshakes.length = 0;
});

afterAll(() => {
  worker.stop();
  vi.restoreAllMocks();
});

const connect = () => worker.send({ kind: 'connect', url: worker.url(), token: 't', since: 0, clientId: 'test' });
const pagesPosted = () => posted.flatMap((message) => (message.kind === 'snapshot' ? [message.page] : []));
const batches = () => posted.flatMap((message) => (message.kind === 'events' ? [message] : []));

describe('data-plane worker reading a snapshot', () => {
  it('given a snapshot in two pages and the log after it, then each page is passed on with its alerts built, then the batch after its seq', async () => {
    onConnection = (socket) => {
      socket.emit('hello', hello);
      socket.emit('snapshot', page(0, ['hit-a']));
      socket.emit('snapshot', page(1, ['hit-b']));
      socket.emit('events', [hitRaised(6, { id: 'hit-c' })], { after: 5, through: 6 });
    };
    connect();
    await waitUntil(() => batches().length === 1, 'the batch after the snapshot');
    expect(handshakes[0]).toMatchObject({ since: 0, snapshot: true });
    const pages = pagesPosted();
    expect(pages.map((p) => [p.index, p.pages, p.seq, p.total])).toEqual([
      [0, 2, 5, 2],
      [1, 2, 5, 2],
    ]);
    expect(pages[0]!.alerts).toEqual([state.alerts.get('hit-a')]);
    expect(pages[0]!.operations).toEqual([...state.operations.values()]);
    expect(pages[1]!.alerts).toEqual([state.alerts.get('hit-b')]);
    const kinds = posted.map((message) => message.kind).filter((kind) => kind === 'snapshot' || kind === 'events');
    expect(kinds).toEqual(['snapshot', 'snapshot', 'events']);
    expect(batches()[0]!.range).toEqual({ after: 5, through: 6 });
  });

  it('given a page whose alert history the reducer refuses, then nothing of it is passed on and the worker reconnects for the log instead', async () => {
    const broken = page(1, ['hit-b']);
    const entry = broken.alerts[0]!;
    const resolvedTwice = [0, 1].map((i) => logged({ type: 'alert.resolved', alertId: 'hit-b', outcome: 'no-action', final: true, by: lead }, 6 + i));
    const bad = { ...broken, alerts: [{ ...entry, events: resolvedTwice }] };
    onConnection = (socket) => {
      socket.emit('hello', hello);
      if ((socket.handshake.auth as { snapshot?: boolean }).snapshot === true) {
        socket.emit('snapshot', page(0, ['hit-a']));
        socket.emit('snapshot', bad);
        return;
      }
      socket.emit('events', log, { after: 0, through: 5 });
    };
    connect();
    await waitUntil(() => batches().length === 1, 'the batch after the snapshot');
    expect(pagesPosted().map((p) => p.index)).toEqual([0]);
    const rejected = posted.find((message) => message.kind === 'rejected');
    expect(rejected).toMatchObject({ what: 'a snapshot page', problem: expect.stringContaining('already resolved') });
    const order = posted.map((message) => message.kind).filter((kind) => ['snapshot', 'snapshot-abandoned', 'events'].includes(kind));
    expect(order).toEqual(['snapshot', 'snapshot-abandoned', 'events']);
    expect(handshakes.map((auth) => [auth.since, auth.snapshot])).toEqual([
      [0, true],
      [0, false],
    ]);
    expect(batches()[0]!.range).toEqual({ after: 0, through: 5 });
  });

  it('given pages out of order, then the page is refused', async () => {
    onConnection = (socket) => {
      socket.emit('hello', hello);
      if ((socket.handshake.auth as { snapshot?: boolean }).snapshot === true) socket.emit('snapshot', page(1, ['hit-b']));
      else socket.emit('events', log, { after: 0, through: 5 });
    };
    connect();
    await waitUntil(() => batches().length === 1, 'the batch after the snapshot');
    expect(pagesPosted()).toEqual([]);
    expect(posted.find((message) => message.kind === 'rejected')).toMatchObject({ problem: 'page 1 came where page 0 was expected' });
  });
});
