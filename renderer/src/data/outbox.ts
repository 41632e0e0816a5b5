import type { Command, CommandAck, NotQueuedCause } from '@watchfloor/shared';
import type { LocalCache, OutboxEntry, WindowPresence } from '../cache';

/**
 * Commands on their way to the hub. Every command goes through an outbox, online or not: the hub's ack is
 * what removes it, so a dropped connection or a restart never loses one and never sends one twice (a
 * resend carries the same mutation id, which the hub answers `duplicate: true`).
 *
 * The durable outbox is the local cache's (it survives restarts and is shared by the app's windows); the
 * memory one stands in when the cache is unavailable, or when windows cannot see each other come and go
 * (no Web Locks) and another window is the cache's writer.
 *
 * Each window sends only the rows it owns, so two windows never send one command. A window that closes or
 * crashes leaves its rows behind, and the writer adopts them (`adoptOrphans`) and sends them in its place.
 *
 * The optimistic change is not stored beside the row: it is the row. The console projects every queued
 * command onto the hub's confirmed state (`optimisticAlert` in shared/), so writing the row is the
 * optimistic change's transaction and removing it on a refusal is the rollback, with nothing to undo.
 */
export interface Outbox {
  readonly durable: boolean;
  enqueue(command: Command): Promise<{ readonly ok: true } | { readonly ok: false; readonly cause: NotQueuedCause }>;
  /** In the order given. */
  pending(): Promise<readonly OutboxEntry[]>;
  markSent(mutationId: string): Promise<void>;
  acknowledge(mutationId: string): Promise<unknown>;
  refuse(mutationId: string): Promise<unknown>;
}

/** `owner`: this window's id; it queues as the owner and sees only the rows it owns. */
export function durableOutbox(cache: LocalCache, owner: string): Outbox {
  return {
    durable: true,
    async enqueue(command) {
      const result = await cache.enqueue(command, { owner });
      return result.ok ? { ok: true } : { ok: false, cause: result.reason };
    },
    pending: () => cache.pending(owner),
    markSent: (mutationId) => cache.markSent(mutationId),
    acknowledge: (mutationId) => cache.acknowledge(mutationId),
    refuse: (mutationId) => cache.refuse(mutationId),
  };
}

/**
 * The writer's part: takes over the commands of windows that have gone (closed, reloaded or crashed) and
 * those of a build that kept no owner; returns them, oldest first, for the writer to show and send.
 *
 * The owners are read before asking which windows are gone, and only those are adopted: a window opened
 * meanwhile is not in the answer, and its new rows are not taken. The asking cannot happen inside the
 * outbox transaction, which would commit while it waited.
 */
export async function adoptOrphans(cache: LocalCache, writer: Pick<WindowPresence, 'id' | 'gone'>): Promise<readonly OutboxEntry[]> {
  const queued = await cache.pending();
  const others = new Set(queued.flatMap((entry) => (entry.owner === undefined || entry.owner === writer.id ? [] : [entry.owner])));
  const gone = others.size === 0 ? new Set<string>() : await writer.gone(others);
  // Most rounds find only live windows' rows: no write then.
  if (gone.size === 0 && queued.every((entry) => entry.owner !== undefined)) return [];
  return cache.adopt(writer.id, gone);
}

export function memoryOutbox(now: () => number = Date.now): Outbox {
  const entries = new Map<string, OutboxEntry>();
  return {
    durable: false,
    async enqueue(command) {
      if (entries.has(command.mutationId)) return { ok: false, cause: 'duplicate' };
      entries.set(command.mutationId, {
        mutationId: command.mutationId,
        command,
        queuedAt: now(),
        attempts: 0,
        status: 'queued',
      });
      return { ok: true };
    },
    pending: async () => [...entries.values()],
    async markSent(mutationId) {
      const entry = entries.get(mutationId);
      if (entry !== undefined) entries.set(mutationId, { ...entry, attempts: entry.attempts + 1, status: 'sent' });
    },
    acknowledge: async (mutationId) => entries.delete(mutationId),
    refuse: async (mutationId) => entries.delete(mutationId),
  };
}

export interface OutboxSenderDeps {
  outbox(): Outbox;
  /** Resolves with the hub's answer; rejects when the command did not get through (offline, no answer). */
  send(command: Command): Promise<CommandAck>;
  onSending(entry: OutboxEntry): void;
  onAnswer(entry: OutboxEntry, ack: CommandAck): void;
  /** Not delivered, or turned away by the hub's rate limit; it stays queued and is sent again later. */
  onStalled(entry: OutboxEntry, error: unknown): void;
  /**
   * After a stall: in how many ms to send again by itself, or undefined to wait for the next `kick`. A
   * command whose answer timed out while the hub stayed reachable may well have been applied; with no
   * reconnection to kick the sender it would otherwise stay pending until the officer gives another.
   */
  retryAfterStall?(entry: OutboxEntry): number | undefined;
}

export interface OutboxSender {
  /** Sends what is queued, one command at a time, oldest first; call on every (re)connection and enqueue. */
  kick(): void;
  /** Resolves when the current round has finished (for tests and orderly shutdown). */
  idle(): Promise<void>;
  /** For good (the window closes): nothing more is read, sent or written; the rows stay for the next start. */
  stop(): void;
}

/** When the hub says `rate-limited` without saying how long to wait. */
const RATE_LIMITED_RETRY_MS = 1000;

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  let round: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function retryLater(entry: OutboxEntry): void {
    const delay = deps.retryAfterStall?.(entry);
    if (delay !== undefined) retryIn(delay);
  }

  function retryIn(delay: number): void {
    clearTimeout(retry);
    retry = setTimeout(() => {
      retry = undefined;
      sender.kick();
    }, delay);
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const outbox = deps.outbox();
        const [next] = await outbox.pending();
        if (next === undefined || stopped) break;
        await outbox.markSent(next.mutationId);
        deps.onSending(next);
        let ack: CommandAck;
        try {
          ack = await deps.send(next.command);
        } catch (error) {
          deps.onStalled(next, error);
          // A kick while it was in flight means the hub came back meanwhile: try again at once.
          if (!again) return retryLater(next);
          break;
        }
        // Closed meanwhile: the row stays, and the next start sends it again (the hub answers duplicate).
        if (stopped) return;
        if (!ack.ok && ack.code === 'rate-limited') {
          // The hub decided nothing: the command stays queued, as offline, and goes again when it may.
          deps.onStalled(next, new Error(ack.message));
          return retryIn(ack.retryAfterMs ?? RATE_LIMITED_RETRY_MS);
        }
        if (ack.ok) await outbox.acknowledge(next.mutationId);
        else await outbox.refuse(next.mutationId);
        deps.onAnswer(next, ack);
      }
    } while (again && !stopped);
  }

  const sender: OutboxSender = {
    kick() {
      if (stopped) return;
      clearTimeout(retry);
      retry = undefined;
      again = true;
      round ??= drain()
        .catch((error: unknown) => console.warn(`[watchfloor] the outbox could not be sent: ${String(error)}`))
        .finally(() => (round = undefined));
    },
    idle: () => round ?? Promise.resolve(),
    stop() {
      stopped = true;
      clearTimeout(retry);
    },
  };
  return sender;
}
