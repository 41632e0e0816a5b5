import {
  CommandAck,
  DetailsResponse,
  Hello,
  HistoryError,
  HistoryResponse,
  MAX_BATCH_EVENTS,
  OPS_NAMESPACE,
  PROTOCOL_VERSION,
  PresenceList,
  Reset,
  SessionEndReason,
  SessionEnded,
  SnapshotPage,
  alertOfSnapshot,
  describeIssues,
  parseWith,
  type Alert,
  type OpsEvent,
} from '@watchfloor/shared';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { rightsOf } from '../cache/rights';
import { readEvents } from './event-reader';
import type { BatchRange, FromWorker, PicturePage, ToWorker, WorkerLike } from './worker-protocol';

/**
 * The data plane: owns the socket to the hub, validates every payload, coalesces event batches into one
 * message per flush interval, and
 * resumes from the last range it passed on. A hub that sends something
 * invalid gets it rejected and logged; the stream goes on. Events are read one by one (event-reader.ts):
 * an unreadable one is left out and reported while the rest of its batch or history page, and the range,
 * go on. A console starting from nothing is sent a snapshot of the picture in pages (see snapshot.ts
 * in shared/protocol): each page is read whole and passed on in order; one that cannot be read is passed on
 * not at all, and the worker reconnects asking for the log from its first event instead. In the app it runs in a worker (hub-worker.ts); tests and the fault-injection suite run it
 * in-process (`inProcessWorker`).
 */
const FLUSH_MS = 50;
const REQUEST_TIMEOUT_MS = 15_000;
const Range = z.object({ after: z.int().nonnegative(), through: z.int().nonnegative() });
/** A batch's frame; its events are read one by one. */
const Batch = z.array(z.unknown()).max(MAX_BATCH_EVENTS);
/** A history page's frame; its events are read one by one. */
const HistoryPage = HistoryResponse.extend({ events: z.array(z.unknown()) });

export interface DataPlane {
  handle(message: ToWorker): void;
}

/** Posts a message to the UI thread. */
export type PostToUi = (message: FromWorker) => void;

export function createDataPlane(post: PostToUi): DataPlane {
  let socket: Socket | undefined;
  let through = 0;
  /** The hub whose log `through` counts in; undefined until known. */
  let hubId: string | undefined;
  /** The token for the next handshake: a renewal replaces it without closing the socket. */
  let token = '';
  /** The rights `through` was read with; undefined until known. */
  let rights: string | undefined;
  let pendingEvents: OpsEvent[] = [];
  let pendingRange: BatchRange | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The snapshot being received: its seq, page count and the page expected next. */
  let snapshot: { readonly seq: number; readonly pages: number; readonly next: number } | undefined;
  /** A snapshot page could not be read: until the next `connect`, ask for the log instead of snapshots. */
  let snapshotsRefused = false;
  /** Event types of a newer protocol already mentioned in the log: each is mentioned once. */
  const skippedTypesLogged = new Set<string>();

  function reject(what: string, problem: string): void {
    console.warn(`[watchfloor] rejected ${what} from the hub: ${problem}`);
    post({ kind: 'rejected', what, problem });
  }

  /** The readable events of `items`; the others are logged and reported to the UI thread. */
  function readable(items: readonly unknown[], where: string): readonly OpsEvent[] {
    const read = readEvents(items);
    for (const type of read.skippedTypes.filter((skipped) => !skippedTypesLogged.has(skipped))) {
      skippedTypesLogged.add(type);
      console.info(`[watchfloor] skipping events of type '${type.slice(0, 80)}', which this console does not know (a newer protocol)`);
    }
    if (read.unreadable.length === 0) return read.events;
    for (const event of read.unreadable) {
      console.warn(`[watchfloor] left out an unreadable event${event.seq === undefined ? '' : ` (seq ${event.seq})`} in ${where}: ${event.problem}`);
    }
    post({ kind: 'unreadable', events: read.unreadable });
    return read.events;
  }

  function flush(): void {
    flushTimer = undefined;
    if (pendingRange === undefined) return;
    post({ kind: 'events', events: pendingEvents, range: pendingRange });
    pendingEvents = [];
    pendingRange = undefined;
  }

  function onEvents(batch: unknown, range: unknown): void {
    const items = parseWith(Batch, batch);
    const parsedRange = parseWith(Range, range);
    if (!items.ok) return reject('an event batch', describeIssues(items.issues).slice(0, 500));
    if (!parsedRange.ok) return reject('an event batch range', describeIssues(parsedRange.issues));
    const events = readable(items.value, `the batch through seq ${parsedRange.value.through}`);
    const ordered = events.every((event, index, all) => index === 0 || event.seq > all[index - 1]!.seq);
    if (!ordered) return reject('an event batch', 'events are not in ascending seq order');
    pendingEvents.push(...events);
    pendingRange = { after: pendingRange?.after ?? parsedRange.value.after, through: parsedRange.value.through };
    through = parsedRange.value.through;
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  }

  /** The page as the UI thread takes it, or why it cannot be taken (nothing of it is then passed on). */
  function readSnapshotPage(payload: unknown): { readonly ok: true; readonly page: PicturePage } | { readonly ok: false; readonly problem: string } {
    const parsed = parseWith(SnapshotPage, payload);
    if (!parsed.ok) return { ok: false, problem: describeIssues(parsed.issues).slice(0, 500) };
    const page = parsed.value;
    const expected = snapshot?.next ?? 0;
    if (page.index !== expected) return { ok: false, problem: `page ${page.index} came where page ${expected} was expected` };
    if (snapshot !== undefined && (page.seq !== snapshot.seq || page.pages !== snapshot.pages)) {
      return { ok: false, problem: `page ${page.index} is of another snapshot (seq ${page.seq} of ${page.pages} pages, not ${snapshot.seq} of ${snapshot.pages})` };
    }
    if (page.seq < through) return { ok: false, problem: `the snapshot at seq ${page.seq} is older than what this console holds (${through})` };
    const alerts: Alert[] = [];
    for (const entry of page.alerts) {
      const built = alertOfSnapshot(entry);
      if (!built.ok) return { ok: false, problem: built.reason };
      alerts.push(built.alert);
    }
    return { ok: true, page: { ...page, alerts } };
  }

  function connect(message: Extract<ToWorker, { kind: 'connect' }>): void {
    socket?.close();
    snapshot = undefined;
    snapshotsRefused = false;
    through = message.since;
    hubId = message.hubId;
    token = message.token;
    rights = message.rights;
    post({ kind: 'connection', state: { kind: 'connecting' } });
    const current = io(`${message.url}${OPS_NAMESPACE}`, {
      transports: ['websocket'],
      // A function, so every reconnection resumes from the last range passed on, not the first.
      auth: (callback) => callback({ token, since: through, clientId: message.clientId, snapshot: !snapshotsRefused }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.3,
    });
    socket = current;
    let restarting = false;
    /** Why the hub ended this socket's session, once it said so. */
    let ended: SessionEndReason | undefined;
    current.on('hello', (payload: unknown) => {
      const hello = parseWith(Hello, payload);
      if (!hello.ok) {
        const protocol = (payload as { protocol?: unknown } | undefined)?.protocol;
        reject('hello', protocol !== PROTOCOL_VERSION ? `protocol ${String(protocol)} is not ${PROTOCOL_VERSION}` : describeIssues(hello.issues));
        current.close();
        post({ kind: 'connection', state: { kind: 'closed' } });
        return;
      }
      const otherHub = hubId !== undefined && hello.value.hubId !== hubId;
      const otherRights = rights !== undefined && rightsOf(hello.value.officer) !== rights;
      rights = rightsOf(hello.value.officer);
      if ((otherHub || otherRights) && through > 0) {
        // Another hub's log, or another view of it (the officer's role or scope changed): what we hold was
        // read otherwise. Start over from 0 (the hub streams after hello, so reconnect before anything of
        // the wrong range is passed on).
        hubId = hello.value.hubId;
        through = 0;
        const reason = otherHub ? 'the hub is not the one the local cache came from' : 'your role or country scope changed';
        post({ kind: 'reset', reset: { reason, headSeq: hello.value.headSeq } });
        restarting = true;
        current.disconnect();
        restarting = false;
        current.connect();
        return;
      }
      hubId = hello.value.hubId;
      post({ kind: 'hello', hello: hello.value });
      post({ kind: 'connection', state: { kind: 'live' } });
    });
    current.on('reset', (payload: unknown) => {
      const reset = parseWith(Reset, payload);
      if (!reset.ok) return reject('reset', describeIssues(reset.issues));
      flush();
      through = 0;
      post({ kind: 'reset', reset: reset.value });
    });
    current.on('snapshot', (payload: unknown) => {
      const read = readSnapshotPage(payload);
      if (!read.ok) {
        // Nothing of this page is passed on; the log from the first event replaces the snapshot.
        reject('a snapshot page', read.problem);
        snapshot = undefined;
        snapshotsRefused = true;
        post({ kind: 'snapshot-abandoned' });
        restarting = true;
        current.disconnect();
        restarting = false;
        current.connect();
        return;
      }
      const { page } = read;
      flush();
      post({ kind: 'snapshot', page });
      const last = page.index === page.pages - 1;
      snapshot = last ? undefined : { seq: page.seq, pages: page.pages, next: page.index + 1 };
      if (last) through = page.seq;
    });
    current.on('events', onEvents);
    current.on('presence', (payload: unknown) => {
      const presence = parseWith(PresenceList, payload);
      if (!presence.ok) return reject('presence', describeIssues(presence.issues));
      post({ kind: 'presence', presence: presence.value });
    });
    current.on('session-ended', (payload: unknown) => {
      const parsed = parseWith(SessionEnded, payload);
      ended = parsed.ok ? parsed.value.reason : 'unknown';
    });
    current.on('connect_error', (error: Error & { data?: { reason?: unknown } }) => {
      if (error.message === 'unauthorized') {
        current.close();
        const reason = SessionEndReason.safeParse(error.data?.reason);
        post({ kind: 'connection', state: { kind: 'unauthorized', reason: reason.success ? reason.data : 'unknown' } });
      }
    });
    current.io.on('reconnect_attempt', (attempt: number) => post({ kind: 'connection', state: { kind: 'reconnecting', attempt } }));
    current.on('disconnect', (reason) => {
      flush();
      // A snapshot cut short starts again from its first page on the next connection.
      snapshot = undefined;
      if (ended !== undefined) {
        const why = ended;
        ended = undefined;
        // New rights: the session stands, so connect again and be given them in hello.
        if (why === 'rights-changed') current.connect();
        else post({ kind: 'connection', state: { kind: 'unauthorized', reason: why } });
        return;
      }
      if (reason === 'io client disconnect' && !restarting) post({ kind: 'connection', state: { kind: 'closed' } });
      else post({ kind: 'connection', state: { kind: 'reconnecting', attempt: 0 } });
    });
  }

  // A history error (rate-limited among them) passes on as it is, for the caller to act on.
  const REPLIES = { command: CommandAck, history: z.union([HistoryPage, HistoryError]), details: DetailsResponse } as const;

  async function request(message: Extract<ToWorker, { kind: 'request' }>): Promise<void> {
    const current = socket;
    if (current === undefined || !current.connected) {
      post({ kind: 'reply', id: message.id, ok: false, error: 'not connected to the hub' });
      return;
    }
    try {
      const answer: unknown = await current.timeout(REQUEST_TIMEOUT_MS).emitWithAck(message.event, message.payload);
      const parsed = parseWith(REPLIES[message.event], answer);
      if (!parsed.ok) {
        reject(`a ${message.event} reply`, describeIssues(parsed.issues));
        post({ kind: 'reply', id: message.id, ok: false, error: 'the hub sent an invalid reply' });
        return;
      }
      // A history page passes on its readable events; its `next` still says where the page ended.
      const value = 'events' in parsed.value ? { ...parsed.value, events: [...readable(parsed.value.events, 'a history page')] } : parsed.value;
      post({ kind: 'reply', id: message.id, ok: true, value });
    } catch {
      post({ kind: 'reply', id: message.id, ok: false, error: 'the hub did not answer in time' });
    }
  }

  function handle(message: ToWorker): void {
    switch (message.kind) {
      case 'connect':
        return connect(message);
      case 'disconnect':
        socket?.close();
        socket = undefined;
        return;
      case 'request':
        void request(message);
        return;
      case 'presence':
        socket?.emit('presence', message.update);
        return;
      case 'token':
        token = message.token;
        return;
    }
  }

  return { handle };
}

/** The data plane behind the same interface as its worker, in this thread: for Node tests and tools. */
export function inProcessWorker(): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    postMessage: (message) => queueMicrotask(() => plane.handle(message)),
    terminate: () => plane.handle({ kind: 'disconnect' }),
  };
  const plane = createDataPlane((message) => queueMicrotask(() => worker.onmessage?.({ data: message } as MessageEvent<FromWorker>)));
  return worker;
}

