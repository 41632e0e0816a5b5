import { conflict, refuse, type Command, type CommandAck } from '@watchfloor/shared';
import { aCommand, officers } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalCache, showWindow, type LocalCache, type WindowPresence } from '../cache';
import { adoptOrphans, createOutboxSender, durableOutbox, memoryOutbox, type Outbox } from './outbox';

const ack = (n: number): Command => ({ type: 'acknowledge', alertId: `hit-${n}`, mutationId: `m-000000000${n}` });

function harness(answer: (command: Command) => Promise<CommandAck>, retryAfterStall?: () => number | undefined) {
  const outbox: Outbox = memoryOutbox(() => 0);
  const log: string[] = [];
  let inFlight = 0;
  let most = 0;
  const sender = createOutboxSender({
    outbox: () => outbox,
    async send(command) {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await answer(command);
      } finally {
        inFlight -= 1;
      }
    },
    onSending: (entry) => log.push(`send ${entry.command.alertId}`),
    onAnswer: (entry, result) => log.push(`${result.ok ? 'ok' : 'refused'} ${entry.command.alertId}`),
    onStalled: (entry) => log.push(`stalled ${entry.command.alertId}`),
    ...(retryAfterStall === undefined ? {} : { retryAfterStall }),
  });
  return { outbox, sender, log, most: () => most };
}

describe('outbox sender', () => {
  it('given several queued commands, then they go one at a time, oldest first, and leave only on an answer', async () => {
    const { outbox, sender, log, most } = harness(async () => ({ ok: true, seq: 1 }));
    for (const n of [1, 2, 3]) await outbox.enqueue(ack(n));
    sender.kick();
    await sender.idle();
    expect(log).toEqual(['send hit-1', 'ok hit-1', 'send hit-2', 'ok hit-2', 'send hit-3', 'ok hit-3']);
    expect(most()).toBe(1);
    expect(await outbox.pending()).toEqual([]);
  });

  it('given the hub out of reach, then the command stays queued and goes, with the same mutation id, on the next kick', async () => {
    let reachable = false;
    const sent: string[] = [];
    const { outbox, sender, log } = harness(async (command) => {
      sent.push(command.mutationId);
      if (!reachable) throw new Error('not connected to the hub');
      return { ok: true, seq: 9 };
    });
    await outbox.enqueue(ack(1));
    sender.kick();
    await sender.idle();
    expect(log).toEqual(['send hit-1', 'stalled hit-1']);
    expect((await outbox.pending()).map((entry) => entry.attempts)).toEqual([1]);
    reachable = true;
    sender.kick();
    await sender.idle();
    expect(sent).toEqual(['m-0000000001', 'm-0000000001']);
    expect(await outbox.pending()).toEqual([]);
  });

  it('given a rate-limited answer, then the command stays queued, is not rolled back, and goes again after retryAfterMs', async () => {
    vi.useFakeTimers();
    try {
      let limited = true;
      const { outbox, sender, log } = harness(async () =>
        limited ? { ...refuse('rate-limited', 'rate-limited', { request: 'command', seconds: 2 }), retryAfterMs: 2000 } : { ok: true, seq: 4 },
      );
      await outbox.enqueue(ack(1));
      await outbox.enqueue(ack(2));
      sender.kick();
      await sender.idle();
      expect(log).toEqual(['send hit-1', 'stalled hit-1']);
      expect((await outbox.pending()).map((entry) => entry.mutationId)).toEqual(['m-0000000001', 'm-0000000002']);
      limited = false;
      await vi.advanceTimersByTimeAsync(1999);
      expect(log).toEqual(['send hit-1', 'stalled hit-1']);
      await vi.advanceTimersByTimeAsync(1);
      await sender.idle();
      expect(log).toEqual(['send hit-1', 'stalled hit-1', 'send hit-1', 'ok hit-1', 'send hit-2', 'ok hit-2']);
      expect(await outbox.pending()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('given a refusal, then the command leaves the outbox and the next one is sent', async () => {
    const { outbox, sender, log } = harness(async (command) =>
      command.alertId === 'hit-1' ? conflict('held-by-other', { name: 'Bola' }) : { ok: true, seq: 3 },
    );
    await outbox.enqueue(ack(1));
    await outbox.enqueue(ack(2));
    sender.kick();
    await sender.idle();
    expect(log).toEqual(['send hit-1', 'refused hit-1', 'send hit-2', 'ok hit-2']);
  });

  it('given a kick while a send is failing, then it retries at once rather than waiting for another kick', async () => {
    let calls = 0;
    let kickDuringSend: (() => void) | undefined;
    const { outbox, sender, log } = harness(async () => {
      calls += 1;
      if (calls === 1) {
        kickDuringSend?.();
        throw new Error('the hub did not answer in time');
      }
      return { ok: true, seq: 4 };
    });
    kickDuringSend = () => sender.kick();
    await outbox.enqueue(ack(1));
    sender.kick();
    await sender.idle();
    expect(log).toEqual(['send hit-1', 'stalled hit-1', 'send hit-1', 'ok hit-1']);
  });

  it('given an answer that timed out while the hub stays reachable, then the command is sent again by itself, with the same mutation id', async () => {
    // Found by the fault-injection suite (seed 1, short): a one-way stall longer than the answer timeout
    // left an applied command pending until the officer happened to give another one.
    const sent: string[] = [];
    const { outbox, sender, log } = harness(
      async (command) => {
        sent.push(command.mutationId);
        if (sent.length === 1) throw new Error('the hub did not answer in time');
        return { ok: true, seq: 5, duplicate: true };
      },
      () => 1,
    );
    await outbox.enqueue(ack(1));
    sender.kick();
    await vi.waitFor(() => expect(log).toEqual(['send hit-1', 'stalled hit-1', 'send hit-1', 'ok hit-1']));
    expect(sent).toEqual(['m-0000000001', 'm-0000000001']);
    expect(await outbox.pending()).toEqual([]);
  });

  it('refuses a second command with the same mutation id', async () => {
    const outbox = memoryOutbox();
    expect(await outbox.enqueue(ack(1))).toEqual({ ok: true });
    expect(await outbox.enqueue(ack(1))).toMatchObject({ ok: false });
  });
});

describe('outbox sender after stop', () => {
  it('touches the outbox no more, and leaves an unanswered command queued for the next start', async () => {
    let answer: ((ack: CommandAck) => void) | undefined;
    const outbox = memoryOutbox(() => 0);
    const answers: string[] = [];
    const sender = createOutboxSender({
      outbox: () => outbox,
      send: () => new Promise<CommandAck>((resolve) => (answer = resolve)),
      onSending: () => undefined,
      onAnswer: (entry) => answers.push(entry.mutationId),
      onStalled: () => undefined,
    });
    await outbox.enqueue(ack(1));
    sender.kick();
    await vi.waitFor(() => expect(answer).not.toBe(undefined));
    sender.stop();
    answer!({ ok: true, seq: 3 });
    await sender.idle();
    expect(answers).toEqual([]);
    expect((await outbox.pending()).map((entry) => entry.mutationId)).toEqual(['m-0000000001']);
  });
});

const caches: LocalCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
});

/** One workstation's cache, opened by each window that shares it. */
function aSharedCache(): () => Promise<LocalCache> {
  const options = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'outbox-owners' };
  return async () => {
    const { cache } = await openLocalCache({ officerId: officers.duty.id, hubId: 'hub-a' }, options);
    caches.push(cache);
    return cache;
  };
}

/** A window whose view of the others is given: `alive` lists the windows still open. */
function aWindow(id: string, alive: () => readonly string[]): Pick<WindowPresence, 'id' | 'gone'> {
  return { id, gone: async (ids) => new Set([...ids].filter((other) => other !== id && !alive().includes(other))) };
}

const acknowledge = (alertId: string): Command => aCommand({ type: 'acknowledge', alertId });

describe('durable outbox shared by windows', () => {
  it('given commands given in two windows, then each window sends only its own, so none is sent twice', async () => {
    const openCache = aSharedCache();
    const desk = durableOutbox(await openCache(), 'desk');
    const wall = durableOutbox(await openCache(), 'wall');
    await desk.enqueue(acknowledge('hit-1'));
    await wall.enqueue(acknowledge('hit-2'));
    const sent: string[] = [];
    const senderOf = (outbox: Outbox, window: string) =>
      createOutboxSender({
        outbox: () => outbox,
        send: async (command) => (sent.push(`${window} ${command.alertId}`), { ok: true, seq: 1 }),
        onSending: () => undefined,
        onAnswer: () => undefined,
        onStalled: () => undefined,
      });
    const senders = [senderOf(desk, 'desk'), senderOf(wall, 'wall')];

    senders.forEach((sender) => sender.kick());
    await Promise.all(senders.map((sender) => sender.idle()));

    expect(sent.sort()).toEqual(['desk hit-1', 'wall hit-2']);
    expect([await desk.pending(), await wall.pending()]).toEqual([[], []]);
  });
});

describe('adopting the commands of a window that has gone', () => {
  it('given a closed window and a live one, when the writer adopts, then it takes the closed one’s commands, in order, and leaves the live one’s', async () => {
    const openCache = aSharedCache();
    let alive = ['desk', 'wall', 'map'];
    const writer = await openCache();
    const [first, second, live] = [acknowledge('hit-1'), acknowledge('hit-2'), acknowledge('hit-3')];
    const wall = durableOutbox(await openCache(), 'wall');
    await wall.enqueue(first);
    await durableOutbox(await openCache(), 'map').enqueue(live);
    await wall.enqueue(second);

    expect(await adoptOrphans(writer, aWindow('desk', () => alive))).toEqual([]);
    alive = ['desk', 'map'];
    const adopted = await adoptOrphans(writer, aWindow('desk', () => alive));

    expect(adopted.map((entry) => entry.command)).toEqual([first, second]);
    expect((await durableOutbox(writer, 'desk').pending()).map((entry) => entry.command)).toEqual([first, second]);
    expect((await writer.pending('map')).map((entry) => entry.command)).toEqual([live]);
    expect(await adoptOrphans(writer, aWindow('desk', () => alive))).toEqual([]);
  });

  it('given a window that opens and queues while the writer asks who has gone, then its command is not adopted', async () => {
    const openCache = aSharedCache();
    const writer = await openCache();
    await writer.enqueue(acknowledge('hit-1'), { owner: 'wall' });
    const late = acknowledge('hit-2');
    const lateCache = await openCache();
    const asking: Pick<WindowPresence, 'id' | 'gone'> = {
      id: 'desk',
      async gone(ids) {
        // Asked before the new window took its lock: only the writer is alive at this moment.
        const answer = new Set([...ids].filter((id) => id !== 'desk'));
        await lateCache.enqueue(late, { owner: 'late' });
        return answer;
      },
    };

    const adopted = await adoptOrphans(writer, asking);

    expect(adopted.map((entry) => entry.command.alertId)).toEqual(['hit-1']);
    expect((await writer.pending('late')).map((entry) => entry.command)).toEqual([late]);
  });

  it('given commands from a build that kept no owner, when a writer starts, then they are its own', async () => {
    const openCache = aSharedCache();
    const writer = await openCache();
    const old = acknowledge('hit-1');
    await writer.enqueue(old);
    expect((await adoptOrphans(writer, aWindow('desk', () => ['desk']))).map((entry) => entry.command)).toEqual([old]);
  });

  it('given no Web Locks, when the writer adopts, then every command not its own is its own, since only writers queue there', async () => {
    const openCache = aSharedCache();
    const writer = await openCache();
    await writer.enqueue(acknowledge('hit-1'), { owner: 'former-writer' });
    await writer.enqueue(acknowledge('hit-2'), { owner: 'desk' });
    const desk = showWindow('outbox-owners', { locks: undefined, id: 'desk' });

    const adopted = await adoptOrphans(writer, desk);

    expect(adopted.map((entry) => entry.command.alertId)).toEqual(['hit-1']);
    expect((await writer.pending('desk')).map((entry) => entry.command.alertId)).toEqual(['hit-1', 'hit-2']);
  });
});
