import { conflict, type Command, type CommandAck } from '@watchfloor/shared';
import type { LiveStore } from './live-store';
import { createOutboxSender, type Outbox } from './outbox';

/**
 * The officer's commands on their way to the hub. A command shows as pending at once and waits in the
 * outbox; the sender sends what is queued, one at a time, oldest first, and each answer resolves the `send`
 * that gave the command, which may be much later when the hub is out of reach.
 */
export interface SessionCommands {
  send(command: Command): Promise<CommandAck>;
  /** Sends what is queued; on every (re)connection and enqueue. */
  kick(): void;
  /** Commands given and not yet answered by the hub. */
  queued(): Promise<number>;
  stop(): void;
}

export interface SessionCommandsDeps {
  readonly store: Pick<LiveStore, 'getSnapshot' | 'commandQueued' | 'commandSent' | 'commandAnswered'>;
  /** Where commands wait; it can change while the session opens and when this window becomes the cache's writer. */
  readonly outbox: () => Outbox;
  /** Sends one command to the hub. */
  readonly toHub: (command: Command) => Promise<CommandAck>;
  /** Resolves once the session has opened, and so the outbox it queues in is known. */
  readonly ready: () => Promise<void>;
}

/** How soon a command whose answer timed out while the hub stayed reachable is sent again (same mutation id). */
const STALL_RETRY_MS = 2000;

export function createSessionCommands(deps: SessionCommandsDeps): SessionCommands {
  const { store, outbox } = deps;
  const answers = new Map<string, (ack: CommandAck) => void>();
  let stopped = false;
  const sender = createOutboxSender({
    outbox,
    send: deps.toHub,
    onSending: (entry) => store.commandSent(entry.command),
    onStalled: (entry) => store.commandQueued(entry.command),
    retryAfterStall: () => (!stopped && store.getSnapshot().connection.kind === 'live' ? STALL_RETRY_MS : undefined),
    onAnswer(entry, ack) {
      store.commandAnswered(entry.command, ack);
      answers.get(entry.mutationId)?.(ack);
      answers.delete(entry.mutationId);
    },
  });

  return {
    async send(command) {
      store.commandQueued(command, Date.now());
      const answer = new Promise<CommandAck>((resolve) => answers.set(command.mutationId, resolve));
      await deps.ready();
      const queued = await outbox().enqueue(command);
      if (!queued.ok) {
        const ack: CommandAck = conflict('not-queued', { cause: queued.cause });
        store.commandAnswered(command, ack);
        answers.delete(command.mutationId);
        return ack;
      }
      sender.kick();
      return answer;
    },
    kick: () => sender.kick(),
    queued: async () => (await outbox().pending()).length,
    stop() {
      stopped = true;
      sender.stop();
    },
  };
}
