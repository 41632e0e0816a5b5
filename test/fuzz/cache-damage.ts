import fc from 'fast-check';
import { CacheDatabase, CURRENT_STORES, type DatabaseOptions, type OutboxRow } from '../../renderer/src/cache/database';
import { OutboxRowSchema } from '../../renderer/src/cache/rows';
import { junk, PROTO_KEYS } from './arbitraries';

/**
 * Damage to the console's local cache, written straight into IndexedDB as a disk fault, another build or a
 * bug would leave it: a field of a stored row replaced by a value of the wrong type (structured-clone junk:
 * typed arrays, NaN, dates, maps, bigints), removed, or joined by a prototype key; a whole row replaced; a
 * junk row added. Keys stay what the store's key path allows, so the damage lands.
 */
export interface Damage {
  readonly store: string;
  readonly kind: 'replace' | 'remove' | 'pollute' | 'whole' | 'extra';
  /** In [0, 1): which row, and which part of it. */
  readonly row: number;
  readonly part: number;
  readonly value: unknown;
}

const cloneJunk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junk },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 40, undefined, 'not an id', '') },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 6 }).chain((length) =>
      fc.constantFrom(
        () => new Float32Array(length).fill(Number.NaN),
        () => new Float64Array(length).fill(-1),
        () => new Uint8Array(length).fill(255),
        () => new Uint16Array(length).fill(65535),
        () => new Date(Number.NaN),
        () => new Map([['key', length]]),
        () => new Set([length]),
        () => BigInt(length),
        () => Array.from({ length }, (_, index) => ({ seq: index, type: 'hit.raised' })),
      ).map((make) => make()),
    ),
  },
);

export const damages: fc.Arbitrary<readonly Damage[]> = fc.array(
  fc.record({
    store: fc.constantFrom(...CURRENT_STORES),
    kind: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'pollute', 'whole', 'extra'),
    row: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    part: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    value: cloneJunk,
  }),
  { minLength: 1, maxLength: 4 },
);

type Path = readonly (string | number)[];

/** Paths inside a row; typed arrays are one value each (a column, not a thousand fields). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

function parentOf(row: any, path: Path): any {
  return path.slice(0, -1).reduce((at, key) => at[key], row);
}

function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Writes `damage` into the cache database; false when there was nothing to damage or the store refused it. */
export async function applyDamage(raw: CacheDatabase, damage: Damage): Promise<boolean> {
  const table = raw.table(damage.store);
  const keyPath = table.schema.primKey.keyPath as string;
  const rows = await table.toArray();
  const key = (row: any) => row[keyPath];
  let damaged: any;
  if (damage.kind === 'extra' || rows.length === 0) {
    damaged = typeof damage.value === 'object' && damage.value !== null && !Array.isArray(damage.value) && !ArrayBuffer.isView(damage.value) ? { ...damage.value } : { value: damage.value };
    if (damage.store === 'meta') damaged[keyPath] = 'cache';
    else if (damage.store === 'outbox') delete damaged[keyPath];
    else if (['eventBlocks', 'hitChunks'].includes(damage.store)) damaged[keyPath] = Math.floor(damage.part * 1e6);
    else damaged[keyPath] = `fuzz-${Math.floor(damage.part * 1e6)}`;
  } else {
    const original = structuredClone(rows[Math.floor(damage.row * rows.length)]);
    const paths = pathsOf(original).filter((path) => path[0] !== keyPath);
    const path = paths[Math.floor(damage.part * paths.length)];
    damaged = original;
    if (damage.kind === 'whole' || path === undefined) {
      damaged = typeof damage.value === 'object' && damage.value !== null && !ArrayBuffer.isView(damage.value) ? { ...damage.value } : { value: damage.value };
      damaged[keyPath] = key(original);
    } else if (damage.kind === 'remove') {
      delete parentOf(damaged, path)[path[path.length - 1]!];
    } else if (damage.kind === 'pollute') {
      const holder = parentOf(damaged, path);
      define(holder, PROTO_KEYS[Math.floor(damage.part * PROTO_KEYS.length)]!, damage.value);
    } else {
      define(parentOf(damaged, path), path[path.length - 1]!, damage.value);
    }
  }
  try {
    await table.put(damaged);
    return true;
  } catch {
    // A key the store cannot take, or a second row with a unique mutation id: IndexedDB refused the write.
    return false;
  }
}

/** Opens a second connection beside the console's, as the tests that damage the disk do. */
export async function rawCache(name: string, options: DatabaseOptions): Promise<CacheDatabase> {
  const raw = new CacheDatabase(name, options, 'default');
  await raw.open();
  return raw;
}

/**
 * The queued commands a console must still send: rows that read back whole, for this officer and hub. A
 * row's key (`mutationId`) may differ from its command's after damage; each is what one side goes by.
 */
export async function readableOutbox(raw: CacheDatabase, officerId: string, hubId: string): Promise<OutboxRow[]> {
  return (await raw.outbox.toArray()).flatMap((row) => {
    const parsed = OutboxRowSchema.safeParse(row);
    return parsed.success && parsed.data.officerId === officerId && parsed.data.hubId === hubId ? [parsed.data as OutboxRow] : [];
  });
}
