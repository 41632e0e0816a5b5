/**
 * A `Map` keyed by id for collections that grow to millions (the alerts a console holds, their rows and
 * ordinals): the entries are spread over many small hash tables, picked by a few characters of the id.
 * One JavaScript `Map` doubles its table when it fills, copying every entry in one go: at a million
 * entries a single `set` then blocks the thread for a hundred milliseconds or more. Here each table holds
 * a small share, so a doubling copies only that share and adding an entry stays cheap at any size.
 *
 * Iteration goes table by table, each in insertion order: the same order for the same insertions, but not
 * insertion order overall. Callers that need an order sort, as the views do.
 */
const SHARDS = 128;
const SHARD_MASK = SHARDS - 1;
/**
 * The id's last two characters choose its table: ids differ most at their end (counters, random
 * suffixes). Two decimal digits give 100 distinct tables (13 * 9 + 9 < 128), hex digits 256 combinations.
 * An id of fewer than two characters reads NaN, which picks table 0.
 */
function shardOf(id: string): number {
  const last = id.length - 1;
  return (id.charCodeAt(last) * 13 + id.charCodeAt(last - 1)) & SHARD_MASK;
}

export class IdMap<V> implements Map<string, V> {
  private readonly shards: Map<string, V>[] = Array.from({ length: SHARDS }, () => new Map<string, V>());
  private count = 0;

  constructor(entries?: Iterable<readonly [string, V]>) {
    if (entries !== undefined) for (const [id, value] of entries) this.set(id, value);
  }

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'IdMap';
  }

  get(id: string): V | undefined {
    return this.shards[shardOf(id)]!.get(id);
  }

  has(id: string): boolean {
    return this.shards[shardOf(id)]!.has(id);
  }

  set(id: string, value: V): this {
    const shard = this.shards[shardOf(id)]!;
    const before = shard.size;
    shard.set(id, value);
    this.count += shard.size - before;
    return this;
  }

  delete(id: string): boolean {
    const deleted = this.shards[shardOf(id)]!.delete(id);
    if (deleted) this.count -= 1;
    return deleted;
  }

  clear(): void {
    for (const shard of this.shards) shard.clear();
    this.count = 0;
  }

  forEach(callback: (value: V, id: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const shard of this.shards) for (const [id, value] of shard) callback.call(thisArg, value, id, this);
  }

  entries(): MapIterator<[string, V]> {
    return chained(this.shards, (shard) => shard.entries());
  }

  keys(): MapIterator<string> {
    return chained(this.shards, (shard) => shard.keys());
  }

  values(): MapIterator<V> {
    return chained(this.shards, (shard) => shard.values());
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/**
 * The tables' iterators one after the other. Written out rather than as a generator, which would resume
 * once per entry: a view built from a million alerts iterates them all.
 */
function chained<V, T>(shards: readonly Map<string, V>[], open: (shard: Map<string, V>) => MapIterator<T>): MapIterator<T> {
  let index = 0;
  let current = open(shards[0]!);
  const iterator = {
    next(): IteratorResult<T, undefined> {
      for (;;) {
        const step = current.next();
        if (step.done !== true || index === shards.length - 1) return step;
        index += 1;
        current = open(shards[index]!);
      }
    },
    [Symbol.iterator]: () => iterator,
  };
  return iterator as MapIterator<T>;
}
