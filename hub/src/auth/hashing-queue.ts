/**
 * Password hashing is deliberately expensive (scrypt: a large part of a second of a core, and a lot of memory), so
 * the hub runs only a few at a time and serves waiting source addresses in turn: a flood from one address
 * waits behind its own attempts, while an officer elsewhere waits for at most one hashing per busy address.
 * Waiting is bounded too; beyond it an attempt is turned away at once with a hint when to retry.
 */
export interface HashingQueueLimits {
  /** Hashings at once: about the number of cores, leaving libuv threads for files and DNS. */
  readonly concurrent: number;
  /** Attempts one address may have waiting. */
  readonly waitingPerAddress: number;
  /** Attempts waiting in all. */
  readonly waitingInAll: number;
}

export const HASHING_LIMITS: HashingQueueLimits = { concurrent: 2, waitingPerAddress: 8, waitingInAll: 128 };

/** Retry hint for an attempt turned away because too many wait. */
export const HASHING_BUSY_RETRY_MS = 1000;

export type HashingOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly retryAfterMs: number };

export interface HashingQueue {
  /** Runs `work` when a slot is free and it is `address`'s turn, or refuses at once when too many wait. */
  run<T>(address: string, work: () => Promise<T>): Promise<HashingOutcome<T>>;
}

export function createHashingQueue(limits: HashingQueueLimits = HASHING_LIMITS): HashingQueue {
  // Waiting starts per address, in the order addresses came; served round-robin across addresses.
  const waiting = new Map<string, Array<() => void>>();
  let waitingCount = 0;
  let running = 0;

  function next(): void {
    while (running < limits.concurrent && waiting.size > 0) {
      const [address, queue] = waiting.entries().next().value as [string, Array<() => void>];
      waiting.delete(address);
      const start = queue.shift()!;
      // The address goes to the back of the line with whatever else it has waiting.
      if (queue.length > 0) waiting.set(address, queue);
      waitingCount -= 1;
      running += 1;
      start();
    }
  }

  return {
    async run(address, work) {
      if (running >= limits.concurrent || waiting.size > 0) {
        const queue = waiting.get(address) ?? [];
        if (queue.length >= limits.waitingPerAddress || waitingCount >= limits.waitingInAll) {
          return { ok: false, retryAfterMs: HASHING_BUSY_RETRY_MS };
        }
        await new Promise<void>((resolve) => {
          queue.push(resolve);
          waitingCount += 1;
          if (!waiting.has(address)) waiting.set(address, queue);
        });
      } else {
        running += 1;
      }
      try {
        return { ok: true, value: await work() };
      } finally {
        running -= 1;
        next();
      }
    },
  };
}
