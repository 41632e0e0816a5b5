import type { Command, CommandAck } from '@watchfloor/shared';
import { inProcessWorker } from '../../renderer/src/data/data-plane';
import type { FromWorker, ToWorker, WorkerLike } from '../../renderer/src/data/worker-protocol';
import type { Random } from './prng';

/**
 * The in-process data plane with faulty delivery towards the session: some `events` messages arrive twice,
 * some are merged with the batch before them (so part of it arrives again), and some are kept back and
 * replayed later, after newer ones. The session must apply each event once all the same.
 *
 * It also taps the command replies, so the suite knows every answer the console received from the hub,
 * including those that reached a window closed (reloaded) before it could show them.
 */
export interface DeliveryFaultRates {
  /** An events message delivered twice in a row. */
  readonly duplicate: number;
  /** An events message delivered together with the one before it, as one overlapping batch. */
  readonly overlap: number;
  /** An events message kept back and delivered again later. */
  readonly replay: number;
}

export interface DeliveryTap {
  duplicated: number;
  overlapped: number;
  replayed: number;
  /** Command attempts the hub did not answer in time (the data plane gave up waiting). */
  timedOut: number;
  /** The hub's answer to a command reached the console (one per attempt that got an answer). */
  onAnswer(mutationId: string, ack: CommandAck): void;
}

type EventsMessage = Extract<FromWorker, { kind: 'events' }>;

export function flakyWorker(random: Random, rates: DeliveryFaultRates, tap: DeliveryTap): () => WorkerLike {
  return () => {
    const inner = inProcessWorker();
    let consumer: ((event: MessageEvent<FromWorker>) => void) | null = null;
    const commands = new Map<number, string>();
    let previous: EventsMessage | undefined;
    let kept: EventsMessage[] = [];
    const deliver = (message: FromWorker) => consumer?.({ data: message } as MessageEvent<FromWorker>);

    inner.onmessage = ({ data: message }) => {
      if (message.kind === 'reply') {
        const mutationId = commands.get(message.id);
        commands.delete(message.id);
        if (mutationId !== undefined && message.ok) tap.onAnswer(mutationId, message.value as CommandAck);
        else if (mutationId !== undefined && !message.ok && /in time/.test(message.error)) tap.timedOut += 1;
      }
      if (message.kind === 'reset') kept = [];
      if (message.kind !== 'events') return deliver(message);

      if (previous !== undefined && previous.range.through === message.range.after && random.chance(rates.overlap)) {
        tap.overlapped += 1;
        deliver({ kind: 'events', events: [...previous.events, ...message.events], range: { after: previous.range.after, through: message.range.through } });
      } else {
        deliver(message);
      }
      if (random.chance(rates.duplicate)) {
        tap.duplicated += 1;
        deliver(message);
      }
      // Batches kept back earlier come again now, behind this newer one.
      const due = kept.filter(() => random.chance(0.4));
      kept = kept.filter((held) => !due.includes(held));
      for (const held of due) {
        tap.replayed += 1;
        deliver(held);
      }
      if (random.chance(rates.replay)) kept.push(message);
      previous = message;
    };

    return {
      get onmessage() {
        return consumer;
      },
      set onmessage(listener) {
        consumer = listener;
      },
      postMessage(message: ToWorker) {
        if (message.kind === 'request' && message.event === 'command') commands.set(message.id, (message.payload as Command).mutationId);
        inner.postMessage(message);
      },
      terminate: () => inner.terminate(),
    };
  };
}
