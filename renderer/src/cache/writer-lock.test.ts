import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createCacheChanges,
  electWriter,
  showWindow,
  WRITER_TIMEOUT_MS,
  type CacheChange,
  type ChannelLike,
  type LockManagerLike,
  type OpenChannel,
} from './writer-lock';

/** Web Locks as the browser gives them: one holder per name, waiters served in order, abort leaves the queue. */
function fakeLocks(): LockManagerLike {
  const queues = new Map<string, Array<() => void>>();
  const held = new Set<string>();
  const next = (name: string) => {
    const waiter = queues.get(name)?.shift();
    if (waiter !== undefined) waiter();
  };
  return {
    request(name, { signal }, callback) {
      return new Promise((resolve, reject) => {
        const run = () => {
          held.add(name);
          void callback().then((value) => {
            held.delete(name);
            resolve(value);
            next(name);
          });
        };
        if (!held.has(name)) return run();
        const queue = queues.get(name) ?? [];
        queue.push(run);
        queues.set(name, queue);
        signal?.addEventListener('abort', () => {
          queues.set(name, (queues.get(name) ?? []).filter((waiter) => waiter !== run));
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  };
}

/** BroadcastChannel between windows of one origin: delivered to every other instance, asynchronously. */
function fakeChannels(): OpenChannel {
  const open = new Map<string, Set<ChannelLike>>();
  return (name) => {
    const peers = open.get(name) ?? new Set<ChannelLike>();
    open.set(name, peers);
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        for (const peer of peers) if (peer !== channel) queueMicrotask(() => peer.onmessage?.({ data: structuredClone(message) }));
      },
      close: () => peers.delete(channel),
    };
    peers.add(channel);
    return channel;
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

afterEach(() => {
  vi.useRealTimers();
});

describe('writer election with Web Locks', () => {
  it('given two windows, then only the first writes, and the second takes over when the first releases', async () => {
    const locks = fakeLocks();
    const desk = electWriter('cache', { locks });
    const wall = electWriter('cache', { locks });
    await desk.elected;
    await flush();
    expect([desk.isWriter(), wall.isWriter()]).toEqual([true, false]);

    desk.release();
    await wall.elected;

    expect([desk.isWriter(), wall.isWriter()]).toEqual([false, true]);
  });

  it('given a waiting window that leaves, then it never becomes the writer', async () => {
    const locks = fakeLocks();
    const desk = electWriter('cache', { locks });
    const wall = electWriter('cache', { locks });
    const third = electWriter('cache', { locks });
    wall.release();
    desk.release();
    await third.elected;
    await flush();
    expect([wall.isWriter(), third.isWriter()]).toEqual([false, true]);
  });
});

describe('writer election over BroadcastChannel (no Web Locks)', () => {
  async function advance(ms: number) {
    await vi.advanceTimersByTimeAsync(ms);
    await flush();
  }

  it('given two windows, then exactly one writes, and the other takes over after the writer goes silent', async () => {
    vi.useFakeTimers();
    const openChannel = fakeChannels();
    const a = electWriter('cache', { locks: undefined, openChannel, id: 'a' });
    const b = electWriter('cache', { locks: undefined, openChannel, id: 'b' });
    await advance(WRITER_TIMEOUT_MS);
    expect([a.isWriter(), b.isWriter()]).toEqual([true, false]);

    a.release();
    await advance(WRITER_TIMEOUT_MS);

    expect(b.isWriter()).toBe(true);
  });

  it('given a writer, when a new window opens, then the writer keeps writing and the newcomer follows', async () => {
    vi.useFakeTimers();
    const openChannel = fakeChannels();
    const b = electWriter('cache', { locks: undefined, openChannel, id: 'b' });
    await advance(WRITER_TIMEOUT_MS);
    const a = electWriter('cache', { locks: undefined, openChannel, id: 'a' });
    await advance(WRITER_TIMEOUT_MS * 3);
    expect([a.isWriter(), b.isWriter()]).toEqual([false, true]);
  });
});

describe('window presence with Web Locks', () => {
  it('given two open windows, when one closes, then the other sees it gone, and never sees itself or a live one gone', async () => {
    const locks = fakeLocks();
    const desk = showWindow('cache', { locks, id: 'desk' });
    const wall = showWindow('cache', { locks, id: 'wall' });
    await Promise.all([desk.shown, wall.shown]);
    expect(desk.visible).toBe(true);
    expect(await desk.gone(['desk', 'wall'])).toEqual(new Set());

    wall.release();
    await flush();

    expect(await desk.gone(['desk', 'wall', 'crashed-yesterday'])).toEqual(new Set(['wall', 'crashed-yesterday']));
  });

  it('given two caches, then a window of one is not taken for a window of the other', async () => {
    const locks = fakeLocks();
    const other = showWindow('other-cache', { locks, id: 'wall' });
    const desk = showWindow('cache', { locks, id: 'desk' });
    await Promise.all([other.shown, desk.shown]);
    expect(await desk.gone(['wall'])).toEqual(new Set(['wall']));
  });
});

describe('window presence without Web Locks', () => {
  it('given no Web Locks, then the window says others cannot see it, and counts every other window as gone', async () => {
    const desk = showWindow('cache', { locks: undefined, id: 'desk' });
    await desk.shown;
    expect(desk.visible).toBe(false);
    expect(await desk.gone(['desk', 'wall'])).toEqual(new Set(['wall']));
  });
});

describe('cache change notices', () => {
  it('given a writer announcing a batch, then followers hear it and malformed messages are ignored', async () => {
    const openChannel = fakeChannels();
    const writer = createCacheChanges('cache', openChannel);
    const follower = createCacheChanges('cache', openChannel);
    const heard: CacheChange[] = [];
    follower.subscribe((change) => heard.push(change));

    writer.announce({ kind: 'batch', through: 42 });
    openChannel('cache:changes').postMessage({ kind: 'batch', through: 'soon' });
    await flush();

    expect(heard).toEqual([{ kind: 'batch', through: 42 }]);
    writer.close();
    follower.close();
  });
});
