import { mulberry32 } from '@watchfloor/shared';

/**
 * A small seeded PRNG (mulberry32), so a fault schedule can be replayed from its seed. Each console's
 * delivery faults draw from a generator of its own (`fork`), so adding a draw in one place does not shift
 * every other decision of the run.
 */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A few distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A generator of its own for `label`, derived from the seed alone (draws nothing from this one). */
  fork(label: string): Random;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[Math.floor(next() * items.length)]!;
    },
    sample(items, count) {
      const pool = [...items];
      const taken: typeof pool = [];
      while (taken.length < count && pool.length > 0) taken.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return taken;
    },
    fork: (label) => seededRandom(hash(`${seed}:${label}`)),
  };
  return random;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
