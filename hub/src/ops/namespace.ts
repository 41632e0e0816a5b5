import {
  Handshake,
  HistoryRequest,
  OPS_NAMESPACE,
  PROTOCOL_VERSION,
  describeIssues,
  mayAdminister,
  maySeeAudit,
  parseWith,
  refusalOf,
  refuse,
  requireCapability,
  type CommandAck,
  type DetailsResponse,
  type Hello,
  type HistoryError,
  type HistoryReply,
  type Officer,
  type OpsEvent,
  type OpsState,
  type Reset,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Access } from '../auth/access';
import type { Authority } from '../core/authority';
import type { Queryable } from '../db/database';
import { readEvents } from '../log/event-store';
import type { SessionGuard } from './session-guard';
import { handshakeForbidden, handshakeRefusal, setIdentity } from './socket-identity';
import { sendSnapshot, takeSnapshot } from './snapshot';
import { createSocketLimits, rateLimited, type SocketLimits } from './socket-limits';
import { isVisibleTo } from './visibility';

/**
 * The `/ops` namespace. Each connection gets `hello`, then every event after its `since` read from the log
 * in pages, then the live stream: it switches to live only once it has caught up with what this hub has
 * published, so nothing is missed or sent twice across the switch. A client that reads snapshots and
 * starts from nothing (`since` 0, or after `reset`) gets the current picture in `snapshot` pages instead
 * of the log from its first event (see snapshot.ts), then catches up from the snapshot's seq the same way.
 *
 * Each `events` batch carries a second argument `{after, through}`: the batch covers the log after seq
 * `after` up to `through`, including events this officer is not shown. A client whose last `through` is not
 * the next batch's `after` has missed something and fills the gap with `history`.
 */
export interface BatchRange {
  readonly after: number;
  readonly through: number;
}

export interface OpsNamespaceDeps {
  readonly io: Server;
  readonly db: Queryable;
  readonly authority: Authority;
  /** Who a handshake's token stands for, as the directory says now. */
  readonly access: Access;
  /** Holds each socket to its session; every message is admitted through it. */
  readonly guard: SessionGuard;
  readonly hubId: string;
  readonly log: Logger;
  /** Lowest `since` the log can still serve completely; older ones get `reset`. */
  readonly retainedFrom: () => number;
  /** The bureau's settings every console is told in `hello`: reveal purposes and the handling label. */
  readonly policy: Pick<Hello, 'revealPurposes' | 'handlingLabel'>;
}

const CATCH_UP_PAGE = 1000;
const HISTORY_MAX = 5000;
const INVALID_HISTORY_COST = 100;

interface Session {
  readonly officer: Officer;
  /** How far this session has looked through the log (visible to the officer or not). */
  readThrough: number;
  /** The last `through` told to the client; the next batch's `after`. */
  toldThrough: number;
  live: boolean;
}

export function attachOpsNamespace(deps: OpsNamespaceDeps): () => void {
  const { io, db, authority, log } = deps;
  const namespace = io.of(OPS_NAMESPACE);
  const sessions = new Map<string, Session>();

  namespace.use((socket, next) => {
    const handshake = parseWith(Handshake, socket.handshake.auth);
    if (!handshake.ok) return next(handshakeRefusal(undefined));
    void deps.access.authenticate(handshake.value.token).then(
      (found) => {
        if (!found.ok) return next(handshakeRefusal(found.reason));
        const watching = requireCapability(found.officer, 'watch-operation');
        if (!watching.ok) return next(handshakeForbidden(watching.message));
        setIdentity(socket, { officer: found.officer, sessionId: found.session.id });
        socket.data.since = handshake.value.since ?? 0;
        socket.data.clientId = handshake.value.clientId;
        socket.data.snapshot = handshake.value.snapshot === true;
        next();
      },
      (error: unknown) => {
        log.error({ err: error }, 'handshake could not be checked');
        next(handshakeRefusal(undefined));
      },
    );
  });

  /** Sends what the officer may see of `events`; an empty batch only when `always` (end of catch-up). */
  function deliver(socket: Socket, session: Session, events: readonly OpsEvent[], through: number, always: boolean): void {
    session.readThrough = through;
    const state = authority.state();
    const visible = events.filter((event) => isVisibleTo(session.officer, event, state));
    if (visible.length === 0 && !always) return;
    const range: BatchRange = { after: session.toldThrough, through };
    socket.emit('events', visible, range);
    session.toldThrough = through;
  }

  async function catchUp(socket: Socket, session: Session): Promise<void> {
    while (socket.connected) {
      const head = authority.cursor();
      if (session.readThrough >= head) {
        if (session.toldThrough < head) deliver(socket, session, [], head, true);
        session.live = true;
        return;
      }
      const page = await catchUpPage(session.readThrough, head);
      deliver(socket, session, page.events, page.through, page.through >= head);
    }
  }

  /** Sends the picture as it is now, valid at the head seq read at the same moment; catch-up goes on from there. */
  async function snapshotFirst(socket: Socket, session: Session): Promise<boolean> {
    const snapshot = takeSnapshot(session.officer, authority.state(), authority.cursor());
    session.readThrough = snapshot.seq;
    session.toldThrough = snapshot.seq;
    const started = performance.now();
    const sent = await sendSnapshot(socket, snapshot);
    log.info({ officer: session.officer.id, seq: snapshot.seq, alerts: snapshot.total, pages: snapshot.pages, ms: Math.round(performance.now() - started), sent }, 'snapshot sent');
    return sent;
  }

  /** The next page of catch-up after `afterSeq`, up to `head`: from memory when held, else from the log. */
  async function catchUpPage(afterSeq: number, head: number): Promise<{ readonly events: readonly OpsEvent[]; readonly through: number }> {
    const held = authority.recentAfter(afterSeq, CATCH_UP_PAGE);
    if (held !== undefined) {
      const events = held.filter((event) => event.seq <= head);
      return { events, through: events.length === CATCH_UP_PAGE ? events[events.length - 1]!.seq : head };
    }
    const page = await readEvents(db, { afterSeq, limit: CATCH_UP_PAGE });
    const more = page.rowsRead === CATCH_UP_PAGE && page.lastSeq !== undefined && page.lastSeq < head;
    return { events: page.events.filter((event) => event.seq <= head), through: more ? page.lastSeq! : head };
  }

  const unsubscribe = authority.subscribe((events) => {
    const through = events[events.length - 1]!.seq;
    // Officers without a country scope see every event, audit events only if they may read the audit trail
    // (`maySeeEvent` lets nothing else decide for them), so those told up to the same seq get the very same
    // batch: emit it once per group and socket.io encodes it once for all of them, instead of once per
    // socket. A batch without audit events is one group for all of them. Scoped officers get their own
    // filtered batch.
    const audited = events.some((event) => event.type === 'audit.details-viewed');
    const groups = new Map<string, { readonly officer: Officer; readonly session: Session; readonly ids: string[]; readonly members: Session[] }>();
    for (const [id, session] of sessions) {
      if (!session.live) continue;
      const socket = namespace.sockets.get(id);
      if (socket === undefined) continue;
      if (session.officer.scope !== undefined) {
        deliver(socket, session, events.filter((event) => event.seq > session.readThrough), through, false);
        continue;
      }
      const key = `${audited && maySeeAudit(session.officer)}:${session.readThrough}:${session.toldThrough}`;
      const group = groups.get(key) ?? { officer: session.officer, session, ids: [], members: [] };
      group.ids.push(id);
      group.members.push(session);
      groups.set(key, group);
    }
    const state = authority.state();
    for (const { officer, session, ids, members } of groups.values()) {
      const visible = events.filter((event) => event.seq > session.readThrough && isVisibleTo(officer, event, state));
      const after = session.toldThrough;
      for (const member of members) {
        member.readThrough = through;
        if (visible.length > 0) member.toldThrough = through;
      }
      if (visible.length === 0) continue;
      const range: BatchRange = { after, through };
      namespace.to(ids).emit('events', visible, range);
    }
  });

  namespace.on('connection', (socket) => {
    const officer = socket.data.officer as Officer;
    let since = socket.data.since as number;
    const head = authority.cursor();
    const quarantined = authority.quarantined();
    const hello: Hello = {
      protocol: PROTOCOL_VERSION,
      hubId: deps.hubId,
      headSeq: head,
      officer,
      ...deps.policy,
      ...(mayAdminister(officer).ok && quarantined > 0 ? { quarantinedEvents: quarantined } : {}),
    };
    socket.emit('hello', hello);
    if (since > head || (since > 0 && since < deps.retainedFrom())) {
      const reset: Reset =
        since > head
          ? { cause: 'ahead-of-hub', reason: 'since is ahead of this hub: the log is not the one you cached', headSeq: head }
          : { cause: 'older-than-retained', reason: 'since is older than the retained log', headSeq: head };
      socket.emit('reset', reset);
      log.info({ officer: officer.id, since, head }, 'client reset');
      since = 0;
    }
    const session: Session = { officer, readThrough: since, toldThrough: since, live: false };
    sessions.set(socket.id, session);
    log.info({ officer: officer.id, role: officer.role, since, clientId: socket.data.clientId }, 'client connected');
    const start = since === 0 && socket.data.snapshot === true ? snapshotFirst(socket, session) : Promise.resolve(true);
    start.then((sent) => (sent ? catchUp(socket, session) : undefined)).catch((error: unknown) => {
      log.error({ err: error, officer: officer.id }, 'catch-up failed; disconnecting the client so it resumes');
      socket.disconnect(true);
    });

    const limits = createSocketLimits(log, officer);
    /** Over its limits: answered at once, or disconnected when it ignores the retry hints. */
    const overLimit = (): void => {
      if (!limits.flooding()) return;
      log.warn({ officer: officer.id, role: officer.role }, 'disconnecting a socket that keeps sending over its rate limits');
      socket.disconnect(true);
    };

    // A socket whose session can no longer act is closed instead of answered: its command was not
    // refused, so the console keeps it queued for when the officer is signed in again.
    socket.on('command', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function' || !deps.guard.admit(socket)) return;
      const admission = limits.admit('command');
      if (!admission.ok) {
        const limited: CommandAck = { ok: false, code: 'rate-limited', ...rateLimited('command', admission.retryAfterMs) };
        ack(limited);
        return overLimit();
      }
      authority.executeCommand(officer, payload).then(
        (result) => ack(result),
        (error: unknown) => {
          log.error({ err: error, officer: officer.id }, 'command failed');
          const failed: CommandAck = refuse('conflict', 'not-stored', {});
          ack(failed);
        },
      );
    });

    socket.on('history', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function' || !deps.guard.admit(socket)) return;
      history(officer, limits, payload).then(
        (result) => {
          ack(result);
          if ('error' in result && result.error === 'rate-limited') overLimit();
        },
        (error: unknown) => {
          log.error({ err: error }, 'history failed');
          const failed: HistoryError = { error: 'unavailable', ...refusalOf({ reason: 'history-unavailable', params: {} }) };
          ack(failed);
        },
      );
    });

    socket.on('details', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function' || !deps.guard.admit(socket)) return;
      const admission = limits.admit('details');
      if (!admission.ok) {
        const limited: DetailsResponse = { ok: false, code: 'rate-limited', ...rateLimited('details', admission.retryAfterMs) };
        ack(limited);
        return overLimit();
      }
      authority.revealDetails(officer, payload).then(
        (result) => ack(result),
        (error: unknown) => {
          log.error({ err: error }, 'details failed');
          const failed: DetailsResponse = refuse('not-found', 'details-unavailable', {});
          ack(failed);
        },
      );
    });

    socket.on('disconnect', (reason) => {
      sessions.delete(socket.id);
      limits.close();
      log.info({ officer: officer.id, reason }, 'client disconnected');
    });
  });

  async function history(officer: Officer, limits: SocketLimits, payload: unknown): Promise<HistoryReply> {
    const parsed = parseWith(HistoryRequest, payload);
    // Limited by the log positions asked for, not the request count. An invalid request reads nothing, so it
    // costs what a small page does: a flood of them is still capped.
    const admission = limits.admit('history', parsed.ok ? Math.min(parsed.value.limit, HISTORY_MAX) : INVALID_HISTORY_COST);
    if (!admission.ok) return { error: 'rate-limited', ...rateLimited('history', admission.retryAfterMs) };
    if (!parsed.ok) return { error: 'invalid', ...refusalOf({ reason: 'request-unreadable', params: { detail: describeIssues(parsed.issues) } }) };
    const request = parsed.value;
    const head = authority.cursor();
    const limit = Math.min(request.limit, HISTORY_MAX);
    const afterSeq = Math.max(0, (request.fromSeq ?? 1) - 1);
    // A page by seq of events this hub still holds costs no database read and no re-validation: reads that
    // take the single database connection and the event loop for far longer, from ingest among others.
    const held = request.fromTime === undefined && request.toTime === undefined ? authority.recentAfter(afterSeq, limit) : undefined;
    const page =
      held !== undefined
        ? { events: held, rowsRead: held.length, lastSeq: held.at(-1)?.seq }
        : await readEvents(db, {
            afterSeq,
            limit,
            ...(request.fromTime !== undefined ? { fromTime: request.fromTime } : {}),
            ...(request.toTime !== undefined ? { toTime: request.toTime } : {}),
          });
    const state = authority.state();
    const events = page.events.filter(
      (event) => event.seq <= head && isVisibleTo(officer, event, state) && inOperation(event, request.operationId, state),
    );
    // Unreadable rows are left out but still count as read, so the next page starts after them.
    const more = page.rowsRead === limit && page.lastSeq !== undefined && page.lastSeq <= head;
    return more ? { events, next: page.lastSeq! + 1 } : { events };
  }

  return () => {
    unsubscribe();
    sessions.clear();
  };
}

function inOperation(event: OpsEvent, operationId: string | undefined, state: OpsState): boolean {
  if (operationId === undefined) return true;
  switch (event.type) {
    case 'hit.raised':
      return event.hit.operationId === operationId;
    case 'operation.updated':
      return event.operation.id === operationId;
    case 'checkpoint.updated':
      return true;
    case 'audit.details-viewed':
      return state.alerts.get(event.hitId)?.hit.operationId === operationId;
    default:
      return state.alerts.get(event.alertId)?.hit.operationId === operationId;
  }
}
