import { describe, expect, it } from 'vitest';
import { createHashingQueue, HASHING_BUSY_RETRY_MS } from './hashing-queue';

/** Work the test finishes by hand, so the order things start in can be observed. */
function gate() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const work = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finishers.set(name, () => resolve(name));
    });
  const finish = async (name: string) => {
    finishers.get(name)!();
    // Let the queue hand the slot on.
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  };
  return { started, work, finish };
}

describe('hashing queue', () => {
  it('given a flood from one address, when another address asks, then it is served next, not after the flood', async () => {
    const queue = createHashingQueue({ concurrent: 1, waitingPerAddress: 100, waitingInAll: 100 });
    const { started, work, finish } = gate();
    const flood = Array.from({ length: 6 }, (_, index) => queue.run('attacker', work(`a${index}`)));
    const officer = queue.run('officer', work('o'));
    await finish('a0');
    expect(started).toEqual(['a0', 'a1']);
    await finish('a1');
    expect(started).toEqual(['a0', 'a1', 'o']);
    await finish('o');
    for (const name of ['a2', 'a3', 'a4', 'a5']) await finish(name);
    expect(await officer).toEqual({ ok: true, value: 'o' });
    expect(await Promise.all(flood)).toHaveLength(6);
  });

  it('given the slots taken, then no more run at once than the limit', async () => {
    const queue = createHashingQueue({ concurrent: 2, waitingPerAddress: 10, waitingInAll: 10 });
    const { started, work, finish } = gate();
    for (const name of ['a', 'b', 'c']) void queue.run(name, work(name));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('given an address with its waiting line full, then its next attempt is turned away at once while others still queue', async () => {
    const queue = createHashingQueue({ concurrent: 1, waitingPerAddress: 2, waitingInAll: 10 });
    const { work } = gate();
    void queue.run('attacker', work('running'));
    void queue.run('attacker', work('w1'));
    void queue.run('attacker', work('w2'));
    expect(await queue.run('attacker', work('w3'))).toEqual({ ok: false, retryAfterMs: HASHING_BUSY_RETRY_MS });
    const officer = queue.run('officer', work('o'));
    expect(await Promise.race([officer, Promise.resolve('waiting')])).toBe('waiting');
  });

  it('given many addresses waiting, then the total waiting is bounded', async () => {
    const queue = createHashingQueue({ concurrent: 1, waitingPerAddress: 2, waitingInAll: 3 });
    const { work } = gate();
    void queue.run('a', work('running'));
    for (const address of ['b', 'c', 'd']) void queue.run(address, work(address));
    expect(await queue.run('e', work('e'))).toEqual({ ok: false, retryAfterMs: HASHING_BUSY_RETRY_MS });
  });

  it('given work that fails, then its slot is freed for the next', async () => {
    const queue = createHashingQueue({ concurrent: 1, waitingPerAddress: 2, waitingInAll: 3 });
    const failing = queue.run('a', () => Promise.reject(new Error('scrypt failed')));
    const next = queue.run('b', () => Promise.resolve('ok'));
    await expect(failing).rejects.toThrow('scrypt failed');
    expect(await next).toEqual({ ok: true, value: 'ok' });
  });
});
