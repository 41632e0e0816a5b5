import type { Command, CommandAck, DetailsResponse, Officer, OpsEvent } from '@watchfloor/shared';
import { createHitColumns, type HitColumns } from '../map';
import { createHubClient, type HubClient } from './hub-client';
import { createLiveStore, type LiveStore } from './live-store';
import type { BatchRange, FromWorker } from './worker-protocol';

/**
 * One signed-in officer's connection: the worker-owned socket, the live store and the map's hit columns,
 * kept in step. Gaps between batches are filled from `history` before the batch is applied.
 */
export interface Session {
  readonly officer: Officer;
  readonly hubUrl: string;
  readonly store: LiveStore;
  /** The map's columnar hits; replaced on reset, so read it through this getter. */
  hits(): HitColumns;
  /** Bumps when hits() rows change, so the map knows to upload. */
  hitsRevision(): number;
  send(command: Command): Promise<CommandAck>;
  details(hitId: string, reason: string): Promise<DetailsResponse>;
  /** Tells the hub (and so the shift lead) until when this officer silenced alerts; undefined: not. */
  setDoNotDisturb(until: number | undefined): void;
  close(): void;
}

const HISTORY_PAGE = 5000;

export function startSession(hubUrl: string, token: string, officer: Officer, since = 0): Session {
  const store = createLiveStore();
  let columns: HitColumns | undefined;
  let revision = 0;
  let queue: Promise<void> = Promise.resolve();
  let client: HubClient;

  function hitsFor(events: readonly OpsEvent[]): HitColumns {
    if (columns !== undefined) return columns;
    const state = store.getSnapshot().state;
    const starts = [...state.operations.values()].map((operation) => operation.window.start);
    const firstHit = events.find((event) => event.type === 'hit.raised');
    const origin = Math.min(...starts, firstHit?.type === 'hit.raised' ? firstHit.hit.at : Date.now()) - 3_600_000;
    columns = createHitColumns({ originMs: origin, kindOf: (id) => store.getSnapshot().state.checkpoints.get(id)?.kind });
    return columns;
  }

  function apply(events: readonly OpsEvent[], range: BatchRange): void {
    const effect = store.applyBatch(events, range);
    if (effect.changed.length === 0) return;
    const hits = hitsFor(events);
    hits.append(effect.changed);
    revision += 1;
  }

  async function fillGap(range: BatchRange): Promise<void> {
    let from = store.getSnapshot().through + 1;
    while (from <= range.after) {
      const page = await client.history({ fromSeq: from, limit: HISTORY_PAGE });
      const covered = page.next !== undefined ? page.next - 1 : range.after;
      apply(page.events, { after: from - 1, through: Math.min(covered, range.after) });
      if (page.next === undefined) break;
      from = page.next;
    }
  }

  function onMessage(message: FromWorker): void {
    switch (message.kind) {
      case 'hello':
        return store.setHello(message.hello);
      case 'connection':
        return store.setConnection(message.state);
      case 'reset':
        columns = undefined;
        revision += 1;
        return store.reset();
      case 'rejected':
        return store.noteRejectedPayload();
      case 'presence':
        return store.setPresence(message.presence);
      case 'events': {
        const { events, range } = message;
        queue = queue
          .then(async () => {
            if (store.hasGapBefore(range)) await fillGap(range);
            apply(events, range);
          })
          .catch((error: unknown) => console.warn(`[watchfloor] could not apply a batch: ${String(error)}`));
        return;
      }
    }
  }

  client = createHubClient(onMessage);
  client.connect(hubUrl, token, since);

  return {
    officer,
    hubUrl,
    store,
    hits: () => hitsFor([]),
    hitsRevision: () => revision,
    async send(command) {
      store.commandSent(command);
      let ack: CommandAck;
      try {
        ack = await client.command(command);
      } catch (error) {
        ack = { ok: false, code: 'conflict', message: `Not sent: ${error instanceof Error ? error.message : String(error)}. Try again.` };
      }
      store.commandAnswered(command, ack);
      return ack;
    },
    details: (hitId, reason) => client.details({ hitId, reason }),
    setDoNotDisturb: (until) => client.presence(until === undefined ? {} : { doNotDisturbUntil: until }),
    close: () => client.dispose(),
  };
}
